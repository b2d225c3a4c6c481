// The demo practice starts with a handful of invented comments of different kinds, triaged, and the inbox shows
// on "waiting for you" for the posting team only.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds, type TestDatabase } from "../support/databases";
import { testContext } from "../support/context";
import { ensureDemo } from "../../src/app/demo/ensure-demo";
import { listConversations } from "../../src/app/inbox";
import { waitingFor } from "../../src/app/waiting/waiting";

describe("the demo practice's inbox", () => {
  let database: TestDatabase;
  let ctx: ReturnType<typeof testContext>;
  let practiceId: string;
  const person = (email: string) =>
    ctx.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();

  before(async () => {
    database = await databaseKinds[0]!.open();
    ctx = testContext(database);
    await ensureDemo(ctx, "demo-password-1", () => {});
    practiceId = (
      await ctx.db
        .selectFrom("practices")
        .select("id")
        .where("slug", "=", "riverside")
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(async () => {
    await database.close();
  });

  it("starts with comments of different kinds, one under the published post", async () => {
    const list = await listConversations(ctx, practiceId, null, {});
    assert.deepEqual(list.map((c) => c.category).sort(), [
      "abuse",
      "complaint",
      "general-enquiry",
      "prescription-request",
      "review",
    ]);
    assert.ok(
      list.some((c) => c.postId !== null),
      "a comment sits under the demo's published post",
    );
    const abuse = list.find((c) => c.category === "abuse")!;
    assert.ok(abuse.actions.includes("to hide") && abuse.actions.includes("escalated"));
    assert.ok(list.find((c) => c.category === "complaint")!.acknowledgeBy);
    const rx = list.find((c) => c.category === "prescription-request")!;
    assert.equal(rx.status, "awaiting_approval", "one reply waits for a second person");
    assert.ok(rx.actions.includes("awaiting approval"));
  });

  it("the posting team sees the inbox waiting for them; a receptionist does not", async () => {
    const comms = await person("comms@riverside.example");
    const reception = await person("reception@riverside.example");
    const theirs = await waitingFor(ctx, { practiceId, userId: comms.id, roles: ["poster", "staff"] });
    assert.ok(theirs.some((i) => i.id === "inbox:new" && /4 new conversations/.test(i.title)));
    assert.ok(theirs.some((i) => i.kind === "inbox.acknowledge-complaint" && i.dueOn));
    const staff = await waitingFor(ctx, { practiceId, userId: reception.id, roles: ["staff"] });
    assert.ok(!staff.some((i) => i.kind.startsWith("inbox.")));
  });
});
