// The demo practice shows the practice manager all three statuses of the personal-account check.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { openFromTemplate } from "../support/template";
import { testContext } from "../support/context";
import { ensureDemo } from "../../src/app/demo/ensure-demo";
import { myAccountsSummary, readMyAccounts } from "../../src/app/my-accounts";
import type { OpenDatabase } from "../../src/store/database";

describe("My accounts in the demo practice", () => {
  let database: OpenDatabase;
  before(async () => {
    database = await openFromTemplate();
  });
  after(async () => {
    await database.close();
  });

  it("has a completed shared check, a shared one in progress, and the rest not shared", async () => {
    const ctx = testContext(database);
    await ensureDemo(ctx, "demo-password-1", () => {});
    const practice = await ctx.db
      .selectFrom("practices")
      .select("id")
      .where("slug", "=", "riverside")
      .executeTakeFirstOrThrow();
    const summary = await myAccountsSummary(ctx, practice.id, null);
    const status = Object.fromEntries(summary.members.map((m) => [m.name, m.status]));
    assert.deepEqual(status, {
      "Alan Brooks": "completed",
      "Dr Tom Okafor": "not-completed",
      "Jess Wilde": "not-shared",
      "Maria Lopes": "not-shared",
      "Priya Shah": "not-shared",
    });
    const reception = await ctx.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "reception@riverside.example")
      .executeTakeFirstOrThrow();
    const own = await readMyAccounts(ctx, practice.id, { userId: reception.id });
    assert.equal(own.complete, true);
    assert.ok(
      own.items.every((i) => i.clause),
      "the demo's published policy gives every item its clause",
    );
  });
});
