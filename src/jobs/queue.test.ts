import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds } from "../../test/support/databases";
import { testContext, TestClock } from "../../test/support/context";
import { enqueueJob } from "./queue";
import { runDueJobs } from "./runner";
import { jobHandlers } from "./handlers";

for (const kind of databaseKinds) {
  describe(`the durable job queue (${kind.name})`, () => {
    it("runs each due job exactly once when two instances poll at the same time", async () => {
      const database = await kind.open();
      try {
        const clock = new TestClock();
        const runs: string[] = [];
        jobHandlers["test.count"] = async (_ctx, payload) => {
          runs.push(String(payload.n));
          await new Promise((r) => setTimeout(r, 2));
        };
        for (let n = 0; n < 40; n++)
          await enqueueJob(database.db, { kind: "test.count", payload: { n }, runAt: clock.now() });
        // Two "instances": separate contexts over the same database, polling concurrently.
        const a = testContext(database.db, clock);
        const b = testContext(database.db, clock);
        await Promise.all([runDueJobs(a, 25), runDueJobs(b, 25), runDueJobs(a, 25), runDueJobs(b, 25)]);
        assert.equal(runs.length, 40);
        assert.equal(new Set(runs).size, 40);
      } finally {
        delete jobHandlers["test.count"];
        await database.close();
      }
    });

    it("keeps a job until it is due, dedupes by key, and retries a failure later", async () => {
      const database = await kind.open();
      try {
        const clock = new TestClock();
        const ctx = testContext(database.db, clock);
        let attempts = 0;
        jobHandlers["test.flaky"] = async () => {
          attempts++;
          if (attempts === 1) throw new Error("temporary");
        };
        assert.equal(
          await enqueueJob(database.db, {
            kind: "test.flaky",
            runAt: new Date(clock.current.getTime() + 60_000),
            dedupeKey: "k1",
          }),
          true,
        );
        assert.equal(
          await enqueueJob(database.db, { kind: "test.flaky", runAt: clock.now(), dedupeKey: "k1" }),
          false,
        );
        assert.equal(await runDueJobs(ctx), 0, "not due yet");
        clock.advance(61_000);
        assert.equal(await runDueJobs(ctx), 1);
        assert.equal(attempts, 1);
        assert.equal(await runDueJobs(ctx), 0, "backing off");
        clock.advance(3 * 60_000);
        assert.equal(await runDueJobs(ctx), 1);
        assert.equal(attempts, 2);
        clock.advance(3_600_000);
        assert.equal(await runDueJobs(ctx), 0, "done jobs never run again");
      } finally {
        delete jobHandlers["test.flaky"];
        await database.close();
      }
    });
  });
}
