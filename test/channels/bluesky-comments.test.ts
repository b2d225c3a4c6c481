// Bluesky comments against a real PDS (started here): a patient's account replies to and mentions the practice,
// the adapter reads them from the practice's notifications (the PDS proxies the call to a small notification
// index, test/channels/support/bsky-notifications.ts), answers in the thread and hides through the threadgate,
// blocks the author with a block record in the practice's repository and reports a comment to a real Ozone (the
// PDS's report service, where DATABASE_URL names a PostgreSQL server for it), all read back from the PDS, or
// from Ozone's moderators' view, as they hold it.
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
import { prepareModeration, type Did, type Moderation, type Url } from "./support/ozone";
import { practiceAccount, startPds } from "./support/pds";

interface World {
  net: TestNetworkNoAppView;
  index: NotificationIndex;
  moderation: Moderation | null;
  patient: AtpAgent;
  fixture: CommentFixture;
}

let world: Promise<World> | null = null;

function startWorld(): Promise<World> {
  world ??= (async () => {
    const index = await new NotificationIndex().start();
    const moderation = await prepareModeration();
    const net = await startPds(
      { url: index.url, did: index.did },
      moderation ? { url: moderation.url, did: moderation.did } : undefined,
    );
    index.pdsUrl = net.pds.url;
    await moderation?.start(
      net.plc.url,
      {
        url: net.pds.url as Url,
        did: net.pds.ctx.cfg.service.did as Did,
      },
      { url: index.url as Url, did: index.did as Did },
    );
    const proxy = await FaultProxy.start(net.pds.url);
    const handle = "riverside-practice.test";
    const { owner, appPassword } = await practiceAccount(net.pds.url, handle, "comms@riverside.test");
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
      async authorBlocked(commentId: string) {
        const author = new AtUri(commentId).host;
        const { data } = await publicView.com.atproto.repo.listRecords({
          repo: conn.accountId,
          collection: "app.bsky.graph.block",
          limit: 100,
        });
        const blocks = data.records.filter((r) => (r.value as { subject?: string }).subject === author);
        assert.ok(blocks.length <= 1, "one block record for one author");
        return blocks.length === 1;
      },
      ...(moderation
        ? {
            reportsOf: async (commentId: string) =>
              (await moderation.reportsOf(commentId)).map((r) => ({ note: r.comment })),
          }
        : {}),
      isReply: (r) => r.method === "POST" && r.path === "/xrpc/com.atproto.repo.createRecord",
      secrets: [appPassword],
    };
    return { net, index, moderation, patient, fixture };
  })();
  return world;
}

after(async () => {
  if (!world) return;
  const w = await world;
  await w.fixture.proxy.close();
  await w.net.close();
  await w.moderation?.close();
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

  it("reports a comment to the moderation service as the practice, in Bluesky's category for the reason", async (t) => {
    if (!w.moderation) return t.skip("Ozone needs a PostgreSQL server (DATABASE_URL)");
    const root = await blueskyAdapter.publish(w.fixture.conn, {
      deliveryId: randomUUID(),
      text: uniqueText("Car park closed on Friday"),
      link: null,
      images: [],
    });
    const uri = await w.fixture.comment(root, uniqueText("I know where the receptionist lives"));
    const page = await blueskyAdapter.listComments!(w.fixture.conn, { posts: [root], cursor: null });
    const c = page.comments.find((x) => x.platformId === uri)!;
    await blueskyAdapter.reportComment!(w.fixture.conn, c, {
      reason: "threat",
      note: "Reported by the practice: a threat against staff.",
    });
    const reports = await w.moderation.reportsOf(uri);
    assert.equal(reports.length, 1);
    assert.equal(reports[0]!.reportType, "com.atproto.moderation.defs#reasonViolation");
    assert.equal(reports[0]!.createdBy, w.fixture.conn.accountId, "the PDS signed it as the practice");
  });

  it("will not block the practice's own account", async () => {
    const mine = await blueskyAdapter.publish(w.fixture.conn, {
      deliveryId: randomUUID(),
      text: uniqueText("Our own post"),
      link: null,
      images: [],
    });
    await assert.rejects(
      blueskyAdapter.blockAuthor!(w.fixture.conn, {
        platformId: mine.platformId,
        postPlatformId: null,
        raw: {},
      }),
      (e: unknown) => e instanceof ChannelError && e.kind === "rejected" && /itself/.test(e.message),
    );
  });
});
