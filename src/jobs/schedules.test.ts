// Every job with a cron schedule is scheduled: a cron entry without its payload would never run.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { jobDefinitions, jobNames } from "./definitions";
import { scheduledPayloads } from "./runner";

describe("the scheduled jobs", () => {
  it("gives every job with a cron schedule the payload it is enqueued with", () => {
    const payloads = scheduledPayloads({ outboxBodyDays: 30 });
    const cron = jobNames.filter((n) => jobDefinitions[n].cron);
    assert.ok(cron.includes("channels.refresh-tokens") && cron.includes("waiting.notify"));
    assert.ok(cron.includes("inbox.poll-due") && cron.includes("inbox.retention"));
    for (const name of cron) {
      assert.ok(payloads[name], `${name} has a cron schedule but no payload, so it would never be scheduled`);
      assert.ok(jobDefinitions[name].payload.safeParse(payloads[name]).success, `${name}'s payload is valid`);
    }
    for (const name of Object.keys(payloads))
      assert.ok(cron.includes(name as never), `${name} has a payload but no schedule`);
  });
});
