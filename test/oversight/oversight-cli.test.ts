// The demo practice's oversight and `safepost oversight`: a newcomer's dashboard is not empty (a breach with its
// clock, a post awaiting approval, comments waiting, the policy's review date, the checker's counts this month),
// and the command prints it for people or as JSON, refusing an unknown practice plainly.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDataFolder } from "../support/template";
import { ensureDemo } from "../../src/app/demo/ensure-demo";
import { TestClock, testContext } from "../support/context";
import { cliOnData } from "../support/node-args";
import { oversightResponse } from "../../src/contracts";

describe("the demo practice's oversight and `safepost oversight`", () => {
  let dir: string;
  const cli = cliOnData(() => join(dir, "db"));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "safepost-demo-oversight-"));
    const opened = await openDataFolder(join(dir, "db"));
    try {
      await ensureDemo(testContext(opened, new TestClock(new Date())), "demo-password-1", () => {});
    } finally {
      await opened.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("the demo's dashboard has something in every part that matters", () => {
    const r = cli(["oversight", "--practice", "riverside", "--json"]);
    assert.equal(r.status, 0, r.stderr);
    const o = oversightResponse.parse(JSON.parse(r.stdout));
    assert.equal(o.practice.name, "Riverside Surgery");
    assert.equal(o.incidents.open, 1);
    assert.equal(o.incidents.undecidedBreaches, 1);
    assert.ok(o.posts.awaitingApproval >= 1);
    assert.ok(o.inbox.new + o.inbox.inProgress + o.inbox.awaitingApproval >= 1);
    assert.ok(o.acknowledgements && o.acknowledgements.total > 0);
    assert.ok(o.policy?.reviewDue);
    assert.equal(o.checkerCounts.on, true);
    assert.ok(o.checkerCounts.runs.at(-1)! >= 5, JSON.stringify(o.checkerCounts.runs));
    assert.ok(o.checkerCounts.rules.length >= 1);
  });

  it("prints the dashboard for people, and refuses an unknown practice", () => {
    const r = cli(["oversight", "--practice", "riverside"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Riverside Surgery: oversight\n/);
    assert.match(r.stdout, /Incidents: 1 open/);
    assert.match(r.stdout, /breach clock: \d+ h left/);
    assert.match(r.stdout, /Posts: \d+ awaiting approval/);
    assert.match(r.stdout, /Acknowledgements: \d+ of \d+ \(\d+%\)/);
    assert.match(r.stdout, /Checker counts by month/);
    const missing = cli(["oversight", "--practice", "nowhere"]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no practice with the short name "nowhere"/);
  });
});
