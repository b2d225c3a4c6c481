import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds } from "../../test/support/databases";
import { TestClock, testContext } from "../../test/support/context";
import { seedPractice } from "../../test/support/http";
import { appendAudit } from "../app/audit/audit-log";
import { enqueueScheduledJobs, runDueJobs } from "./runner";
import { jobDefinitions } from "./definitions";

for (const kind of databaseKinds) {
  describe(`the daily audit digest (${kind.name})`, () => {
    it("is a daily schedule that mails each admin the chain head, once across two instances", async () => {
      assert.equal(jobDefinitions["audit.daily-digest"].cron, "0 7 * * *");
      const database = await kind.open();
      try {
        const clock = new TestClock();
        clock.current = new Date("2026-12-02T07:00:01Z");
        const a = testContext(database, clock);
        const b = testContext(database, clock);
        const { practice, people } = await seedPractice(a, "digest");
        await appendAudit(
          database.db,
          { practiceId: practice.id, actorId: null, action: "test.one" },
          new Date("2026-12-01T12:00:00Z"),
        );
        a.sent.length = 0;
        await enqueueScheduledJobs(a, { outboxBodyDays: 90 });
        await Promise.all([runDueJobs(a), runDueJobs(b)]);
        const mails = [...a.sent, ...b.sent].filter((m) => m.subject.startsWith("Audit log digest"));
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
      } finally {
        await database.close();
      }
    });
  });
}
