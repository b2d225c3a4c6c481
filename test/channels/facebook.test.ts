// The Facebook Page adapter (Graph API) against a local Graph server (support/facebook-server.ts), through a
// FaultProxy for the shared suite, and straight at the server for Graph's own error shapes.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createFacebookAdapter, facebookAdapter, regainSeconds } from "../../src/channels/facebook";
import { ChannelError, type ChannelConnection, type OutgoingPost } from "../../src/channels/adapter";
import { adapterSuite, uniqueText, type PlatformFixture } from "./adapter-suite";
import { commentSuite } from "./comment-suite";
import { FaultProxy } from "./support/fault-proxy";
import { FacebookServer, GRAPH_VERSION, MAX_MESSAGE } from "./support/facebook-server";
import { testImage } from "./support/images";

interface World {
  server: FacebookServer;
  fixture: PlatformFixture;
  /** A connection straight to the server, no proxy. */
  direct: ChannelConnection;
}
let world: Promise<World> | null = null;

function startWorld(): Promise<World> {
  world ??= (async () => {
    const server = await new FacebookServer().start();
    const proxy = await FaultProxy.start(server.url);
    const token = server.token();
    const connection = (apiBase: string, accessToken: string): ChannelConnection => ({
      kind: "facebook",
      apiBase,
      accountId: server.pageId,
      credentials: { accessToken },
    });
    const revokedToken = `EAAG${randomUUID().replace(/-/g, "")}`; // never issued: Graph answers code 190
    const feedPath = `/${GRAPH_VERSION}/${server.pageId}/feed`;
    const fixture: PlatformFixture = {
      adapter: facebookAdapter,
      conn: connection(`${proxy.url}/${GRAPH_VERSION}`, token),
      revoked: connection(`${proxy.url}/${GRAPH_VERSION}`, revokedToken),
      proxy,
      isCreate: (r) => r.method === "POST" && r.path === feedPath,
      refused: {
        post: {
          deliveryId: randomUUID(),
          text: "A notice far longer than any Page post may be. ".repeat(Math.ceil(MAX_MESSAGE / 40)),
          link: null,
          images: [],
        },
        reason: /too long/,
      },
      async read(ref) {
        const p = server.posts.find((x) => x.id === ref.platformId);
        assert.ok(p, `post ${ref.platformId} is on the Page`);
        return {
          text: p.message,
          altTexts: p.photoIds.map((id) => server.photos.get(id)!.altText ?? ""),
          links: p.link ? [p.link] : [],
        };
      },
      secrets: [token, revokedToken],
      async close() {},
    };
    return { server, fixture, direct: connection(server.url, token) };
  })();
  return world;
}

after(async () => {
  if (!world) return;
  const { server, fixture } = await world;
  await fixture.proxy.close();
  await server.close();
});

adapterSuite("Facebook Page (local Graph API server)", async () => (await startWorld()).fixture);

commentSuite("Facebook Page (local Graph API server)", async () => {
  const { server, fixture } = await startWorld();
  return {
    adapter: facebookAdapter,
    conn: fixture.conn,
    proxy: fixture.proxy,
    comment: async (post, text) => server.visitorComment(post.platformId, text).id,
    hiddenOnPlatform: async (id) => server.comments.find((c) => c.id === id)!.hidden,
    onPlatform: async (id) => server.comments.some((c) => c.id === id),
    authorBlocked: async (id) => {
      const from = server.comments.find((c) => c.id === id)?.from.id;
      return Boolean(from && server.blocked.has(from));
    },
    answers: async (id) =>
      server.comments.filter((c) => c.parentId === id && c.from.id === server.pageId).map((c) => c.message),
    isReply: (r) => r.method === "POST" && r.path.endsWith("/comments"),
    secrets: fixture.secrets,
  };
});

const textPost = (lead: string, extra: Partial<OutgoingPost> = {}): OutgoingPost => ({
  deliveryId: randomUUID(),
  text: uniqueText(lead),
  link: null,
  images: [],
  ...extra,
});

async function caught(p: Promise<unknown>): Promise<ChannelError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ChannelError, `expected a ChannelError, got ${String(err)}`);
    return err;
  }
  assert.fail("expected the call to fail");
}

