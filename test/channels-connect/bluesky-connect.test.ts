// Connecting a Bluesky account with an app password, against a real PDS (the atproto reference server started
// in this file): the password is checked with the server before anything is kept, the channel stores the
// account's DID and the password sealed, and the adapter then posts with it.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { AtpAgent, AtUri } from "@atproto/api";
import type { TestNetworkNoAppView } from "@atproto/dev-env";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { Client, seedPractice } from "../support/http";
import type { OpenDatabase } from "../../src/store/database";
import { openCredentials } from "../../src/app/channels/connect-credentials";
import { blueskyAdapter } from "../../src/channels/bluesky";
import { practiceAccount, startPds } from "../channels/support/pds";
import { loggingServer } from "./support";

let pds: Promise<{
  net: TestNetworkNoAppView;
  handle: string;
  did: string;
  appPassword: string;
  owner: AtpAgent;
}> | null = null;
function startWorld() {
  pds ??= (async () => {
    const net = await startPds();
    const handle = "willow-surgery.test";
    const { owner, did, appPassword } = await practiceAccount(net.pds.url, handle, "comms@willow.test");
    return { net, handle, did, appPassword, owner };
  })();
  return pds;
}

for (const kind of databaseKinds) {
  describe(`connecting Bluesky with an app password (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let logs: string[];
    let ctx: ReturnType<typeof testContext>;
    let world: Awaited<ReturnType<typeof startWorld>>;
    let base = "";
    let otherBase = "";
    let admin: Client;
    let poster: Client;
    const blueskyChannels = async () =>
      ctx.db.selectFrom("channels").selectAll().where("kind", "=", "bluesky").execute();

    before(async () => {
      world = await startWorld();
      database = await kind.open();
      ctx = testContext(database);
      ctx.clock.current = new Date();
      ({ app, logs } = await loggingServer(ctx));
      const seed = await seedPractice(ctx, "willow");
      base = `/api/practices/${seed.practice.id}`;
      otherBase = `/api/practices/${(await seedPractice(ctx, "alder")).practice.id}`;
      admin = new Client(app, "10.33.0.1");
      await admin.signIn(seed.people.admin.email);
      poster = new Client(app, "10.33.0.2");
      await poster.signIn(seed.people.poster.email);
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("refuses a wrong app password, another practice, a non-admin and malformed details, keeping nothing", async () => {
      const good = { handle: world.handle, appPassword: world.appPassword, service: world.net.pds.url };
      const wrong = await admin.post(`${base}/channels/bluesky`, {
        ...good,
        appPassword: "aaaa-bbbb-cccc-dddd",
      });
      assert.equal(wrong.status, 400, wrong.text);
      assert.match(wrong.body.error.message, /Bluesky did not accept this handle and app password/);
      const notAdmin = await poster.post(`${base}/channels/bluesky`, good);
      assert.equal(notAdmin.status, 403);
      assert.match(notAdmin.body.error.message, /Only an admin/);
      assert.equal((await admin.post(`${otherBase}/channels/bluesky`, good)).status, 404);
      const badHandle = await admin.post(`${base}/channels/bluesky`, { ...good, handle: "not a handle" });
      assert.equal(badHandle.status, 400);
      assert.ok(badHandle.body.error.fields.handle);
      const accountPassword = await admin.post(`${base}/channels/bluesky`, {
        ...good,
        appPassword: "hunter2hunter2",
      });
      assert.equal(accountPassword.status, 400);
      assert.match(accountPassword.body.error.fields.appPassword, /app password/);
      const lan = await admin.post(`${base}/channels/bluesky`, { ...good, service: "http://192.168.1.20" });
      assert.equal(lan.status, 400);
      assert.ok(lan.body.error.fields.service);
      assert.equal((await admin.post(`${base}/channels/bluesky`, {})).status, 400);
      assert.equal((await blueskyChannels()).length, 0);
    });

    it("connects the account: its DID kept, the app password sealed, and the adapter posts with it", async () => {
      const res = await admin.post(`${base}/channels/bluesky`, {
        handle: `@${world.handle.toUpperCase()}`,
        appPassword: world.appPassword,
        service: world.net.pds.url,
      });
      assert.equal(res.status, 201, res.text);
      assert.match(res.body.message, /is connected/);
      const [channel] = await blueskyChannels();
      assert.ok(channel);
      assert.equal(channel.id, res.body.channelId);
      assert.equal(channel.status, "connected");
      assert.equal(channel.account_id, world.did);
      assert.equal(channel.api_base, world.net.pds.url);
      assert.ok(!channel.credentials_enc!.includes(world.appPassword), "sealed, not stored in the clear");
      const credentials = openCredentials(ctx, channel)!;
      assert.equal(credentials.appPassword, world.appPassword);
      for (const line of logs)
        assert.ok(!line.includes(world.appPassword), "no log line holds the app password");
      const audit = await ctx.db
        .selectFrom("audit_log")
        .select("details")
        .where("action", "=", "channel.connected")
        .execute();
      assert.equal(audit.length, 1);
      assert.ok(!JSON.stringify(audit).includes(world.appPassword));
      const listed = await admin.get(`${base}/channels`);
      assert.ok(JSON.stringify(listed.body).includes(channel.id));
      assert.ok(!JSON.stringify(listed.body).includes(world.appPassword));

      const ref = await blueskyAdapter.publish(
        { kind: "bluesky", apiBase: channel.api_base!, accountId: channel.account_id!, credentials },
        {
          text: `Connected through safepost ${randomUUID()}`,
          link: null,
          images: [],
          deliveryId: randomUUID(),
        },
      );
      const uri = new AtUri(ref.platformId);
      assert.equal(uri.host, world.did, "posted as the connected account");
    });

    it("connecting the same account again updates the one channel rather than adding another", async () => {
      const res = await admin.post(`${base}/channels/bluesky`, {
        handle: world.handle,
        appPassword: world.appPassword,
        service: world.net.pds.url,
      });
      assert.equal(res.status, 201, res.text);
      assert.equal((await blueskyChannels()).length, 1);
    });
  });
}

after(async () => {
  if (pds) await (await pds).net.close();
});
