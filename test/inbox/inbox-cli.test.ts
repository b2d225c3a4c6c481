// `safepost inbox import` and `safepost inbox list` on an embedded database: a file imported whole or not at all,
// and each conversation printed with its category, status and the action taken.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDataFolder } from "../support/template";
import { testContext } from "../support/context";
import { seedPractice } from "../support/http";
import { cliOnData } from "../support/node-args";
import { COMMENTS, csvOf } from "./support";

describe("`safepost inbox import` and `safepost inbox list`", () => {
  let dir: string;
  const cli = cliOnData(() => join(dir, "db"));
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "safepost-inbox-cli-"));
    const opened = await openDataFolder(join(dir, "db"));
    try {
      await seedPractice(testContext(opened, undefined), "willow");
    } finally {
      await opened.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("a bad line is named, exits 1, and nothing is imported", () => {
    const bad = file(
      "bad.csv",
      csvOf([
        ["facebook", "A", COMMENTS.review, "", ""],
        ["x", "B", COMMENTS.question, "", ""],
        ["fb", "C", COMMENTS.question, "", ""],
      ]),
    );
    const r = cli(["inbox", "import", "--practice", "willow", "--csv", bad]);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /Line 4: the channel 'fb' is not one of facebook, instagram/);
    const list = cli(["inbox", "list", "--practice", "willow"]);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /willow Surgery's inbox is empty/);
    const missing = cli(["inbox", "import", "--practice", "willow", "--csv", join(dir, "nope.csv")]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /there is no file/);
    const nowhere = cli(["inbox", "import", "--practice", "nowhere", "--csv", bad]);
    assert.equal(nowhere.status, 2);
    assert.match(nowhere.stderr, /no practice with the short name "nowhere"/);
  });

  it("imports a file and lists each conversation's category, status and action taken", () => {
    const good = file(
      "good.csv",
      csvOf([
        ["facebook", "Jo", COMMENTS.complaint, "2026-12-01 09:00", ""],
        ["x", "@angry", COMMENTS.threat, "2026-12-01 10:00", ""],
        ["instagram", "@fan", COMMENTS.review, "2026-12-01 11:00", ""],
        ["website", "", COMMENTS.safeguarding, "2026-12-01 12:00", ""],
      ]),
    );
    const r = cli(["inbox", "import", "--practice", "willow", "--csv", good]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^willow Surgery: imported 4 comments \(/);
    assert.match(r.stdout, /2 could not wait/); // the safeguarding concern and the threat
    const list = cli(["inbox", "list", "--practice", "willow"]);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^willow Surgery: 4 conversations/);
    assert.match(list.stdout, /Safeguarding concern \| New \| escalated, to hide, awaiting reply/);
    assert.match(list.stdout, /Abuse, threat or naming staff \| New \| escalated, to hide, awaiting reply/);
    assert.match(list.stdout, /Complaint \| New \| awaiting reply\n .*acknowledge by 2026-12-04/);
    assert.match(list.stdout, /Review or thanks \| New \| awaiting reply/);
    assert.ok(!list.stdout.includes("bruises"), "the list prints no comment's words");
    const json = cli(["inbox", "list", "--practice", "willow", "--json"]);
    assert.equal(json.status, 0, json.stderr);
    const body = JSON.parse(json.stdout) as {
      conversations: { category: string; status: string; actions: string[] }[];
    };
    assert.equal(body.conversations.length, 4);
    assert.equal(body.conversations[0]!.status, "new");
    assert.ok(body.conversations.every((c) => c.actions.includes("awaiting reply")));
  });
});
