// `safepost my-accounts status`: the practice manager's summary from the command line, with the same privacy as
// the app: "not shared" unless the member agreed, and never an answer.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDataFolder } from "../support/template";
import { testContext } from "../support/context";
import { seedPractice } from "../support/http";
import { cliOnData } from "../support/node-args";
import { saveMyAccountsPlatform, setMyAccountsSharing } from "../../src/app/my-accounts";
import { SEED_PLATFORMS } from "../../src/core/my-accounts";

describe("safepost my-accounts status", () => {
  let dir: string;
  let people: Awaited<ReturnType<typeof seedPractice>>["people"];
  const cli = cliOnData(() => join(dir, "db"));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "safepost-my-accounts-"));
    const opened = await openDataFolder(join(dir, "db"));
    try {
      const ctx = testContext(opened);
      const seed = await seedPractice(ctx, "hazel");
      people = seed.people;
      const p = seed.practice.id;
      // The staff member finishes and shares; the poster shares but has not finished; the approver finishes
      // without sharing.
      for (const who of [seed.people.staff, seed.people.approver])
        for (const platform of SEED_PLATFORMS)
          await saveMyAccountsPlatform(ctx, p, { userId: who.id }, platform.key, { uses: false, items: {} });
      await setMyAccountsSharing(ctx, p, { userId: seed.people.staff.id }, true);
      await saveMyAccountsPlatform(ctx, p, { userId: seed.people.poster.id }, "facebook", {
        uses: true,
        items: { "privacy-settings": "not-yet" },
      });
      await setMyAccountsSharing(ctx, p, { userId: seed.people.poster.id }, true);
    } finally {
      await opened.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prints only completed (with the date), not completed or not shared per member", () => {
    const r = cli(["my-accounts", "status", "--practice", "hazel"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /^hazel Surgery: 1 of 5 members completed the personal-account check \(2 share their status\)/,
    );
    assert.match(r.stdout, /staff of hazel +completed on 21 November 2026\n/);
    assert.match(r.stdout, /poster of hazel +not completed\n/);
    assert.match(r.stdout, /approver of hazel +not shared\n/);
    assert.doesNotMatch(r.stdout, /facebook|privacy|not yet/i);
  });

  it("answers JSON with the same three statuses, and refuses an unknown practice plainly", () => {
    const r = cli(["my-accounts", "status", "--practice", "hazel", "--json"]);
    assert.equal(r.status, 0, r.stderr);
    const body = JSON.parse(r.stdout) as {
      members: { userId: string; status: string; completedAt: string | null }[];
    };
    const status = (id: string) => body.members.find((m) => m.userId === id)!;
    assert.equal(status(people.staff.id).status, "completed");
    assert.equal(status(people.staff.id).completedAt, "2026-11-21T10:00:00.000Z");
    assert.equal(status(people.poster.id).status, "not-completed");
    assert.equal(status(people.approver.id).status, "not-shared");
    assert.equal(status(people.approver.id).completedAt, null);
    const missing = cli(["my-accounts", "status", "--practice", "nowhere"]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no practice with the short name "nowhere"/);
  });
});