describe("Facebook Page adapter, Graph's own rules", () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });

  it("blocks a commenter by their page-scoped id; without the MODERATE task Graph refuses and nobody is blocked", async () => {
    const post = await facebookAdapter.publish(w.direct, {
      deliveryId: randomUUID(),
      text: uniqueText("Opening hours over Christmas"),
      link: null,
      images: [],
    });
    const c = w.server.visitorComment(post.platformId, uniqueText("Useless lot"), "Pat Troll");
    const page = await facebookAdapter.listComments!(w.direct, { posts: [post], cursor: null });
    const ref = page.comments.find((x) => x.platformId === c.id)!;
    const poster = w.server.token();
    w.server.tokensWithoutModerate.add(poster);
    await assert.rejects(
      facebookAdapter.blockAuthor!({ ...w.direct, credentials: { accessToken: poster } }, ref),
      (e: unknown) => e instanceof ChannelError && e.kind !== "unknown-outcome",
    );
    assert.equal(w.server.blocked.has(c.from.id), false);
    await facebookAdapter.blockAuthor!(w.direct, ref);
    assert.equal(w.server.blocked.has(c.from.id), true);
    await assert.rejects(
      facebookAdapter.blockAuthor!(w.direct, { ...ref, raw: { from: { id: w.server.pageId } } }),
      (e: unknown) => e instanceof ChannelError && /itself/.test(e.message),
    );
  });

  it("posts one image as a photo post whose message is the text", async () => {
    const p = textPost("Our new flu clinic room", {
      images: [testImage("A bright clinic room with a couch", [240, 240, 250])],
    });
    const ref = await facebookAdapter.publish(w.direct, p);
    const post = w.server.posts.find((x) => x.id === ref.platformId);
    assert.ok(post);
    assert.equal(post.message, p.text);
    assert.equal(post.photoIds.length, 1);
    const photo = w.server.photos.get(post.photoIds[0]!)!;
    assert.equal(photo.published, true);
    assert.equal(photo.altText, "A bright clinic room with a couch");
    assert.match(ref.url, /^https:\/\/www\.facebook\.com\/\d+\/posts\/\d+$/);
  });

  it("attaches several images as unpublished photos to one feed post, in order", async () => {
    const before = w.server.posts.length;
    const images = [1, 2, 3].map((n) => testImage(`Photo ${n} of the garden`, [n * 40, 120, 60]));
    const ref = await facebookAdapter.publish(w.direct, textPost("Three views of the garden", { images }));
    assert.equal(w.server.posts.length, before + 1, "one post, not one per photo");
    const post = w.server.posts.find((x) => x.id === ref.platformId)!;
    const photos = post.photoIds.map((id) => w.server.photos.get(id)!);
    assert.deepEqual(
      photos.map((ph) => ph.altText),
      ["Photo 1 of the garden", "Photo 2 of the garden", "Photo 3 of the garden"],
    );
    assert.ok(photos.every((ph) => !ph.published && ph.attached));
  });

  it("sends the Page token in the Authorization header, never in the URL", async () => {
    await facebookAdapter.publish(w.fixture.conn, textPost("Where the token goes"));
    const last = w.fixture.proxy.seen.at(-1)!;
    assert.ok(!/access_token/.test(last.path));
  });

  it("asks for reconnecting when Graph says the token expired (code 190), not its HTTP status", async () => {
    w.server.next({ kind: "expired-token" });
    const err = await caught(facebookAdapter.publish(w.direct, textPost("After the token expired")));
    assert.equal(err.kind, "reconnect");
    assert.equal(err.details.status, 400);
  });

  it("waits as long as Graph's usage header says on a Page rate limit (code 32)", async () => {
    w.server.next({ kind: "rate-limit", regainMinutes: 3 });
    const p = textPost("Held by the Page's call limit");
    const err = await caught(facebookAdapter.publish(w.direct, p));
    assert.equal(err.kind, "retry");
    assert.equal(err.details.retryAfterSeconds, 180);
    assert.equal(await facebookAdapter.findPublished!(w.direct, p), null);
  });

  it("reads the regain time from each business use case, and nothing from a broken header", () => {
    const h = (v: string) => new Headers({ "x-business-use-case-usage": v });
    const usage = JSON.stringify({
      "1": [{ estimated_time_to_regain_access: 2 }, { estimated_time_to_regain_access: 5 }],
    });
    assert.equal(regainSeconds(h(usage)), 300);
    assert.equal(regainSeconds(h("{not json")), null);
    assert.equal(regainSeconds(new Headers()), null);
  });

  it("retries a 5xx from in front of Graph: the post was not made", async () => {
    const before = w.server.posts.length;
    w.server.next({ kind: "fail-before" });
    const err = await caught(facebookAdapter.publish(w.direct, textPost("Before Graph saw it")));
    assert.equal(err.kind, "retry");
    assert.equal(w.server.posts.length, before);
  });

  it("calls Graph's unknown error after the post was made an unknown outcome, then finds the post", async () => {
    w.server.next({ kind: "fail-after" });
    const p = textPost("Made, then Graph's answer broke");
    const err = await caught(facebookAdapter.publish(w.direct, p));
    assert.equal(err.kind, "unknown-outcome");
    const found = await facebookAdapter.findPublished!(w.direct, p);
    assert.ok(found);
    assert.equal(w.server.posts.find((x) => x.id === found.platformId)?.message, p.text);
  });

  it("gives up after its own time limit when Graph holds the answer, as an unknown outcome", async () => {
    const quick = createFacebookAdapter({ timeoutMs: 200 });
    w.server.next({ kind: "slow-after", ms: 1000 });
    const p = textPost("Graph took its time");
    const started = Date.now();
    const err = await caught(quick.publish(w.direct, p));
    assert.equal(err.kind, "unknown-outcome");
    assert.ok(Date.now() - started < 900, "the adapter's limit, not the server, ended the call");
    assert.ok(await quick.findPublished!(w.direct, p));
  });

  it("does not take an older post with the same text for the one just sent", async () => {
    const p = textPost("Said long ago");
    const ref = await facebookAdapter.publish(w.direct, p);
    const post = w.server.posts.find((x) => x.id === ref.platformId)!;
    post.createdTime = "2026-01-05T09:00:00+0000";
    assert.equal(await facebookAdapter.findPublished!(w.direct, p), null);
  });

  it("deletes a post it made", async () => {
    const ref = await facebookAdapter.publish(w.direct, textPost("Taken down again"));
    await facebookAdapter.delete!(w.direct, ref);
    assert.equal(
      w.server.posts.find((x) => x.id === ref.platformId),
      undefined,
    );
  });
});
