// The token refresh job against a real OAuth 2.0 server (oidc-provider): tokens renewed before they expire,
// the new refresh token kept, one refresh at a time, and a refused refresh marking the channel "reconnect
// needed" and telling the practice's admins and posters, without a token anywhere in the mail or the audit.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { Client, seedPractice } from "../support/http";
import type { OpenDatabase } from "../../src/store/database";
import { CONNECT_CALLBACK_PATH } from "../../src/app/channels/connect";
import { openCredentials } from "../../src/app/channels/connect-credentials";
import { refreshChannel, refreshChannelTokens } from "../../src/app/channels/refresh-tokens";
import { TestAuthServer } from "./oauth-server";
import { connectAtPlatform, loggingServer, xAtTestServer } from "./support";

for (const kind of databaseKinds) {
  describe(`renewing channel tokens before they expire (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    const auth = new TestAuthServer();
    let restore = () => {};
    let practiceId = "";
    let channelId = "";
    const channel = () =>
      ctx.db.selectFrom("channels").selectAll().where("id", "=", channelId).executeTakeFirstOrThrow();

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      ctx.clock.current = new Date();
      ({ app } = await loggingServer(ctx));
      // Access tokens that live five minutes: inside the hour the job renews ahead.
      await auth.start(`${ctx.baseUrl}${CONNECT_CALLBACK_PATH}`, 300);
      restore = xAtTestServer(auth);
      const seed = await seedPractice(ctx, "rowan");
      practiceId = seed.practice.id;
      const admin = new Client(app, "10.34.0.1");
      await admin.signIn(seed.people.admin.email);
      await admin.request("PUT", `/api/practices/${practiceId}/channel-apps/x`, {
        clientId: auth.clientId,
        clientSecret: auth.clientSecret,
      });
      auth.signInAs("rowan-on-x");
      const { finishPath } = await connectAtPlatform(
        admin,
        auth,
        `/api/practices/${practiceId}/channels/connect/x`,
        ctx.baseUrl,
      );
      assert.equal((await admin.get(finishPath)).status, 302);
      channelId = (
        await ctx.db.selectFrom("channels").select("id").where("kind", "=", "x").executeTakeFirstOrThrow()
      ).id;
    });
    after(async () => {
      restore();
      await app.close();
      await auth.stop();
      await database.close();
    });

    it("renews a token due to expire, keeps the platform's new tokens sealed, and leaves a fresh one alone", async () => {
      const before = await channel();
      const old = openCredentials(ctx, before)!;
      const outcomes = await refreshChannelTokens(ctx);
      assert.deepEqual(outcomes, { [channelId]: "refreshed" });
      const after = await channel();
      const renewed = openCredentials(ctx, after)!;
      assert.notEqual(renewed.accessToken, old.accessToken);
      assert.ok(await auth.isLiveAccessToken(renewed.accessToken!), "the new access token is the platform's");
      assert.ok(renewed.refreshToken, "a refresh token is kept for next time");
      assert.ok(
        after.token_expires_at! > before.token_expires_at! ||
          after.token_expires_at!.getTime() >= before.token_expires_at!.getTime(),
      );
      assert.equal(after.status, "connected");
      for (const t of [renewed.accessToken!, renewed.refreshToken!])
        assert.ok(!after.credentials_enc!.includes(t));
      // Two instances that both saw these tokens due: one renews them, the other finds them renewed.
      const seen = after.token_expires_at!;
      ctx.clock.advance(1000);
      const both = await Promise.all([
        refreshChannel(ctx, channelId, seen),
        refreshChannel(ctx, channelId, seen),
      ]);
      assert.ok(both.includes("skipped"), both.join(", "));
      assert.equal(both.filter((o) => o === "refreshed").length, 1, both.join(", "));
      assert.equal((await channel()).status, "connected");
    });

    it("a refusal marks the channel for reconnecting and tells admins and posters, without a token", async () => {
      const creds = openCredentials(ctx, await channel())!;
      await auth.revokeRefreshToken(creds.refreshToken!);
      ctx.sent.length = 0;
      assert.deepEqual(await refreshChannelTokens(ctx), { [channelId]: "reconnect-needed" });
      const row = await channel();
      assert.equal(row.status, "reconnect-needed");
      assert.ok(row.refresh_failed_at);
      const to = ctx.sent.map((m) => m.to).sort();
      assert.deepEqual(to, ["admin@rowan.example", "poster@rowan.example"]);
      assert.match(ctx.sent[0]!.subject, /needs reconnecting/);
      assert.match(ctx.sent[0]!.text, /held, not lost|No posts are due/);
      const audit = await ctx.db
        .selectFrom("audit_log")
        .selectAll()
        .where("action", "=", "channel.reconnect-needed")
        .execute();
      assert.equal(audit.length, 1);
      const everything = JSON.stringify([ctx.sent, audit]);
      for (const t of [creds.accessToken!, creds.refreshToken!, auth.clientSecret])
        assert.ok(!everything.includes(t));
      // A channel waiting to be reconnected is not tried again.
      assert.deepEqual(await refreshChannelTokens(ctx), {});
    });
  });
}
