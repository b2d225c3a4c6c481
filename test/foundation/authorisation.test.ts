import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance, HTTPMethods } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { Client, seedPractice, testServer } from "../support/http";
import type { OpenDatabase } from "../../src/store/database";

/** Routes anyone may call without signing in. */
const PUBLIC = new Set([
  "POST /api/auth/sign-in",
  "POST /api/auth/sign-out",
  "POST /api/auth/forgot-password",
  "POST /api/auth/reset-password",
  "POST /api/invites/lookup",
  "POST /api/invites/accept",
  // Sign in with NHSmail: the practices offering it, and the redirects to and from the provider.
  "GET /api/auth/nhsmail",
  "GET /api/auth/nhsmail/:slug/start",
  "GET /api/auth/nhsmail/callback",
  // Meta calls these; they prove themselves by the verify token and the X-Hub-Signature-256 of the body.
  "GET /api/webhooks/facebook",
  "POST /api/webhooks/facebook",
]);

/**
 * Full-page visits rather than API calls: the browser is sent on, never shown JSON. Signed out they send it to
 * sign-in; for a practice that is not yours they send it back with a reason, never on to the platform.
 */
const NAVIGATION = new Set([
  "GET /api/practices/:practiceId/channels/connect/:kind",
  "GET /api/channels/callback/finish",
]);

/** The platform's answer lands here without the session cookie; the page only moves the browser on. */
const RELAY = new Set(["GET /api/channels/callback"]);

/** Foundation routes only an admin may use (other capabilities test their own role rules). */
const ADMIN_ONLY = [
  "PATCH /api/practices/:practiceId/members/:userId",
  "POST /api/practices/:practiceId/members/:userId/deactivate",
  "POST /api/practices/:practiceId/members/:userId/reactivate",
  "GET /api/practices/:practiceId/invites",
  "POST /api/practices/:practiceId/invites",
  "DELETE /api/practices/:practiceId/invites/:inviteId",
  "GET /api/practices/:practiceId/outbox",
  "GET /api/practices/:practiceId/audit",
  "GET /api/practices/:practiceId/audit.csv",
  "PUT /api/practices/:practiceId/settings",
];

const fill = (url: string, practiceId: string): string =>
  url.replace(":practiceId", practiceId).replace(/:[A-Za-z]+/g, "00000000-0000-4000-8000-000000000001");

for (const kind of databaseKinds) {
  describe(`every API route is authorised (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let a: Awaited<ReturnType<typeof seedPractice>>;
    let staffOfA: Client;
    let adminOfB: Client;
    let apiRoutes: { method: string; url: string }[];
    before(async () => {
      database = await kind.open();
      const ctx = testContext(database);
      app = await testServer(ctx);
      a = await seedPractice(ctx, "alder");
      await seedPractice(ctx, "birch");
      staffOfA = new Client(app, "10.2.0.1");
      await staffOfA.signIn("staff@alder.example");
      adminOfB = new Client(app, "10.2.0.2");
      await adminOfB.signIn("admin@birch.example");
      apiRoutes = app.safepostRoutes.filter((r) => r.url.startsWith("/api/"));
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("finds the routes to test", () => {
      assert.ok(apiRoutes.length >= 15, `only ${apiRoutes.length} routes`);
    });

    it("signed out: every non-public route answers 401", async () => {
      const anon = new Client(app, "10.2.0.3");
      for (const r of apiRoutes) {
        const key = `${r.method} ${r.url}`;
        if (PUBLIC.has(key) || RELAY.has(key)) continue;
        const res = await anon.request(
          r.method as HTTPMethods,
          fill(r.url, a.practice.id),
          r.method === "GET" || r.method === "DELETE" ? undefined : {},
        );
        if (NAVIGATION.has(key)) {
          assert.equal(res.status, 302, `${key} answered ${res.status}`);
          assert.equal(
            res.headers.location,
            "/sign-in",
            `${key} sent the browser to ${res.headers.location}`,
          );
          continue;
        }
        assert.equal(res.status, 401, `${key} answered ${res.status}`);
        assert.equal(res.body.error.code, "not-signed-in");
      }
    });

    it("the platform's answer page only moves the browser on to safepost's own address", async () => {
      const anon = new Client(app, "10.2.0.5");
      const res = await anon.request("GET", "/api/channels/callback?code=x&state=y");
      assert.equal(res.status, 200);
      assert.match(res.text, /url=\/api\/channels\/callback\/finish\?code=x&#38;state=y"/);
    });

    it("another practice's admin gets 404 on every practice route, as if it did not exist", async () => {
      for (const r of apiRoutes.filter((r) => r.url.includes(":practiceId"))) {
        const res = await adminOfB.request(
          r.method as HTTPMethods,
          fill(r.url, a.practice.id),
          r.method === "GET" || r.method === "DELETE" ? undefined : {},
        );
        if (NAVIGATION.has(`${r.method} ${r.url}`)) {
          assert.equal(res.status, 302, `${r.method} ${r.url} answered ${res.status}`);
          assert.match(
            String(res.headers.location),
            /^\/practices?\b.*connect=/,
            `sent to ${res.headers.location}`,
          );
          continue;
        }
        assert.equal(res.status, 404, `${r.method} ${r.url} answered ${res.status}`);
      }
    });

    it("a staff member gets 403 on admin-only routes", async () => {
      for (const key of ADMIN_ONLY) {
        const [method, url] = key.split(" ") as [string, string];
        assert.ok(
          apiRoutes.some((r) => r.method === method && r.url === url),
          `${key} is registered`,
        );
        const res = await staffOfA.request(
          method as HTTPMethods,
          fill(url, a.practice.id),
          method === "GET" || method === "DELETE" ? undefined : {},
        );
        assert.equal(res.status, 403, `${key} answered ${res.status}`);
        assert.equal(res.body.error.code, "forbidden");
      }
    });

    it("an id of another practice's member is 404 inside your own practice", async () => {
      const adminOfA = new Client(app, "10.2.0.4");
      await adminOfA.signIn("admin@alder.example");
      const birchStaff = await database.db
        .selectFrom("users")
        .select("id")
        .where("email", "=", "staff@birch.example")
        .executeTakeFirstOrThrow();
      const res = await adminOfA.post(`/api/practices/${a.practice.id}/members/${birchStaff.id}/deactivate`);
      assert.equal(res.status, 404);
      const still = await database.db
        .selectFrom("users")
        .select("disabled_at")
        .where("id", "=", birchStaff.id)
        .executeTakeFirstOrThrow();
      assert.equal(still.disabled_at, null);
    });
  });
}
