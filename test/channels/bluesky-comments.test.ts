// Bluesky comments against a real PDS (started here): a patient's account replies to and mentions the practice,
// the adapter reads them from the practice's notifications (the PDS proxies the call to a small notification
// index, test/channels/support/bsky-notifications.ts), answers in the thread and hides through the threadgate,
// all read back from the PDS as the public reads it.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { AtpAgent, AtUri } from "@atproto/api";
import type { TestNetworkNoAppView } from "@atproto/dev-env";
import { blueskyAdapter } from "../../src/channels/bluesky";
import { ChannelError, type ChannelConnection, type PublishedRef } from "../../src/channels/adapter";
import { uniqueText } from "./adapter-suite";
import { commentSuite, type CommentFixture } from "./comment-suite";
import { NotificationIndex } from "./support/bsky-notifications";
import { FaultProxy } from "./support/fault-proxy";
import { startPds } from "./support/pds";

interface World {
  net: TestNetworkNoAppView;
  index: NotificationIndex;
  patient: AtpAgent;
  fixture: CommentFixture;
}

let world: Promise<World> | null = null;

function startWorld(): Promise<World> {
  world ??= (async () => {
    const index = await new NotificationIndex().start();
    const net = await startPds({ url: index.url, did: index.did });
    index.pdsUrl = net.pds.url;
    const proxy = await FaultProxy.start(net.pds.url);
    const owner = new AtpAgent({ service: net.pds.url });
    const handle = "riverside-practice.test";
    await owner.createAccount({ handle, email: "comms@riverside.test", password: `o-${randomUUID()}` });
    const appPassword = (await owner.com.atproto.server.createAppPassword({ name: "safepost" })).data
      .password;
    const patient = new AtpAgent({ service: net.pds.url });
    await patient.createAccount({
      handle: "a-patient.test",
      email: "p@example.test",
      password: `p-${randomUUID()}`,
    });
    const conn: ChannelConnection = {
      kind: "bluesky",
      apiBase: proxy.url,
      accountId: owner.session!.did,
      credentials: { identifier: handle, appPassword },
    };
    const publicView = new AtpAgent({ service: net.pds.url });
    const postRef = async (uri: string) => {
      const u = new AtUri(uri);
      const { data } = await publicView.com.atproto.repo.getRecord({
        repo: u.host,
        collection: u.collection,
        rkey: u.rkey,
      });
      return { uri, cid: data.cid! };
    };
    const fixture: CommentFixture = {
      adapter: blueskyAdapter,
      conn,
      proxy,
      async comment(post: PublishedRef, text: string) {
        const root = await postRef(post.platformId);
        const { uri } = await patient.post({ text, reply: { root, parent: root } });
        return uri;
      },
      async hiddenOnPlatform(commentId: string) {
        const comment = await publicView.com.atproto.repo.getRecord({
          repo: new AtUri(commentId).host,
          collection: "app.bsky.feed.post",
          rkey: new AtUri(commentId).rkey,
        });
        const root = new AtUri((comment.data.value as { reply: { root: { uri: string } } }).reply.root.uri);
        try {
          const gate = await publicView.com.atproto.repo.getRecord({
            repo: root.host,
            collection: "app.bsky.feed.threadgate",
            rkey: root.rkey,
          });
          const v = gate.data.value as { hiddenReplies?: string[]; allow?: unknown };
          assert.equal(v.allow, undefined, "the gate still lets everyone reply");
          return (v.hiddenReplies ?? []).includes(commentId);
        } catch {
          return false;
        }
      },
      async answers(commentId: string) {
        const { data } = await publicView.com.atproto.repo.listRecords({
          repo: conn.accountId,
          collection: "app.bsky.feed.post",
          limit: 100,
        });
        return data.records
          .map((r) => r.value as { text: string; reply?: { parent: { uri: string } } })
          .filter((v) => v.reply?.parent.uri === commentId)
          .map((v) => v.text);
      },
      isReply: (r) => r.method === "POST" && r.path === "/xrpc/com.atproto.repo.createRecord",
      secrets: [appPassword],
    };
    return { net, index, patient, fixture };
  })();
  return world;
}

after(async () => {
  if (!world) return;
  const w = await world;
  await w.fixture.proxy.close();
  await w.net.close();
  await w.index.close();
});

commentSuite("Bluesky (a real PDS)", async () => (await startWorld()).fixture);

describe("Bluesky comments, on the PDS", () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });

  it("lists a mention of the practice that is not under its posts, and will not hide it", async () => {
    const text = uniqueText("Thanks @riverside-practice.test for the quick call back");
    const rt = await import("@atproto/api").then((m) => new m.RichText({ text }));
    await rt.detectFacets(w.patient);
    const { uri } = await w.patient.post({ text: rt.text, facets: rt.facets ?? [] });
    const page = await blueskyAdapter.listComments!(w.fixture.conn, { posts: [], cursor: null });
    const c = page.comments.find((x) => x.platformId === uri);
    assert.ok(c, "the mention is listed");
    assert.equal(c.postPlatformId, null);
    assert.equal(c.authorHandle, "@a-patient.test");
    assert.equal(c.authorUrl, "https://bsky.app/profile/a-patient.test");
    await assert.rejects(
      blueskyAdapter.hide!(w.fixture.conn, c),
      (e: unknown) =>
        e instanceof ChannelError && e.kind === "rejected" && /only under its own posts/.test(e.message),
    );
  });
});
