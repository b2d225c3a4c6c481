import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { Client, seedPractice, testServer } from "../support/http";
import type { OpenDatabase } from "../../src/store/database";
import { appCredentialsFor } from "../../src/app/channels/app-credentials";

const SECRET = "an-app-secret-only-the-practice-knows-0042";

for (const kind of databaseKinds) {
  describe(`a practice's own platform apps (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    let admin: Client;
    let practiceId = "";
    let otherPracticeId = "";

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      ctx.platformApps = { linkedin: { clientId: "env-linkedin-id", clientSecret: "env-linkedin-secret" } };
      app = await testServer(ctx);
      practiceId = (await seedPractice(ctx, "larch")).practice.id;
      otherPracticeId = (await seedPractice(ctx, "elm")).practice.id;
      admin = new Client(app, "10.31.0.1");
      await admin.signIn("admin@larch.example");
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("an admin enters X app details; the secret is sealed at rest and never shown again", async () => {
      const saved = await admin.request("PUT", `/api/practices/${practiceId}/channel-apps/x`, {
        clientId: "x-client-123",
        clientSecret: SECRET,
      });
      assert.equal(saved.status, 200, saved.text);
      assert.deepEqual(saved.body, {
        platform: "x",
        name: "X",
        source: "settings",
        clientId: "x-client-123",
        hasClientSecret: true,
      });
      const row = await ctx.db
        .selectFrom("channel_app_credentials")
        .selectAll()
        .where("practice_id", "=", practiceId)
        .executeTakeFirstOrThrow();
      assert.ok(row.client_secret_enc && !row.client_secret_enc.includes(SECRET));
      const listed = await admin.get(`/api/practices/${practiceId}/channel-apps`);
      assert.ok(!listed.text.includes(SECRET));
      const audit = await ctx.db.selectFrom("audit_log").select("details").execute();
      assert.ok(!JSON.stringify(audit).includes(SECRET), "no secret in the audit");
      assert.deepEqual(await appCredentialsFor(ctx, practiceId, "x"), {
        clientId: "x-client-123",
        clientSecret: SECRET,
        source: "settings",
      });
      // Another practice has none of them.
      assert.equal(await appCredentialsFor(ctx, otherPracticeId, "x"), null);
    });

    it("saving again without a secret keeps the stored one; removing falls back to the environment", async () => {
      const url = `/api/practices/${practiceId}/channel-apps/linkedin`;
      const before = (await admin.get(`/api/practices/${practiceId}/channel-apps`)).body.apps;
      assert.deepEqual(
        before.find((a: { platform: string }) => a.platform === "linkedin"),
        {
          platform: "linkedin",
          name: "LinkedIn",
          source: "environment",
          clientId: "env-linkedin-id",
          hasClientSecret: true,
        },
      );
      await admin.request("PUT", url, { clientId: "li-own", clientSecret: "li-own-secret" });
      await admin.request("PUT", url, { clientId: "li-own-2" });
      assert.deepEqual(await appCredentialsFor(ctx, practiceId, "linkedin"), {
        clientId: "li-own-2",
        clientSecret: "li-own-secret",
        source: "settings",
      });
      assert.equal((await admin.delete(url)).status, 204);
      assert.equal((await appCredentialsFor(ctx, practiceId, "linkedin"))?.source, "environment");
    });

    it("refuses bad input with a plain sentence and writes nothing", async () => {
      const count = async () =>
        Number(
          (
            await ctx.db
              .selectFrom("channel_app_credentials")
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const n = await count();
      const blank = await admin.request("PUT", `/api/practices/${practiceId}/channel-apps/facebook`, {
        clientId: "  ",
      });
      assert.equal(blank.status, 400);
      assert.ok(blank.body.error.fields.clientId);
      const unknown = await admin.request("PUT", `/api/practices/${practiceId}/channel-apps/myspace`, {
        clientId: "abc",
      });
      assert.equal(unknown.status, 404);
      assert.match(unknown.body.error.message, /Meta \(Facebook and Instagram\), X and LinkedIn/);
      assert.equal(await count(), n);
    });

    it("only an admin of this practice can see or change them", async () => {
      const poster = new Client(app, "10.31.0.2");
      await poster.signIn("poster@larch.example");
      assert.equal((await poster.get(`/api/practices/${practiceId}/channel-apps`)).status, 403);
      const stranger = new Client(app, "10.31.0.3");
      await stranger.signIn("admin@elm.example");
      const other = await stranger.request("PUT", `/api/practices/${practiceId}/channel-apps/x`, {
        clientId: "hijack",
      });
      assert.equal(other.status, 404);
      assert.equal((await appCredentialsFor(ctx, practiceId, "x"))?.clientId, "x-client-123");
    });
  });
}
