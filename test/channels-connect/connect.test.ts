import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { Client, seedPractice } from "../support/http";
import type { OpenDatabase } from "../../src/store/database";
import { CONNECT_CALLBACK_PATH } from "../../src/app/channels/connect";
import { openCredentials } from "../../src/app/channels/connect-credentials";
import { addMembership, createUser } from "../../src/app/users/create-user";
import { TestAuthServer } from "./oauth-server";
import { connectAtPlatform, loggingServer, xAtTestServer } from "./support";

for (const kind of databaseKinds) {
  describe(`connecting a channel with OAuth 2.0 and PKCE (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let logs: string[];
    let ctx: ReturnType<typeof testContext>;
    const auth = new TestAuthServer();
    let restore = () => {};
    let practiceId = "";
    let otherPracticeId = "";
    let admin: Client;
    let secondAdmin: Client;
    const issuedTokens: string[] = [];

    const startPath = (query = "") => `/api/practices/${practiceId}/channels/connect/x${query}`;
    const channelCount = async () =>
      (await ctx.db.selectFrom("channels").select("id").where("kind", "=", "x").execute()).length;

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      // The platform's tokens carry real times.
      ctx.clock.current = new Date();
      ({ app, logs } = await loggingServer(ctx));
      await auth.start(`${ctx.baseUrl}${CONNECT_CALLBACK_PATH}`);
      restore = xAtTestServer(auth);
      const seed = await seedPractice(ctx, "hazel");
      practiceId = seed.practice.id;
      otherPracticeId = (await seedPractice(ctx, "yew")).practice.id;
      const second = await createUser(ctx.db, {
        email: "deputy@hazel.example",
        name: "Deputy of hazel",
        password: "correct horse battery",
      });
      await addMembership(ctx.db, practiceId, second.id, ["admin", "staff"], ctx.now());
      admin = new Client(app, "10.32.0.1");
      await admin.signIn("admin@hazel.example");
      secondAdmin = new Client(app, "10.32.0.2");
      await secondAdmin.signIn("deputy@hazel.example");
      for (const c of [admin, secondAdmin])
        await c.request("PUT", `/api/practices/${practiceId}/channel-apps/x`, {
          clientId: auth.clientId,
          clientSecret: auth.clientSecret,
        });
    });
    after(async () => {
      restore();
      await app.close();
      await auth.stop();
      await database.close();
    });

    it("an admin connects the practice's X account: tokens sealed to the channel, never shown", async () => {
      auth.signInAs("hazel-on-x");
      const { finishPath } = await connectAtPlatform(admin, auth, startPath(), ctx.baseUrl);
      assert.match(finishPath, /^\/api\/channels\/callback\/finish\?/);
      const done = await admin.get(finishPath);
      assert.equal(done.status, 302);
      const channel = await ctx.db
        .selectFrom("channels")
        .selectAll()
        .where("practice_id", "=", practiceId)
        .where("kind", "=", "x")
        .executeTakeFirstOrThrow();
      assert.equal(done.headers.location, `/practice/${practiceId}/channels?connected=${channel.id}`);
      assert.equal(channel.status, "connected");
      assert.equal(channel.account_id, "hazel-on-x");
      assert.equal(channel.name, "X: @hazel-on-x");
      assert.equal(channel.api_base, auth.issuer);
      assert.ok(channel.token_expires_at && channel.token_expires_at > ctx.now());
      const credentials = openCredentials(ctx, channel)!;
      assert.ok(await auth.isLiveAccessToken(credentials.accessToken!), "the stored token is the platform's");
      assert.ok(credentials.refreshToken, "offline access gave a refresh token");
      issuedTokens.push(credentials.accessToken!, credentials.refreshToken!);
      for (const t of issuedTokens) assert.ok(!channel.credentials_enc!.includes(t), "sealed at rest");
    });

    it("no token appears in the audit, the log or any API answer", async () => {
      const listed = await admin.get(`/api/practices/${practiceId}/channels`);
      assert.equal(listed.status, 200);
      assert.ok(listed.body.channels.some((c: { kind: string }) => c.kind === "x"));
      const audit = JSON.stringify(await ctx.db.selectFrom("audit_log").selectAll().execute());
      assert.match(audit, /channel\.connected/);
      await new Promise((resolve) => setImmediate(resolve));
      const logText = logs.join("\n");
      assert.ok(logText.length > 0, "the server logged its requests");
      for (const t of [...issuedTokens, auth.clientSecret]) {
        assert.ok(!listed.text.includes(t), "not in the channels list");
        assert.ok(!audit.includes(t), "not in the audit");
        assert.ok(!logText.includes(t), "not in the log");
      }
      assert.doesNotMatch(logText, /code=|state=/, "the log names route patterns, not the platform's answer");
    });

    it("refuses the platform's answer a second time (a replayed state), changing nothing", async () => {
      auth.signInAs("hazel-on-x");
      const { finishPath } = await connectAtPlatform(admin, auth, startPath(), ctx.baseUrl);
      assert.equal((await admin.get(finishPath)).status, 302);
      const before = await ctx.db.selectFrom("channels").select(["credentials_enc", "updated_at"]).execute();
      const replay = await admin.get(finishPath);
      assert.equal(replay.headers.location, "/practices?connect=expired");
      assert.deepEqual(
        await ctx.db.selectFrom("channels").select(["credentials_enc", "updated_at"]).execute(),
        before,
      );
    });

    it("refuses a state it never sent", async () => {
      const n = await channelCount();
      const wrong = await admin.get("/api/channels/callback/finish?code=made-up&state=not-ours");
      assert.equal(wrong.headers.location, "/practices?connect=expired");
      assert.equal(await channelCount(), n);
    });

    it("refuses an answer that comes back after the ten minutes", async () => {
      const n = await channelCount();
      auth.signInAs("hazel-second-account");
      const { finishPath } = await connectAtPlatform(admin, auth, startPath(), ctx.baseUrl);
      ctx.clock.advance(11 * 60_000);
      try {
        const late = await admin.get(finishPath);
        assert.equal(late.headers.location, "/practices?connect=expired");
      } finally {
        ctx.clock.advance(-11 * 60_000);
      }
      assert.equal(await channelCount(), n);
    });

    it("refuses someone else's answer, and leaves it for the admin who started it", async () => {
      const n = await channelCount();
      auth.signInAs("hazel-third-account");
      const { finishPath } = await connectAtPlatform(admin, auth, startPath(), ctx.baseUrl);
      const stolen = await secondAdmin.get(finishPath);
      assert.equal(stolen.headers.location, "/practices?connect=expired");
      const signedOut = await new Client(app, "10.32.0.9").get(finishPath);
      assert.equal(signedOut.headers.location, "/sign-in");
      assert.equal(await channelCount(), n);
      const own = await admin.get(finishPath);
      assert.match(String(own.headers.location), /connected=/);
      assert.equal(await channelCount(), n + 1);
    });

    it("refuses another practice's channel id as plainly as an unknown one, storing no request", async () => {
      const stranger = new Client(app, "10.32.0.3");
      await stranger.signIn("admin@yew.example");
      const theirs = await ctx.db
        .selectFrom("channels")
        .select("id")
        .where("practice_id", "=", practiceId)
        .where("kind", "=", "x")
        .executeTakeFirstOrThrow();
      const requests = async () =>
        (await ctx.db.selectFrom("channel_connect_requests").select("id").execute()).length;
      const n = await requests();
      const fromOther = await stranger.get(
        `/api/practices/${otherPracticeId}/channels/connect/x?channel=${theirs.id}`,
      );
      assert.equal(fromOther.headers.location, `/practice/${otherPracticeId}/channels?connect=not-found`);
      const intoOther = await stranger.get(startPath());
      assert.equal(intoOther.headers.location, "/practices?connect=not-found");
      assert.equal(await requests(), n);
    });

    it("only an admin connects; a platform without app details says where to enter them", async () => {
      const poster = new Client(app, "10.32.0.4");
      await poster.signIn("poster@hazel.example");
      const refused = await poster.get(startPath());
      assert.equal(refused.headers.location, `/practice/${practiceId}/channels?connect=forbidden`);
      const website = await admin.get(`/api/practices/${practiceId}/channels/connect/website`);
      assert.equal(website.headers.location, `/practice/${practiceId}/channels?connect=not-connectable`);
      const linkedin = await admin.get(`/api/practices/${practiceId}/channels/connect/linkedin`);
      assert.equal(linkedin.headers.location, `/practice/${practiceId}/channels?connect=missing-app`);
    });

    it("a person who cancels at the platform comes back to a plain message and nothing is stored", async () => {
      const n = await channelCount();
      auth.decline = true;
      const { finishPath } = await connectAtPlatform(admin, auth, startPath(), ctx.baseUrl);
      assert.match(finishPath, /error=access_denied/);
      const back = await admin.get(finishPath);
      assert.equal(back.headers.location, `/practice/${practiceId}/channels?connect=declined`);
      assert.equal(await channelCount(), n);
    });
  });
}
