import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { Client, PASSWORD, seedPractice, testServer } from "../support/http";
import type { OpenDatabase } from "../../src/store/database";
import { runDueJobs } from "../../src/jobs/runner";

for (const kind of databaseKinds) {
  describe(`sign-in and sessions (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    let seed: Awaited<ReturnType<typeof seedPractice>>;
    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      app = await testServer(ctx);
      seed = await seedPractice(ctx, "oak");
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("signs in with the right password and shows the practices and roles", async () => {
      const c = new Client(app);
      const res = await c.signIn("Admin@Oak.example ", PASSWORD);
      assert.equal(res.status, 200);
      assert.equal(res.body.user.email, "admin@oak.example");
      assert.deepEqual(
        res.body.practices.map((p: { slug: string }) => p.slug),
        ["oak"],
      );
      assert.deepEqual(res.body.practices[0].roles, ["admin", "staff"]);
      const cookie = (
        await app.inject({
          method: "POST",
          url: "/api/auth/sign-in",
          payload: { email: "admin@oak.example", password: PASSWORD },
        })
      ).headers["set-cookie"];
      assert.match(String(cookie), /HttpOnly/);
      assert.match(String(cookie), /SameSite=Strict/);
      assert.equal((await c.get("/api/session")).status, 200);
    });

    it("refuses a wrong password with a plain sentence and no session", async () => {
      const c = new Client(app, "10.0.0.2");
      const res = await c.signIn("staff@oak.example", "not the password");
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, "not-signed-in");
      assert.match(res.body.error.message, /do not match/);
      assert.equal((await c.get("/api/session")).status, 401);
    });

    it("locks an account after five failures, even with the right password then", async () => {
      const c = new Client(app, "10.0.0.3");
      for (let i = 0; i < 5; i++)
        assert.equal((await c.signIn("poster@oak.example", "wrong password")).status, 401);
      const locked = await c.signIn("poster@oak.example", PASSWORD);
      assert.equal(locked.status, 429);
      assert.equal(locked.body.error.code, "too-many-requests");
      ctx.clock.advance(16 * 60_000);
      assert.equal((await c.signIn("poster@oak.example", PASSWORD)).status, 200);
    });

    it("limits failures per network address across accounts", async () => {
      const c = new Client(app, "10.9.9.9");
      for (let i = 0; i < 20; i++) await c.signIn(`nobody${i}@oak.example`, "wrong password");
      assert.equal((await c.signIn("approver@oak.example", PASSWORD)).status, 429);
      assert.equal((await new Client(app, "10.9.9.10").signIn("approver@oak.example", PASSWORD)).status, 200);
    });

    it("refuses a state-changing request without the session's CSRF token", async () => {
      const c = new Client(app, "10.0.0.4");
      await c.signIn("admin@oak.example");
      c.csrf = "forged";
      const res = await c.post(`/api/practices/${seed.practice.id}/invites`, {
        email: "x@y.example",
        name: "X",
        roles: ["staff"],
      });
      assert.equal(res.status, 403);
      const rows = await ctx.db
        .selectFrom("invites")
        .select("id")
        .where("email", "=", "x@y.example")
        .execute();
      assert.equal(rows.length, 0);
    });

    it("refuses a request from another website's origin", async () => {
      const c = new Client(app, "10.0.0.5");
      const res = await c.request(
        "POST",
        "/api/auth/sign-in",
        { email: "admin@oak.example", password: PASSWORD },
        { origin: "https://evil.example", host: "localhost" },
      );
      assert.equal(res.status, 403);
    });

    it("signs out: the cookie no longer works", async () => {
      const c = new Client(app, "10.0.0.6");
      await c.signIn("staff@oak.example");
      const cookie = c.cookie;
      assert.equal((await c.post("/api/auth/sign-out")).status, 204);
      const again = await app.inject({ method: "GET", url: "/api/session", headers: { cookie: cookie! } });
      assert.equal(again.statusCode, 401);
    });

    it("resets a password by an emailed single-use link, ending every session", async () => {
      const old = new Client(app, "10.0.0.7");
      await old.signIn("staff-rep@oak.example");
      const anon = new Client(app, "10.0.0.8");
      assert.equal(
        (await anon.post("/api/auth/forgot-password", { email: "staff-rep@oak.example" })).status,
        202,
      );
      assert.equal(
        (await anon.post("/api/auth/forgot-password", { email: "nobody@oak.example" })).status,
        202,
      );
      await runDueJobs(ctx); // the mail is sent by a job
      const mail = ctx.sent.findLast((m) => m.to === "staff-rep@oak.example");
      const token = /token=([\w-]+)/.exec(mail?.text ?? "")?.[1];
      assert.ok(token, "the reset email carries a link");
      assert.equal((await anon.post("/api/auth/reset-password", { token, password: "short" })).status, 400);
      assert.equal(
        (await anon.post("/api/auth/reset-password", { token, password: "a brand new password" })).status,
        204,
      );
      assert.equal((await old.get("/api/session")).status, 401, "old sessions end");
      assert.equal(
        (await anon.post("/api/auth/reset-password", { token, password: "another new password" })).status,
        410,
      );
      assert.equal((await anon.signIn("staff-rep@oak.example", "a brand new password")).status, 200);
    });

    it("an expired reset link is refused", async () => {
      const anon = new Client(app, "10.0.0.11");
      await anon.post("/api/auth/forgot-password", { email: "approver@oak.example" });
      await runDueJobs(ctx);
      const token = /token=([\w-]+)/.exec(
        ctx.sent.findLast((m) => m.to === "approver@oak.example")?.text ?? "",
      )?.[1];
      ctx.clock.advance(61 * 60_000);
      const res = await anon.post("/api/auth/reset-password", { token, password: "a brand new password" });
      assert.equal(res.status, 410);
      assert.match(res.body.error.message, /expired/);
    });
  });
}
