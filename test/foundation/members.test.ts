import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { Client, PASSWORD, seedPractice, testServer } from "../support/http";
import type { OpenDatabase } from "../../src/store/database";

const tokenIn = (text: string | undefined): string => {
  const t = /token=([\w-]+)/.exec(text ?? "")?.[1];
  assert.ok(t, "the email carries a link");
  return t;
};

for (const kind of databaseKinds) {
  describe(`invites, roles and leavers (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    let seed: Awaited<ReturnType<typeof seedPractice>>;
    let admin: Client;
    let base: string;
    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      app = await testServer(ctx);
      seed = await seedPractice(ctx, "elm");
      base = `/api/practices/${seed.practice.id}`;
      admin = new Client(app);
      await admin.signIn("admin@elm.example");
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("an admin invites by email; the link signs the new member in with their roles", async () => {
      const res = await admin.post(`${base}/invites`, {
        email: "New.Nurse@elm.example",
        name: "Nia Nurse",
        roles: ["staff"],
      });
      assert.equal(res.status, 201);
      assert.equal(res.body.email, "new.nurse@elm.example");
      const mail = ctx.sent.findLast((m) => m.to === "new.nurse@elm.example");
      assert.equal(mail?.practiceId, seed.practice.id);
      const token = tokenIn(mail?.text);
      const guest = new Client(app, "10.1.1.1");
      const look = await guest.post("/api/invites/lookup", { token });
      assert.equal(look.status, 200);
      assert.equal(look.body.practiceName, "elm Surgery");
      assert.equal(look.body.signedInAsInvitee, false);
      const accepted = await guest.post("/api/invites/accept", {
        token,
        name: "Nia Nurse",
        password: "a good long password",
      });
      assert.equal(accepted.status, 200);
      assert.deepEqual(accepted.body.practices[0].roles, ["staff"]);
      assert.equal((await guest.get(`${base}/members`)).status, 200);
      const again = await new Client(app, "10.1.1.2").post("/api/invites/accept", {
        token,
        password: "a good long password",
      });
      assert.equal(again.status, 410, "the link works once");
      const members = (await admin.get(`${base}/members`)).body.members;
      assert.ok(
        members.some(
          (m: { email: string; active: boolean }) => m.email === "new.nurse@elm.example" && m.active,
        ),
      );
    });

    it("an expired invitation is refused with a plain sentence", async () => {
      await admin.post(`${base}/invites`, { email: "late@elm.example", name: "Late", roles: ["staff"] });
      const token = tokenIn(ctx.sent.findLast((m) => m.to === "late@elm.example")?.text);
      ctx.clock.advance(8 * 86_400_000);
      const res = await new Client(app, "10.1.1.3").post("/api/invites/accept", {
        token,
        password: "a good long password",
      });
      assert.equal(res.status, 410);
      assert.match(res.body.error.message, /expired/);
      ctx.clock.advance(-8 * 86_400_000);
    });

    it("refuses to invite an existing member or invite twice", async () => {
      assert.equal(
        (await admin.post(`${base}/invites`, { email: "staff@elm.example", name: "S", roles: ["staff"] }))
          .status,
        409,
      );
      assert.equal(
        (await admin.post(`${base}/invites`, { email: "twice@elm.example", name: "T", roles: ["staff"] }))
          .status,
        201,
      );
      const dup = await admin.post(`${base}/invites`, {
        email: "twice@elm.example",
        name: "T",
        roles: ["staff"],
      });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.error.fields.email, "Already invited.");
    });

    it("a revoked invitation stops working", async () => {
      await admin.post(`${base}/invites`, { email: "revoked@elm.example", name: "R", roles: ["staff"] });
      const token = tokenIn(ctx.sent.findLast((m) => m.to === "revoked@elm.example")?.text);
      const pending = (await admin.get(`${base}/invites`)).body.invites;
      const invite = pending.find((i: { email: string }) => i.email === "revoked@elm.example");
      assert.equal((await admin.delete(`${base}/invites/${invite.id}`)).status, 204);
      assert.equal((await new Client(app, "10.1.1.4").post("/api/invites/lookup", { token })).status, 410);
    });

    it("someone with an account elsewhere (a PCN) accepts only while signed in as that account", async () => {
      const other = await seedPractice(ctx, "ash");
      await admin.post(`${base}/invites`, {
        email: "staff@ash.example",
        name: "Shared",
        roles: ["approver"],
      });
      const token = tokenIn(ctx.sent.findLast((m) => m.to === "staff@ash.example")?.text);
      const guest = new Client(app, "10.1.1.5");
      const look = await guest.post("/api/invites/lookup", { token });
      assert.equal(look.body.existingAccount, undefined, "the lookup does not say an account exists");
      assert.equal(look.body.signedInAsInvitee, false);
      // The invitation form is no password oracle: a password (right or wrong) is never checked there.
      for (const password of ["not their password", PASSWORD]) {
        const res = await guest.post("/api/invites/accept", { token, password });
        assert.equal(res.status, 401);
        assert.match(res.body.error.message, /sign in/);
      }
      assert.equal((await guest.signIn("staff@ash.example")).status, 200);
      assert.equal((await guest.post("/api/invites/lookup", { token })).body.signedInAsInvitee, true);
      const ok = await guest.post("/api/invites/accept", { token });
      assert.equal(ok.status, 200);
      assert.deepEqual(
        ok.body.practices.map((p: { id: string }) => p.id).sort(),
        [seed.practice.id, other.practice.id].sort(),
      );
      assert.equal(
        (await guest.get(`${base}/members`)).status,
        200,
        "the same session now opens the practice",
      );
    });

    it("someone signed in as another person cannot accept a new person's invitation", async () => {
      await admin.post(`${base}/invites`, { email: "fresh@elm.example", name: "Fresh", roles: ["staff"] });
      const token = tokenIn(ctx.sent.findLast((m) => m.to === "fresh@elm.example")?.text);
      const other = new Client(app, "10.1.1.6");
      await other.signIn("poster@elm.example");
      const res = await other.post("/api/invites/accept", {
        token,
        name: "X",
        password: "a good long password",
      });
      assert.equal(res.status, 403);
    });

    it("changes roles, but never leaves a practice without an admin", async () => {
      const res = await admin.patch(`${base}/members/${seed.people.staff.id}`, {
        roles: ["staff", "poster"],
      });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.roles, ["staff", "poster"]);
      const bad = await admin.patch(`${base}/members/${seed.people.staff.id}`, { roles: ["boss"] });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, "invalid-input");
      const last = await admin.patch(`${base}/members/${seed.people.admin.id}`, { roles: ["staff"] });
      assert.equal(last.status, 409);
      assert.match(last.body.error.message, /at least one active admin/);
    });

    it("deactivating a leaver ends their sessions at once and refuses sign-in", async () => {
      const leaver = new Client(app, "10.1.1.6");
      await leaver.signIn("poster@elm.example");
      assert.equal((await leaver.get(`${base}/members`)).status, 200);
      const res = await admin.post(`${base}/members/${seed.people.poster.id}/deactivate`);
      assert.equal(res.status, 200);
      assert.equal(res.body.active, false);
      assert.equal((await leaver.get("/api/session")).status, 401);
      const again = await new Client(app, "10.1.1.7").signIn("poster@elm.example");
      assert.equal(again.status, 403);
      assert.match(again.body.error.message, /deactivated/);
      assert.equal(
        (await admin.post(`${base}/members/${seed.people.admin.id}/deactivate`)).status,
        409,
        "not yourself",
      );
      assert.equal((await admin.post(`${base}/members/${seed.people.poster.id}/reactivate`)).status, 200);
      assert.equal((await new Client(app, "10.1.1.8").signIn("poster@elm.example")).status, 200);
    });

    it("bad input gets a 4xx with a code and a sentence, and nothing is written", async () => {
      const before = await ctx.db
        .selectFrom("invites")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow();
      const cases: [unknown, number][] = [
        [{ email: "not-an-email", name: "X", roles: ["staff"] }, 400],
        [{ email: "a@b.example", name: "", roles: ["staff"] }, 400],
        [{ email: "a@b.example", name: "X", roles: [] }, 400],
        [{ email: 42, name: "X", roles: ["staff"] }, 400],
        [{ email: "a@b.example", name: "X".repeat(5000), roles: ["staff"] }, 400],
      ];
      for (const [body, status] of cases) {
        const res = await admin.post(`${base}/invites`, body);
        assert.equal(res.status, status, JSON.stringify(body).slice(0, 80));
        assert.equal(typeof res.body.error.message, "string");
      }
      const malformed = await admin.request("POST", `${base}/invites`, "{not json", {
        "content-type": "application/json",
      });
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.error.code, "invalid-input");
      const huge = await admin.post(`${base}/invites`, {
        email: "a@b.example",
        name: "x".repeat(2 * 1024 * 1024),
        roles: ["staff"],
      });
      assert.equal(huge.status, 413);
      assert.equal(huge.body.error.code, "payload-too-large");
      const after = await ctx.db
        .selectFrom("invites")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow();
      assert.equal(after.n, before.n);
      assert.equal((await admin.get(`${base}/members/not-a-uuid/deactivate`)).status, 404);
      assert.equal(
        (await admin.post(`${base}/members/00000000-0000-4000-8000-000000000000/deactivate`)).status,
        404,
      );
      assert.equal((await admin.get("/api/no-such-route")).status, 404);
    });
  });
}
