import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { databaseKinds } from "../../test/support/databases";
import { TestClock, testContext } from "../../test/support/context";
import { seedPolicyPractice } from "../../test/policy/fixtures";
import { openDatabase, type Db, type OpenDatabase } from "../store/database";
import {
  acknowledgePolicy,
  loadPublished,
  policySummary,
  publishTemplateForDemo,
  sendAcknowledgementReminders,
} from "../app/policy";
import { runDueJobs } from "./runner";

const DAY = 86_400_000;
const outboxCount = async (db: Db, practiceId: string, subject: RegExp): Promise<number> =>
  (await db.selectFrom("outbox").select("subject").where("practice_id", "=", practiceId).execute()).filter(
    (r) => subject.test(r.subject),
  ).length;

describe("policy reminders survive a restart (PGlite data folder reopened)", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "safepost-policy-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reminds after the process restarts, and only those who have not acknowledged", async () => {
    const clock = new TestClock();
    let opened = await openDatabase({ dataDir: dir });
    let ctx = testContext(opened.db, clock);
    const { practice, users } = await seedPolicyPractice(ctx, "restart");
    await publishTemplateForDemo(ctx, practice.id);
    const v = (await loadPublished(ctx.db, practice.id))!;
    await acknowledgePolicy(ctx, practice.id, v.id, { userId: users.staff.id });
    await opened.close(); // the app stops before the job runs

    opened = await openDatabase({ dataDir: dir });
    ctx = testContext(opened.db, clock);
    await runDueJobs(ctx);
    assert.equal(ctx.sent.length, 4, "the first round goes to the four who have not acknowledged");
    assert.ok(!ctx.sent.some((m) => m.to === users.staff.email));
    await opened.close();

    clock.advance(7 * DAY + 60_000);
    opened = await openDatabase({ dataDir: dir });
    ctx = testContext(opened.db, clock);
    await acknowledgePolicy(ctx, practice.id, v.id, { userId: users.admin.id });
    await runDueJobs(ctx);
    assert.deepEqual(
      ctx.sent.map((m) => m.to).sort(),
      [users.approver.email, users.poster.email, users.rep.email].sort(),
    );
    assert.match(ctx.sent[0]!.subject, /^Reminder: please read the social media policy \(version 1\.0\)/);
    await opened.close();
  });
});

for (const kind of databaseKinds) {
  describe(`policy reminders (${kind.name})`, () => {
    let database: OpenDatabase;
    before(async () => {
      database = await kind.open();
    });
    after(async () => {
      await database.close();
    });

    it("two instances running due jobs at once send each reminder once", async () => {
      const clock = new TestClock();
      const a = testContext(database.db, clock);
      const b = testContext(database.db, clock);
      const { practice } = await seedPolicyPractice(a, "twins");
      await publishTemplateForDemo(a, practice.id);
      await Promise.all([runDueJobs(a), runDueJobs(b), runDueJobs(a), runDueJobs(b)]);
      assert.equal([...a.sent, ...b.sent].filter((m) => m.practiceId === practice.id).length, 5);
      clock.advance(7 * DAY + 1000);
      await Promise.all([runDueJobs(a), runDueJobs(b)]);
      assert.equal(await outboxCount(database.db, practice.id, /^Reminder/), 5);
      assert.equal(await outboxCount(database.db, practice.id, /^Please read/), 5);
    });

    it("a reminder job that runs again after a crash mails nobody twice", async () => {
      const ctx = testContext(database.db);
      const { practice } = await seedPolicyPractice(ctx, "crash");
      await publishTemplateForDemo(ctx, practice.id);
      const payload = { practiceId: practice.id, major: 1, round: 0 };
      assert.equal(await sendAcknowledgementReminders(ctx, payload), 5);
      assert.equal(await sendAcknowledgementReminders(ctx, payload), 0);
    });

    it("stops reminding once everyone has acknowledged", async () => {
      const clock = new TestClock();
      const ctx = testContext(database.db, clock);
      const { practice, users } = await seedPolicyPractice(ctx, "alldone");
      await publishTemplateForDemo(ctx, practice.id);
      const v = (await loadPublished(ctx.db, practice.id))!;
      for (const u of Object.values(users)) await acknowledgePolicy(ctx, practice.id, v.id, { userId: u.id });
      await runDueJobs(ctx);
      clock.advance(30 * DAY);
      await runDueJobs(ctx);
      assert.equal(ctx.sent.filter((m) => m.practiceId === practice.id).length, 0);
    });

    it("reminds admins before the review date and shows the policy as needing review once overdue", async () => {
      const clock = new TestClock();
      const ctx = testContext(database.db, clock);
      const { practice, users } = await seedPolicyPractice(ctx, "review");
      await publishTemplateForDemo(ctx, practice.id);
      const v = (await loadPublished(ctx.db, practice.id))!;
      for (const u of Object.values(users)) await acknowledgePolicy(ctx, practice.id, v.id, { userId: u.id });
      assert.equal(v.review_due, "2027-11-21");
      clock.current = new Date("2027-10-22T09:00:00Z"); // 30 days before
      await runDueJobs(ctx);
      await runDueJobs(ctx);
      const review = ctx.sent.filter((m) => m.practiceId === practice.id && /review/.test(m.subject));
      assert.deepEqual(
        review.map((m) => m.to),
        [users.admin.email],
      );
      assert.equal(
        (await policySummary(ctx, practice.id, users.admin.id)).published?.reviewState,
        "due-soon",
      );
      clock.current = new Date("2027-11-23T09:00:00Z");
      await runDueJobs(ctx);
      assert.ok(ctx.sent.some((m) => m.practiceId === practice.id && /overdue/.test(m.subject)));
      assert.equal((await policySummary(ctx, practice.id, users.admin.id)).needsReview, true);
    });
  });
}
