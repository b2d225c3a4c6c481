// The X adapter (twitter-api-v2) against a local X API v2 (support/x-server.ts), through a FaultProxy.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { originalText, xAdapter } from "../../src/channels/x";
import { ChannelError, type ChannelConnection } from "../../src/channels/adapter";
import { commentSuite } from "./comment-suite";
import { adapterSuite, uniqueText, type PlatformFixture } from "./adapter-suite";
import { FaultProxy } from "./support/fault-proxy";
import { XServer } from "./support/x-server";

interface World {
  server: XServer;
  fixture: PlatformFixture;
}
let world: Promise<World> | null = null;

function startWorld(): Promise<World> {
  world ??= (async () => {
    const server = await new XServer().start();
    const proxy = await FaultProxy.start(server.url);
    const token = server.token();
    const connection = (accessToken: string): ChannelConnection => ({
      kind: "x",
      apiBase: proxy.url,
      accountId: server.userId,
      credentials: { accessToken },
    });
    const revokedToken = `x-${randomUUID()}`; // never issued, or since revoked: X answers 401 alike
    const fixture: PlatformFixture = {
      adapter: xAdapter,
      conn: connection(token),
      revoked: connection(revokedToken),
      proxy,
      isCreate: (r) => r.method === "POST" && r.path === "/2/tweets",
      refused: {
        post: {
          deliveryId: randomUUID(),
          text: "Longer than any single post on X may be. ".repeat(9),
          link: null,
          images: [],
        },
        reason: /280/,
      },
      async read(ref) {
        const t = server.tweets.find((x) => x.id === ref.platformId);
        assert.ok(t, `post ${ref.platformId} is on the server`);
        return {
          text: t.text,
          altTexts: t.mediaIds.map((id) => server.media.get(id)!.altText ?? ""),
          links: (server.render(t).entities?.urls ?? [])
            .filter((u) => !u.media_key)
            .map((u) => u.expanded_url),
        };
      },
      secrets: [token, revokedToken],
      async close() {},
    };
    return { server, fixture };
  })();
  return world;
}

after(async () => {
  if (!world) return;
  const { server, fixture } = await world;
  await fixture.proxy.close();
  await server.close();
});

adapterSuite("X (local API v2 server)", async () => (await startWorld()).fixture);

commentSuite("X (local API v2 server)", async () => {
  const { server, fixture } = await startWorld();
  return {
    adapter: xAdapter,
    conn: fixture.conn,
    proxy: fixture.proxy,
    comment: async (post, text) => server.visitorReply("a_patient", text, post.platformId).id,
    hiddenOnPlatform: async (id) => server.tweets.find((t) => t.id === id)!.hidden === true,
    answers: async (id) =>
      server.tweets
        .filter((t) => t.inReplyToId === id && (t.authorId ?? server.userId) === server.userId)
        .map((t) => t.text),
    isReply: (r) => r.method === "POST" && r.path === "/2/tweets",
    secrets: fixture.secrets,
  };
});

describe("X comments, X's own rules", () => {
  let w: World;
  let post: { platformId: string; url: string };
  before(async () => {
    w = await startWorld();
    post = await xAdapter.publish(w.fixture.conn, {
      deliveryId: randomUUID(),
      text: uniqueText("Flu clinic on Saturday"),
      link: null,
      images: [],
    });
  });
  const poll = (cursor: string | null) => xAdapter.listComments!(w.fixture.conn, { posts: [post], cursor });

  it("places a reply further down the thread under the practice's post by its conversation", async () => {
    const { cursor } = await poll(null);
    const first = w.server.visitorReply("jo_patient", uniqueText("Is it walk-in?"), post.platformId);
    const deeper = w.server.visitorReply("sam_patient", uniqueText("@jo_patient I think so"), first.id);
    const page = await poll(cursor);
    const byId = new Map(page.comments.map((c) => [c.platformId, c]));
    assert.equal(byId.get(deeper.id)?.postPlatformId, post.platformId);
    assert.equal(byId.get(deeper.id)?.authorHandle, "@sam_patient");
    assert.equal(byId.get(first.id)?.authorUrl, "https://x.com/jo_patient");
  });

  it("reads more than one page of mentions in a poll", async () => {
    const { cursor } = await poll(null);
    const made = Array.from({ length: 130 }, (_, i) =>
      w.server.visitorReply("busy_patient", `Question ${i} ${randomUUID()}`, post.platformId),
    );
    const page = await poll(cursor);
    const ids = new Set(page.comments.map((c) => c.platformId));
    assert.ok(made.every((t) => ids.has(t.id)));
  });

  it("stops asking once X says the window is used up, until it resets", async () => {
    const { cursor } = await poll(null);
    w.server.mentionsRemaining = 1; // this read uses the last one
    const fresh = w.server.visitorReply("late_patient", uniqueText("Anyone there?"), post.platformId);
    const page = await poll(cursor);
    assert.ok(page.comments.some((c) => c.platformId === fresh.id));
    const asked = w.fixture.proxy.seen.filter((r) => r.path.includes("/mentions")).length;
    const quiet = await poll(page.cursor);
    assert.deepEqual(quiet.comments, []);
    assert.equal(
      w.fixture.proxy.seen.filter((r) => r.path.includes("/mentions")).length,
      asked,
      "nothing asked before the reset",
    );
    w.server.mentionsRemaining = 0;
    const err = await poll(null).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(err instanceof ChannelError && err.kind === "retry", "a 429 is a retry");
    assert.ok((err.details.retryAfterSeconds ?? 0) > 60, "after X's reset time");
    w.server.mentionsRemaining = 180;
  });

  it("cannot hide a reply in a conversation the practice did not start, in X's words", async () => {
    const elsewhere = w.server.visitorReply("other_person", uniqueText("Hello @BrooksideGP"), null);
    const answer = w.server.visitorReply("a_patient", uniqueText("Agreed"), elsewhere.id);
    const err = await xAdapter.hide!(w.fixture.conn, {
      platformId: answer.id,
      postPlatformId: null,
      raw: {},
    }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(err instanceof ChannelError && err.kind === "rejected");
    assert.match(err.details.platformReason ?? "", /conversations you started/);
  });
});

describe("X adapter, X's own rules", () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });

  it("keeps X's reason when it refuses a duplicate post", async () => {
    const post = {
      deliveryId: randomUUID(),
      text: uniqueText("Said once already this week"),
      link: null,
      images: [],
    };
    await xAdapter.publish(w.fixture.conn, post);
    await assert.rejects(
      xAdapter.publish(w.fixture.conn, { ...post, deliveryId: randomUUID() }),
      (e: unknown) => {
        const err = e as { kind?: string; details?: { platformReason?: string; status?: number } };
        return (
          err.kind === "rejected" &&
          err.details?.status === 403 &&
          /duplicate/.test(err.details.platformReason ?? "")
        );
      },
    );
  });

  it("expands t.co links and drops the media link to compare a post with what was sent", () => {
    const sent = "Clinic times & changes: https://example.org/times";
    const tweet = w.server.render({ id: "1234567890", text: sent, mediaIds: ["9"], createdAt: "" });
    assert.notEqual(tweet.text, sent, "X shortens the link");
    assert.equal(originalText(tweet), sent);
  });

  it("deletes a post it made", async () => {
    const ref = await xAdapter.publish(w.fixture.conn, {
      deliveryId: randomUUID(),
      text: uniqueText("Taken down again"),
      link: null,
      images: [],
    });
    await xAdapter.delete!(w.fixture.conn, ref);
    assert.equal(
      w.server.tweets.find((t) => t.id === ref.platformId),
      undefined,
    );
  });
});
