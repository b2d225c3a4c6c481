import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds, type TestDatabase } from "../support/databases";
import { testContext } from "../support/context";
import { Client, seedPractice, testServer, type Response } from "../support/http";
import { isCalendarDay } from "../../src/core/dates";
import type { OpenDatabase } from "../../src/store/database";

const NUL = String.fromCharCode(0);
const LONE = String.fromCharCode(0xd83d); // the first half of an emoji, without its second half

describe("dates a person types", () => {
  it("real calendar days between 2000 and 2100 only", () => {
    assert.equal(isCalendarDay("2028-02-29"), true);
    for (const bad of ["2027-02-30", "2027-02-29", "9999-12-31", "2027-13-01", "27-01-01", "2027-1-1"])
      assert.equal(isCalendarDay(bad), false, bad);
  });
});

for (const kind of databaseKinds) {
  describe(`bad input and races answer 4xx, never 500 (${kind.name})`, () => {
    let database: TestDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    let seed: Awaited<ReturnType<typeof seedPractice>>;
    let admin: Client;
    let base: string;
    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      app = await testServer(ctx);
      seed = await seedPractice(ctx, "ivy");
      base = `/api/practices/${seed.practice.id}`;
      admin = new Client(app, "10.40.0.1");
      assert.equal((await admin.signIn(seed.people.admin.email)).status, 200);
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("NUL bytes and lone surrogates in names, emails and settings get a plain 400", async () => {
      const cases: [string, Promise<Response>][] = [
        [
          "invite name",
          admin.post(`${base}/invites`, { email: "n@ivy.example", name: `Nia${NUL}`, roles: ["staff"] }),
        ],
        [
          "invite email",
          admin.post(`${base}/invites`, { email: `n${LONE}@ivy.example`, name: "Nia", roles: ["staff"] }),
        ],
        ["sign-in email", new Client(app, "10.40.0.2").signIn(`x${NUL}@ivy.example`, "a password")],
        [
          "settings",
          admin.request("PUT", `${base}/settings`, {
            revision: 0,
            name: `Ivy ${LONE}Surgery`,
            settings: {},
          }),
        ],
        ["a query string", admin.get(`${base}/audit?action=${encodeURIComponent(NUL)}`)],
      ];
      for (const [what, pending] of cases) {
        const res = await pending;
        assert.equal(res.status, 400, what);
        assert.equal(res.body.error.code, "invalid-input", what);
        assert.match(res.body.error.message, /cannot be saved/, what);
      }
      const invites = await ctx.db.selectFrom("invites").select("id").execute();
      assert.equal(invites.length, 0, "nothing was written");
    });

    it("draft text with a NUL byte gets a 400", async () => {
      const draft = await admin.post(`${base}/policy/drafts`, {});
      assert.equal(draft.status, 201);
      const res = await admin.request(
        "PUT",
        `${base}/policy/versions/${draft.body.id}`,
        { ...draft.body, changelog: `A change${NUL}` },
        { "if-match": String(draft.headers.etag) },
      );
      assert.equal(res.status, 400);
      assert.equal((await admin.post(`${base}/policy/versions/${draft.body.id}/discard`)).status, 200);
    });

    it("impossible dates are refused", async () => {
      for (const day of ["2027-02-30", "9999-12-31"]) {
        const res = await admin.get(`${base}/audit?from=${day}`);
        assert.equal(res.status, 400, day);
      }
    });

    it("concurrent invitations to one email: one is sent, the others get a plain 409", async () => {
      const results = await Promise.all(
        Array.from({ length: 4 }, () =>
          admin.post(`${base}/invites`, { email: "race@ivy.example", name: "Race", roles: ["staff"] }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      assert.deepEqual(statuses, [201, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409))
        assert.match(r.body.error.message, /invitation/);
      const live = await ctx.db
        .selectFrom("invites")
        .select("id")
        .where("email", "=", "race@ivy.example")
        .where("accepted_at", "is", null)
        .where("revoked_at", "is", null)
        .execute();
      assert.equal(live.length, 1, "one live invitation");
    });

    it("two instances creating a draft at once: one draft, and a plain 409 for the other", async () => {
      const second: OpenDatabase = await database.another();
      const otherApp = await testServer(testContext(second, ctx.clock));
      try {
        const other = new Client(otherApp, "10.40.0.3");
        assert.equal((await other.signIn(seed.people.admin.email)).status, 200);
        const [a, b] = await Promise.all([
          admin.post(`${base}/policy/drafts`, {}),
          other.post(`${base}/policy/drafts`, {}),
        ]);
        assert.deepEqual([a.status, b.status].sort(), [201, 409]);
        const loser = a.status === 409 ? a : b;
        assert.equal(loser.body.error.code, "conflict");
      } finally {
        await otherApp.close();
        await second.close();
      }
    });
  });
}
