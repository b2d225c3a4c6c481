import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { databaseKinds, type TestDatabase } from "../../test/support/databases";
import { TestClock, testContext } from "../../test/support/context";
import { seedPolicyPractice } from "../../test/policy/fixtures";
import type { Db, OpenDatabase } from "../store/database";
import { openDataFolder } from "../../test/support/template";
import type { AppContext } from "../app/context";
import {
  acknowledgePolicy,
  loadPublished,
  policySummary,
  publishTemplateForDemo,
  sendAcknowledgementReminders,
} from "../app/policy";
import { enqueueScheduledJobs, runDueJobs } from "./runner";

const DAY = 86_400_000;
const outboxCount = async (db: Db, practiceId: string, subject: RegExp): Promise<number> =>
  (await db.selectFrom("outbox").select("subject").where("practice_id", "=", practiceId).execute()).filter(
    (r) => subject.test(r.subject),
  ).length;
/** The daily audit digest goes out on the same schedule; these tests count the policy's mails only. */
const notDigest = (m: { subject: string }): boolean => !m.subject.startsWith("Audit log digest");
/** What the daily cron does: enqueue the scheduled jobs, then every instance runs what is due. */
const runDailySchedule = async (ctx: AppContext): Promise<number> => {
  await enqueueScheduledJobs(ctx, { outboxBodyDays: 90 });
  return runDueJobs(ctx);
};

describe("policy reminders survive a restart (PGlite data folder reopened)", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "safepost-policy-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reminds after the process restarts, and only those who have not acknowledged", async () => {
    const clock = new TestClock();
    const open = (): Promise<OpenDatabase> => openDataFolder(dir, { clock: "test" });
    let opened = await open();
    let ctx = testContext(opened, clock);
    const { practice, users } = await seedPolicyPractice(ctx, "restart");
    await publishTemplateForDemo(ctx, practice.id);
    const v = (await loadPublished(ctx.db, practice.id))!;
    await acknowledgePolicy(ctx, practice.id, v.id, { userId: users.staff.id });
    await opened.close(); // the app stops before the job runs

    opened = await open();
    ctx = testContext(opened, clock);
    await runDueJobs(ctx);
    assert.equal(ctx.sent.length, 4, "the first round goes to the four who have not acknowledged");
    assert.ok(!ctx.sent.some((m) => m.to === users.staff.email));
    await opened.close();

    clock.advance(7 * DAY + 60_000);
    opened = await open();
    ctx = testContext(opened, clock);
    await acknowledgePolicy(ctx, practice.id, v.id, { userId: users.admin.id });
    await runDailySchedule(ctx);
    assert.deepEqual(
      ctx.sent
        .filter(notDigest)
        .map((m) => m.to)
        .sort(),
      [users.approver.email, users.poster.email, users.rep.email].sort(),
    );
    assert.match(
      ctx.sent.filter(notDigest)[0]!.subject,
      /^Reminder: please read the social media policy \(version 1\.0\)/,
    );
    const sentRows = await opened.db
      .selectFrom("outbox")
      .select(["status", "subject"])
      .where("practice_id", "=", practice.id)
      .execute();
    assert.equal(
      sentRows.filter((r) => r.status === "kept" && notDigest(r)).length,
      7,
      "every queued mail was delivered by its job",
    );
    await opened.close();
  });
});

for (const kind of databaseKinds) {
  describe(`policy reminders (${kind.name})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await kind.open();
    });
    after(async () => {
      await database.close();
    });

    it("two instances running due jobs at once send each reminder once", async () => {
      const clock = new TestClock();
      // A database of its own: the second instance's test clock is removed from the shared schema when it closes.
      const first = await kind.open();
      const second = await first.another();
      try {
        const a = testContext(first, clock);
        const b = testContext(second, clock);
        const { practice } = await seedPolicyPractice(a, "twins");
        await publishTemplateForDemo(a, practice.id);
        await Promise.all([runDueJobs(a), runDueJobs(b), runDueJobs(a), runDueJobs(b)]);
        assert.equal([...a.sent, ...b.sent].filter((m) => m.practiceId === practice.id).length, 5);
        clock.advance(7 * DAY + 1000);
        // Even if both instances' schedules fired (the queue fires a cron once), each person gets one reminder.
        await Promise.all([runDailySchedule(a), runDailySchedule(b)]);
        await Promise.all([runDueJobs(a), runDueJobs(b)]);
        assert.equal(await outboxCount(first.db, practice.id, /^Reminder/), 5);
        assert.equal(await outboxCount(first.db, practice.id, /^Please read/), 5);
      } finally {
        await second.close();
        await first.close();
      }
    });

    it("a reminder job that runs again after a crash mails nobody twice", async () => {
      const ctx = testContext(database);
      const { practice } = await seedPolicyPractice(ctx, "crash");
      await publishTemplateForDemo(ctx, practice.id);
      const payload = { practiceId: practice.id, major: 1, round: 0 };
      assert.equal(await sendAcknowledgementReminders(ctx, payload), 5);
      assert.equal(await sendAcknowledgementReminders(ctx, payload), 0);
    });

    it("stops reminding once everyone has acknowledged", async () => {
      const clock = new TestClock();
      const ctx = testContext(database, clock);
      const { practice, users } = await seedPolicyPractice(ctx, "alldone");
      await publishTemplateForDemo(ctx, practice.id);
      const v = (await loadPublished(ctx.db, practice.id))!;
      for (const u of Object.values(users)) await acknowledgePolicy(ctx, practice.id, v.id, { userId: u.id });
      await runDueJobs(ctx);
      clock.advance(30 * DAY);
      await runDailySchedule(ctx);
      assert.equal(ctx.sent.filter((m) => m.practiceId === practice.id && notDigest(m)).length, 0);
    });

    it("reminds admins before the review date and shows the policy as needing review once overdue", async () => {
      const clock = new TestClock();
      const ctx = testContext(database, clock);
      const { practice, users } = await seedPolicyPractice(ctx, "review");
      await publishTemplateForDemo(ctx, practice.id);
      const v = (await loadPublished(ctx.db, practice.id))!;
      for (const u of Object.values(users)) await acknowledgePolicy(ctx, practice.id, v.id, { userId: u.id });
      assert.equal(v.review_due, "2027-11-21");
      clock.current = new Date("2027-10-22T09:00:00Z"); // 30 days before
      await runDailySchedule(ctx);
      await runDailySchedule(ctx);
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
      await runDailySchedule(ctx);
      assert.ok(ctx.sent.some((m) => m.practiceId === practice.id && /overdue/.test(m.subject)));
      assert.equal((await policySummary(ctx, practice.id, users.admin.id)).needsReview, true);
    });
  });
}
