import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { testServer } from "../support/http";
import type { OpenDatabase } from "../../src/store/database";
import { createPractice } from "../../src/app/practices/create-practice";
import { addMembership, createUser } from "../../src/app/users/create-user";
import { CALLBACK_PATH } from "../../src/app/auth/oidc";
import { createSession } from "../../src/app/auth/sessions";
import { JarClient, PASSWORD } from "./support";
import { TestProvider } from "./oidc-provider";

for (const kind of databaseKinds) {
  describe(`sign in with NHSmail (OpenID Connect) (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    const provider = new TestProvider();
    let practiceId = "";
    const ids: Record<string, string> = {};

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      // Tokens carry real times: the sign-in uses the system clock here.
      ctx.clock.current = new Date();
      ctx.now = () => new Date();
      app = await testServer(ctx);
      await provider.start(`${ctx.baseUrl}${CALLBACK_PATH}`);
      const practice = await createPractice(ctx.db, {
        slug: "ash",
        name: "Ash Surgery",
        settings: { emailDomains: ["ash.nhs.uk"] },
      });
      practiceId = practice.id;
      for (const [key, roles] of [
        ["receptionist", ["staff"]],
        ["manager", ["admin", "staff"]],
      ] as const) {
        const u = await createUser(ctx.db, {
          email: `${key}@ash.nhs.uk`,
          name: `${key} of Ash`,
          password: PASSWORD,
        });
        await addMembership(ctx.db, practice.id, u.id, [...roles]);
        ids[key] = u.id;
      }
      provider.accounts = {
        "sub-receptionist": { email: "Receptionist@ash.nhs.uk", email_verified: true },
        "sub-manager": { email: "manager@ash.nhs.uk", email_verified: true },
        "sub-manager-mfa": { email: "manager@ash.nhs.uk", email_verified: true, mfa: true },
        "sub-unverified": { email: "receptionist@ash.nhs.uk", email_verified: false },
        "sub-elsewhere": { email: "receptionist@elsewhere.nhs.uk", email_verified: true },
        "sub-stranger": { email: "new.starter@ash.nhs.uk", email_verified: true },
      };
    });
    after(async () => {
      await app.close();
      await provider.stop();
      await database.close();
    });

    it("an admin connects the practice's NHSmail; the client secret is stored encrypted and never shown", async () => {
      const admin = new JarClient(app, "10.9.0.1");
      // A session made directly: the manager's own second step is tested elsewhere.
      const s = await createSession(ctx, ids.manager!);
      admin.cookies.set("sp_session", s.token);
      admin.csrf = s.csrfToken;
      const url = `/api/practices/${practiceId}/nhsmail`;
      const bad = await admin.put(url, { issuer: "ftp://login.example", clientId: "x" });
      assert.equal(bad.status, 400);
      const saved = await admin.put(url, {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.deepEqual(saved.body.nhsmail, {
        issuer: provider.issuer,
        clientId: provider.clientId,
        hasClientSecret: true,
      });
      const row = await ctx.db.selectFrom("practice_oidc").selectAll().executeTakeFirstOrThrow();
      assert.ok(!row.client_secret_enc!.includes(provider.clientSecret));
      const listed = await new JarClient(app).get("/api/auth/nhsmail");
      assert.deepEqual(listed.body.practices, [{ slug: "ash", name: "Ash Surgery" }]);
    });

    /** Starts at safepost, signs in at the provider as `sub`, comes back: the callback's answer. */
    async function signInWithNhsmail(c: JarClient, sub: string) {
      const start = await c.get("/api/auth/nhsmail/ash/start");
      assert.equal(start.status, 302);
      const location = String(start.headers.location);
      assert.ok(location.startsWith(`${provider.issuer}/auth?`), location);
      assert.match(location, /code_challenge_method=S256/);
      provider.signInAs(sub);
      const back = await provider.browse(location, `${ctx.baseUrl}${CALLBACK_PATH}`);
      const path = back.slice(ctx.baseUrl.length);
      return { path, res: await c.get(path) };
    }

    it("signs a staff member in to their existing account, linked by email", async () => {
      const c = new JarClient(app, "10.9.1.1");
      const { res } = await signInWithNhsmail(c, "sub-receptionist");
      assert.equal(res.status, 302);
      assert.equal(res.headers.location, "/practices");
      const session = await c.get("/api/session");
      assert.equal(session.status, 200);
      assert.equal(session.body.user.email, "receptionist@ash.nhs.uk");
      const link = await ctx.db
        .selectFrom("oidc_identities")
        .selectAll()
        .where("subject", "=", "sub-receptionist")
        .executeTakeFirst();
      assert.equal(link?.user_id, ids.receptionist);
    });

    it("refuses the provider's answer a second time (a replayed state)", async () => {
      const c = new JarClient(app, "10.9.1.2");
      const { path } = await signInWithNhsmail(c, "sub-receptionist");
      await c.request("POST", "/api/auth/sign-out");
      c.cookies.delete("sp_session");
      const replay = await c.get(path);
      assert.equal(replay.status, 302);
      assert.equal(replay.headers.location, "/sign-in?nhsmail=expired");
      assert.equal((await c.get("/api/session")).status, 401);
      // Nor can another browser finish someone's sign-in for them (the state is bound to the browser).
      const other = new JarClient(app, "10.9.1.3");
      const started = await new JarClient(app, "10.9.1.4").get("/api/auth/nhsmail/ash/start");
      provider.signInAs("sub-receptionist");
      const back = await provider.browse(String(started.headers.location), `${ctx.baseUrl}${CALLBACK_PATH}`);
      const stolen = await other.get(back.slice(ctx.baseUrl.length));
      assert.equal(stolen.headers.location, "/sign-in?nhsmail=expired");
      assert.equal((await other.get("/api/session")).status, 401);
    });

    it("refuses an ID token made for another application (wrong audience)", async () => {
      provider.wrongAudience = true;
      try {
        const c = new JarClient(app, "10.9.2.1");
        const { res } = await signInWithNhsmail(c, "sub-receptionist");
        assert.equal(res.headers.location, "/sign-in?nhsmail=token");
        assert.equal((await c.get("/api/session")).status, 401);
      } finally {
        provider.wrongAudience = false;
      }
    });

    it("refuses an email address NHSmail has not verified, one of another domain, and one without an account", async () => {
      for (const [sub, reason] of [
        ["sub-unverified", "unverified-email"],
        ["sub-elsewhere", "wrong-domain"],
        ["sub-stranger", "no-account"],
      ] as const) {
        const c = new JarClient(app, "10.9.3.1");
        const { res } = await signInWithNhsmail(c, sub);
        assert.equal(res.headers.location, `/sign-in?nhsmail=${reason}`, sub);
        assert.equal((await c.get("/api/session")).status, 401, sub);
      }
      const refused = await ctx.db
        .selectFrom("audit_log")
        .select("details")
        .where("action", "=", "auth.nhsmail-refused")
        .execute();
      const reasons = refused.map((r) => r.details.reason);
      for (const r of ["expired", "token", "unverified-email", "wrong-domain", "no-account"])
        assert.ok(reasons.includes(r), r);
      assert.ok(!JSON.stringify(refused).includes("@"), "no email address in the audit log");
    });

    it("asks an admin for safepost's second step unless NHSmail proved multi-factor sign-in itself", async () => {
      const c = new JarClient(app, "10.9.4.1");
      const { res } = await signInWithNhsmail(c, "sub-manager");
      assert.equal(res.headers.location, "/sign-in/two-step");
      assert.equal((await c.get("/api/session")).status, 401);
      assert.equal((await c.get("/api/auth/two-factor")).body.enrol, true);
      const d = new JarClient(app, "10.9.4.2");
      const mfa = await signInWithNhsmail(d, "sub-manager-mfa");
      assert.equal(mfa.res.headers.location, "/practices");
      assert.equal((await d.get("/api/session")).body.user.email, "manager@ash.nhs.uk");
    });

    it("an unknown or unconfigured practice sends the browser back to sign in", async () => {
      const res = await new JarClient(app).get("/api/auth/nhsmail/nowhere/start");
      assert.equal(res.status, 302);
      assert.equal(res.headers.location, "/sign-in?nhsmail=unavailable");
    });
  });
}
