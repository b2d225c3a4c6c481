import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { testServer } from "../support/http";
import type { OpenDatabase } from "../../src/store/database";
import { JarClient, seedTwoFactorPractice, totpCode } from "./support";

for (const kind of databaseKinds) {
  describe(`two-step sign-in with an authenticator app (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    let seed: Awaited<ReturnType<typeof seedTwoFactorPractice>>;
    const secrets: Record<string, string> = {};
    let recovery: string[] = [];

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      app = await testServer(ctx);
      // No rule given: a new practice asks its admins, approvers and posters for a second factor.
      seed = await seedTwoFactorPractice(ctx, "hazel");
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    /** Signs in with a password and sets up an app at the prompt; returns the client, secret and codes. */
    async function enrol(email: string, address: string) {
      const c = new JarClient(app, address);
      const first = await c.signIn(email);
      assert.equal(first.status, 200);
      assert.deepEqual(first.body.secondFactor, {
        enrol: true,
        totp: false,
        passkey: false,
        recoveryCodes: false,
      });
      assert.equal((await c.get("/api/session")).status, 401, "no session before the second factor");
      const setup = await c.post("/api/auth/two-factor/enrol/totp");
      assert.equal(setup.status, 200);
      assert.match(setup.body.qrCode, /^data:image\/svg\+xml;base64,/);
      assert.match(setup.body.uri, /^otpauth:\/\/totp\//);
      const done = await c.post("/api/auth/two-factor/enrol/totp/confirm", {
        code: await totpCode(setup.body.secret, ctx.now()),
      });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      return { c, secret: setup.body.secret as string, done };
    }

    it("a new practice's admin sets up an app before any session exists, and gets ten recovery codes", async () => {
      const c = new JarClient(app, "10.7.1.1");
      await c.signIn(seed.people.admin.email);
      const setup = await c.post("/api/auth/two-factor/enrol/totp");
      const wrong = await c.post("/api/auth/two-factor/enrol/totp/confirm", { code: "000000" });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.error.code, "invalid-input");
      assert.equal((await c.get("/api/session")).status, 401);
      const done = await c.post("/api/auth/two-factor/enrol/totp/confirm", {
        code: await totpCode(setup.body.secret, ctx.now()),
      });
      assert.equal(done.status, 200);
      assert.equal(done.body.user.email, seed.people.admin.email);
      assert.equal(done.body.recoveryCodes.length, 10);
      assert.equal(new Set(done.body.recoveryCodes).size, 10);
      assert.equal((await c.get("/api/session")).status, 200);
      secrets.admin = setup.body.secret;
      recovery = done.body.recoveryCodes;
      // At rest the secret is encrypted and the recovery codes hashed.
      const stored = await database.db
        .selectFrom("totp_factors")
        .selectAll()
        .where("user_id", "=", seed.people.admin.id)
        .executeTakeFirstOrThrow();
      assert.ok(!stored.secret_enc.includes(setup.body.secret.replace(/\s/g, "")));
      const hashes = await database.db
        .selectFrom("recovery_codes")
        .select("code_hash")
        .where("user_id", "=", seed.people.admin.id)
        .execute();
      assert.equal(hashes.length, 10);
      for (const h of hashes) assert.ok(!recovery.some((r) => h.code_hash.includes(r.replace(/-/g, ""))));
    });

    it("the next sign-in asks for the app's code and accepts each code only once", async () => {
      ctx.clock.advance(60_000);
      const code = await totpCode(secrets.admin!, ctx.now());
      const c = new JarClient(app, "10.7.1.2");
      const first = await c.signIn(seed.people.admin.email);
      assert.deepEqual(first.body.secondFactor, {
        enrol: false,
        totp: true,
        passkey: false,
        recoveryCodes: true,
      });
      const ok = await c.post("/api/auth/two-factor/totp", { code: code.replace(/(\d{3})/, "$1 ") });
      assert.equal(ok.status, 200);
      assert.equal((await c.get("/api/session")).status, 200);
      // The same code, seen over a shoulder, does not work a second time.
      const again = new JarClient(app, "10.7.1.3");
      await again.signIn(seed.people.admin.email);
      const replay = await again.post("/api/auth/two-factor/totp", { code });
      assert.equal(replay.status, 400);
      assert.equal((await again.get("/api/session")).status, 401);
      ctx.clock.advance(30_000);
      const next = await again.post("/api/auth/two-factor/totp", {
        code: await totpCode(secrets.admin!, ctx.now()),
      });
      assert.equal(next.status, 200);
    });

    it("a person who has an app cannot set up a new one at the sign-in prompt instead of using it", async () => {
      const c = new JarClient(app, "10.7.1.4");
      await c.signIn(seed.people.admin.email);
      const sneaky = await c.post("/api/auth/two-factor/enrol/totp");
      assert.equal(sneaky.status, 403);
      assert.equal((await c.get("/api/session")).status, 401);
    });

    it("a recovery code signs in once, and is refused the second time", async () => {
      const c = new JarClient(app, "10.7.1.5");
      await c.signIn(seed.people.admin.email);
      const used = await c.post("/api/auth/two-factor/recovery-code", { code: recovery[0]!.toUpperCase() });
      assert.equal(used.status, 200);
      const state = await c.get("/api/account/two-factor");
      assert.equal(state.body.recoveryCodesLeft, 9);
      const d = new JarClient(app, "10.7.1.6");
      await d.signIn(seed.people.admin.email);
      assert.equal((await d.post("/api/auth/two-factor/recovery-code", { code: recovery[0]! })).status, 400);
      assert.equal((await d.get("/api/session")).status, 401);
    });

    it("five wrong codes end the sign-in attempt", async () => {
      const c = new JarClient(app, "10.7.1.7");
      await c.signIn(seed.people.admin.email);
      for (let i = 0; i < 4; i++)
        assert.equal((await c.post("/api/auth/two-factor/totp", { code: "123456" })).status, 400);
      assert.equal((await c.post("/api/auth/two-factor/totp", { code: "123456" })).status, 429);
      const right = await c.post("/api/auth/two-factor/totp", {
        code: await totpCode(secrets.admin!, ctx.now()),
      });
      assert.equal(right.status, 429);
      assert.equal((await c.get("/api/session")).status, 401);
      ctx.clock.advance(16 * 60_000);
    });

    it("without a started sign-in, the second step answers 401", async () => {
      const c = new JarClient(app, "10.7.1.8");
      const res = await c.post("/api/auth/two-factor/totp", { code: "123456" });
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, "not-signed-in");
    });

    it("approvers and posters must set it up too; staff sign in with a password", async () => {
      for (const who of ["approver", "poster"] as const) {
        const res = await new JarClient(app, "10.7.2.1").signIn(seed.people[who].email);
        assert.equal(res.body.secondFactor?.enrol, true, who);
      }
      const staff = new JarClient(app, "10.7.2.2");
      const res = await staff.signIn(seed.people.staff.email);
      assert.equal(res.status, 200);
      assert.equal(res.body.user.email, seed.people.staff.email);
      assert.equal((await staff.get("/api/account/two-factor")).body.required, false);
    });

    it("an admin can require it of everyone, and then staff set it up at sign-in", async () => {
      const { c } = await enrol(seed.people.approver.email, "10.7.3.1");
      const admin = new JarClient(app, "10.7.3.2");
      await admin.signIn(seed.people.admin.email);
      await admin.post("/api/auth/two-factor/totp", { code: await totpCode(secrets.admin!, ctx.now()) });
      const url = `/api/practices/${seed.practice.id}/sign-in-settings`;
      assert.equal((await c.put(url, { twoFactor: "everyone" })).status, 403, "an approver may not");
      assert.equal(
        (await admin.put(url, { twoFactor: "off" })).status,
        400,
        "a real practice cannot turn it off",
      );
      const saved = await admin.put(url, { twoFactor: "everyone" });
      assert.equal(saved.status, 200);
      assert.deepEqual((await admin.get(url)).body, { twoFactor: "everyone" });
      const staff = await new JarClient(app, "10.7.3.3").signIn(seed.people.staff.email);
      assert.equal(staff.body.secondFactor?.enrol, true);
      await admin.put(url, { twoFactor: "roles" });
    });

    it("someone who must use it cannot remove their only factor; staff can remove theirs", async () => {
      const admin = new JarClient(app, "10.7.4.1");
      await admin.signIn(seed.people.admin.email);
      ctx.clock.advance(30_000);
      await admin.post("/api/auth/two-factor/totp", { code: await totpCode(secrets.admin!, ctx.now()) });
      const refused = await admin.delete("/api/account/two-factor/totp");
      assert.equal(refused.status, 403);
      const staff = new JarClient(app, "10.7.4.2");
      await staff.signIn(seed.people.staff.email);
      const setup = await staff.post("/api/account/two-factor/totp");
      const confirmed = await staff.post("/api/account/two-factor/totp/confirm", {
        code: await totpCode(setup.body.secret, ctx.now()),
      });
      assert.equal(confirmed.status, 200);
      assert.equal(confirmed.body.recoveryCodes.length, 10);
      // Having set it up, staff are asked for it too.
      assert.equal(
        (await new JarClient(app, "10.7.4.3").signIn(seed.people.staff.email)).body.secondFactor?.totp,
        true,
      );
      assert.equal((await staff.delete("/api/account/two-factor/totp")).status, 204);
      assert.equal(
        (await new JarClient(app, "10.7.4.4").signIn(seed.people.staff.email)).body.user?.email,
        seed.people.staff.email,
      );
    });

    it("audits each step without codes or secrets", async () => {
      const rows = await database.db
        .selectFrom("audit_log")
        .select(["action", "details"])
        .where("actor_id", "=", seed.people.admin.id)
        .execute();
      const actions = rows.map((r) => r.action);
      for (const a of [
        "auth.two-factor-added",
        "auth.second-factor-failed",
        "auth.recovery-code-used",
        "auth.signed-in",
      ])
        assert.ok(actions.includes(a), a);
      const text = JSON.stringify(rows);
      assert.ok(!text.includes(secrets.admin!.replace(/\s/g, "")));
      assert.ok(!recovery.some((r) => text.includes(r)));
    });
  });
}
