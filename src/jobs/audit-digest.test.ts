import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds } from "../../test/support/databases";
import { TestClock, testContext } from "../../test/support/context";
import { seedPractice } from "../../test/support/http";
import { appendAudit } from "../app/audit/audit-log";
import { scheduleAuditDigest } from "../app/audit/daily-digest";
import { runDueJobs } from "./runner";

for (const kind of databaseKinds) {
  describe(`the daily audit digest (${kind.name})`, () => {
    it("mails each admin the chain head once a day, once across instances, and schedules the next day", async () => {
      const database = await kind.open();
      try {
        const clock = new TestClock();
        clock.current = new Date("2026-12-01T12:00:00Z");
        const a = testContext(database.db, clock);
        const b = testContext(database.db, clock);
        const { practice, people } = await seedPractice(a, "digest");
        await appendAudit(
          database.db,
          { practiceId: practice.id, actorId: null, action: "test.one" },
          clock.now(),
        );
        await scheduleAuditDigest(database.db, clock.now());
        await scheduleAuditDigest(database.db, clock.now()); // a second instance starting
        await runDueJobs(a);
        assert.equal(a.sent.length, 0, "not before 07:00 the next day");
        clock.current = new Date("2026-12-02T07:00:01Z");
        await Promise.all([runDueJobs(a), runDueJobs(b)]);
        const mails = [...a.sent, ...b.sent];
        assert.deepEqual(
          mails.map((m) => m.to),
          [people.admin.email],
        );
        const head = await database.db
          .selectFrom("audit_heads")
          .selectAll()
          .where("chain", "=", practice.id)
          .executeTakeFirstOrThrow();
        assert.ok(mails[0]!.text.includes(`${head.seq}:${head.hash}`));
        assert.match(mails[0]!.text, /1 entry was added/);
        clock.current = new Date("2026-12-03T07:00:01Z");
        await runDueJobs(a);
        assert.equal(a.sent.length + b.sent.length, 2, "the next day's digest was scheduled");
      } finally {
        await database.close();
      }
    });
  });
}
