import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { Client, PASSWORD, seedPractice, testServer } from "../support/http";
import { buildServer } from "../../src/server/app";
import { runDueJobs } from "../../src/jobs/runner";
import { passwordChecks } from "../../src/app/auth/passwords";
import { loadConfig } from "../../src/config";
import type { OpenDatabase } from "../../src/store/database";

const SECOND = 1000;
const tokenIn = (text: string | undefined): string => {
  const t = /token=([\w-]+)/.exec(text ?? "")?.[1];
  assert.ok(t, "the email carries a link");
  return t;
};

describe("TRUST_PROXY", () => {
  it("trusts no proxy unless told; takes a hop count or a list of proxy addresses", () => {
    assert.equal(loadConfig({}).TRUST_PROXY, false);
    assert.equal(loadConfig({ TRUST_PROXY: "1" }).TRUST_PROXY, 1);
    assert.deepEqual(loadConfig({ TRUST_PROXY: "10.0.0.1, 192.168.0.0/16" }).TRUST_PROXY, [
      "10.0.0.1",
      "192.168.0.0/16",
    ]);
    assert.throws(() => loadConfig({ TRUST_PROXY: "true" }), /TRUST_PROXY/);
  });
});

for (const kind of databaseKinds) {
  describe(`sign-in cannot be forced, weaponised or used to find accounts (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    let seed: Awaited<ReturnType<typeof seedPractice>>;
    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      app = await testServer(ctx);
      seed = await seedPractice(ctx, "yew");
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("X-Forwarded-For does not choose the address unless a proxy is configured", async () => {
      const c = new Client(app, "10.30.0.1");
      for (let i = 0; i < 20; i++)
        await c.request(
          "POST",
          "/api/auth/sign-in",
          { email: `spray${i}@yew.example`, password: "wrong password" },
          { "x-forwarded-for": `203.0.113.${i}` },
        );
      const res = await c.request(
        "POST",
        "/api/auth/sign-in",
        { email: seed.people.approver.email, password: PASSWORD },
        { "x-forwarded-for": "203.0.113.200" },
      );
      assert.equal(res.status, 429, "the per-address limit holds whatever the header says");

      const proxied = await buildServer(ctx, { logLevel: "silent", trustProxy: ["10.30.0.9"] });
      try {
        const seen = await proxied.inject({
          method: "POST",
          url: "/api/auth/sign-in",
          remoteAddress: "10.30.0.9",
          headers: { "x-forwarded-for": "198.51.100.7" },
          payload: { email: seed.people.approver.email, password: PASSWORD },
        });
        assert.equal(seen.statusCode, 200, "behind the configured proxy, the client's own address counts");
      } finally {
        await proxied.close();
      }
    });

    it("30 wrong passwords at once for one account: at most five are checked", async () => {
      const before = passwordChecks.count;
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          new Client(app, "10.30.1.1").signIn(seed.people.poster.email, `wrong guess ${i}`),
        ),
      );
      const checked = passwordChecks.count - before;
      assert.ok(checked <= 5, `${checked} passwords were checked`);
      assert.equal(results.filter((r) => r.status === 401).length, checked);
      assert.equal(results.filter((r) => r.status === 429).length, 30 - checked);
      ctx.clock.advance(20 * 60 * SECOND);
    });

    it("the waits grow with each further failure", async () => {
      const c = new Client(app, "10.30.2.1");
      const email = seed.people["staff-rep"].email;
      for (let i = 0; i < 5; i++) assert.equal((await c.signIn(email, "wrong password")).status, 401);
      const first = await c.signIn(email, PASSWORD);
      assert.equal(first.status, 429);
      assert.match(first.body.error.message, /wait 30 seconds/);
      ctx.clock.advance(31 * SECOND);
      assert.equal((await c.signIn(email, "wrong again")).status, 401, "one more guess after the wait");
      const second = await c.signIn(email, PASSWORD);
      assert.equal(second.status, 429);
      assert.match(second.body.error.message, /wait 1 minute/);
      ctx.clock.advance(31 * SECOND);
      assert.equal((await c.signIn(email, PASSWORD)).status, 429, "still waiting: the wait doubled");
      ctx.clock.advance(30 * SECOND);
      assert.equal((await c.signIn(email, PASSWORD)).status, 200);
    });

    it("a stranger guessing from elsewhere cannot keep a person out where they usually sign in", async () => {
      const email = seed.people.staff.email;
      const desk = new Client(app, "10.30.3.1");
      assert.equal((await desk.signIn(email)).status, 200, "the person's usual address");
      // Guesses spread over many addresses, four from each (under the per-address-and-account limit).
      for (let a = 0; a < 5; a++)
        for (let i = 0; i < 4; i++) await new Client(app, `198.51.100.${a}`).signIn(email, "guess");
      assert.equal(
        (await new Client(app, "198.51.100.99").signIn(email, PASSWORD)).status,
        429,
        "the account is throttled for unknown addresses",
      );
      assert.equal((await desk.signIn(email)).status, 200, "but not where the person has signed in before");
    });

    it("a successful password reset lifts the throttle at once", async () => {
      const email = seed.people.admin.email;
      const c = new Client(app, "10.30.4.1");
      for (let i = 0; i < 8; i++) await c.signIn(email, "wrong password");
      assert.equal((await c.signIn(email)).status, 429);
      await c.post("/api/auth/forgot-password", { email });
      await runDueJobs(ctx);
      const token = tokenIn(ctx.sent.findLast((m) => m.to === email)?.text);
      assert.equal(
        (await c.post("/api/auth/reset-password", { token, password: "a fresh long password" })).status,
        204,
      );
      assert.equal((await c.signIn(email, "a fresh long password")).status, 200);
    });

    it("an unknown email costs one password check, as a known one does", async () => {
      let before = passwordChecks.count;
      assert.equal((await new Client(app, "10.30.5.1").signIn("nobody@yew.example", "a guess")).status, 401);
      assert.equal(passwordChecks.count - before, 1, "unknown account");
      before = passwordChecks.count;
      assert.equal((await new Client(app, "10.30.5.2").signIn(seed.people.approver.email, "x")).status, 401);
      assert.equal(passwordChecks.count - before, 1, "known account");
    });

    it("forgot-password answers before any mail is made, for known and unknown emails alike", async () => {
      const c = new Client(app, "10.30.6.1");
      const sentBefore = ctx.sent.length;
      const known = await c.post("/api/auth/forgot-password", { email: seed.people.approver.email });
      const unknown = await c.post("/api/auth/forgot-password", { email: "ghost@yew.example" });
      assert.equal(known.status, 202);
      assert.deepEqual(unknown.body, known.body, "the same answer either way");
      assert.equal(ctx.sent.length, sentBefore, "nothing is mailed inside the request");
      await runDueJobs(ctx);
      assert.equal(ctx.sent.length, sentBefore + 1, "the job mails the known address only");
      assert.equal(ctx.sent.at(-1)?.to, seed.people.approver.email);
    });

    it("a new link ends the older one, and a new password ends every link", async () => {
      const email = seed.people.approver.email;
      const c = new Client(app, "10.30.7.1");
      await c.post("/api/auth/forgot-password", { email });
      await runDueJobs(ctx);
      const older = tokenIn(ctx.sent.findLast((m) => m.to === email)?.text);
      await c.post("/api/auth/forgot-password", { email });
      await runDueJobs(ctx);
      const newer = tokenIn(ctx.sent.findLast((m) => m.to === email)?.text);
      assert.notEqual(older, newer);
      const stale = await c.post("/api/auth/reset-password", {
        token: older,
        password: "a fresh long password",
      });
      assert.equal(stale.status, 410, "the older link was ended");
      assert.equal(
        (await c.post("/api/auth/reset-password", { token: newer, password: "a fresh long password" }))
          .status,
        204,
      );
      const rows = await ctx.db
        .selectFrom("password_resets")
        .select("token_hash")
        .where("user_id", "=", seed.people.approver.id)
        .where("used_at", "is", null)
        .execute();
      assert.equal(rows.length, 0, "no link of the account is left open");
    });

    it("a deactivated account's reset links stop working", async () => {
      const email = seed.people.poster.email;
      const c = new Client(app, "10.30.8.1");
      await c.post("/api/auth/forgot-password", { email });
      await runDueJobs(ctx);
      const token = tokenIn(ctx.sent.findLast((m) => m.to === email)?.text);
      const admin = new Client(app, "10.30.8.2");
      assert.equal((await admin.signIn(seed.people.admin.email, "a fresh long password")).status, 200);
      const off = await admin.post(
        `/api/practices/${seed.practice.id}/members/${seed.people.poster.id}/deactivate`,
      );
      assert.equal(off.status, 200);
      const res = await c.post("/api/auth/reset-password", { token, password: "a fresh long password" });
      assert.equal(res.status, 410);
      assert.match(res.body.error.message, /deactivated/);
    });
  });
}
