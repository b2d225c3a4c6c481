// The demo practice's register and `safepost incidents list`: a newcomer meets one closed conduct case and one
// open breach with its clock running; the command prints each case's type, status and a breach's hours left.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDataFolder } from "../support/template";
import { ensureDemo } from "../../src/app/demo/ensure-demo";
import { TestClock, testContext } from "../support/context";
import { cliOnData } from "../support/node-args";

describe("the demo practice's incidents and `safepost incidents list`", () => {
  let dir: string;
  const cli = cliOnData(() => join(dir, "db"));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "safepost-demo-incidents-"));
    const opened = await openDataFolder(join(dir, "db"));
    try {
      // The demo is made now, so the breach's clock (aware 20 hours ago) is still running.
      await ensureDemo(testContext(opened, new TestClock(new Date())), "demo-password-1", () => {});
    } finally {
      await opened.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("starts with a closed conduct case and an open breach with hours left on its clock", () => {
    const r = cli(["incidents", "list", "--practice", "riverside", "--json"]);
    assert.equal(r.status, 0, r.stderr);
    const { incidents } = JSON.parse(r.stdout) as {
      incidents: {
        type: string;
        status: string;
        title: string;
        breach: { hoursLeft: number; decided: boolean } | null;
      }[];
    };
    assert.equal(incidents.length, 2);
    const conduct = incidents.find((i) => i.type === "conduct")!;
    assert.equal(conduct.status, "closed");
    assert.equal(conduct.breach, null);
    const breach = incidents.find((i) => i.type === "confidentiality-breach")!;
    assert.equal(breach.status, "open");
    assert.ok(breach.breach && !breach.breach.decided);
    assert.ok(breach.breach.hoursLeft > 40 && breach.breach.hoursLeft <= 52, String(breach.breach.hoursLeft));
    assert.ok(
      incidents.every((i) => /invented/.test(i.title)),
      "the demo cases say they are invented",
    );
  });

  it("prints the register for people, filters by status, and refuses bad options plainly", () => {
    const all = cli(["incidents", "list", "--practice", "riverside"]);
    assert.equal(all.status, 0, all.stderr);
    assert.match(all.stdout, /^Riverside Surgery: 2 cases/);
    assert.match(all.stdout, /open +Confidentiality or personal data breach \(breach clock \d+ h left\)/);
    assert.match(all.stdout, /closed +Conduct of a member of staff\n/);
    const closed = cli(["incidents", "list", "--practice", "riverside", "--status", "closed"]);
    assert.match(closed.stdout, /^Riverside Surgery: 1 case\n/);
    const none = cli(["incidents", "list", "--practice", "riverside", "--status", "reported"]);
    assert.equal(none.status, 0);
    assert.match(none.stdout, /has no incidents with the status "reported"/);
    const bad = cli(["incidents", "list", "--practice", "riverside", "--status", "lost"]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--status: a status is one of reported/);
    const missing = cli(["incidents", "list", "--practice", "nowhere"]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no practice with the short name "nowhere"/);
  });
});
