// The Mastodon adapter against a local server that follows Mastodon's documented API (see
// support/mastodon-server.ts), through a FaultProxy, with Mastodon's own checks below the shared suite.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mastodonAdapter, mastodonInstanceLimits } from "../../src/channels/mastodon";
import { ChannelError, type ChannelConnection } from "../../src/channels/adapter";
import { adapterSuite, uniqueText, type PlatformFixture } from "./adapter-suite";
import { commentSuite } from "./comment-suite";
import { FaultProxy } from "./support/fault-proxy";
import { MastodonServer } from "./support/mastodon-server";
import { testImage } from "./support/images";

interface World {
  server: MastodonServer;
  fixture: PlatformFixture;
}
let world: Promise<World> | null = null;

function startWorld(): Promise<World> {
  world ??= (async () => {
    const server = await new MastodonServer().start();
    const proxy = await FaultProxy.start(server.url);
    const token = server.token();
    const revokedToken = server.token();
    server.revoked.add(revokedToken);
    const connection = (accessToken: string): ChannelConnection => ({
      kind: "mastodon",
      apiBase: proxy.url,
      accountId: server.accountId,
      credentials: { accessToken },
    });
    const fixture: PlatformFixture = {
      adapter: mastodonAdapter,
      conn: connection(token),
      revoked: connection(revokedToken),
      proxy,
      isCreate: (r) => r.method === "POST" && r.path === "/api/v1/statuses",
      refused: {
        post: {
          deliveryId: randomUUID(),
          text: "Far more than one instance allows in a single status. ".repeat(12),
          link: null,
          images: [],
        },
        reason: /character limit of 500/,
      },
      async read(ref) {
        const s = server.statuses.find((x) => x.id === ref.platformId);
        assert.ok(s, `status ${ref.platformId} is on the server`);
        const rendered = server.status(s);
        return {
          text: s.text,
          altTexts: s.mediaIds.map((id) => server.media.get(id)!.description ?? ""),
          links: [...rendered.content.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!),
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

adapterSuite("Mastodon (local contract server)", async () => (await startWorld()).fixture);

/** A status's text without the @handles in front (as a reader skims past them). */
const words = (text: string) => text.replace(/^(@[\w.@-]+\s+)+/, "");

let patient: string | null = null;
const patientOf = (server: MastodonServer) => (patient ??= server.visitor("patient"));

commentSuite("Mastodon (local contract server)", async () => {
  const { server, fixture } = await startWorld();
  return {
    adapter: mastodonAdapter,
    conn: fixture.conn,
    proxy: fixture.proxy,
    // A new visitor each time: the suite blocks one, and Mastodon then tells the practice nothing more from them.
    comment: async (post, text) =>
      server.visitorStatus(server.visitor(`visitor${randomUUID().slice(0, 8)}`), text, post.platformId).id,
    answers: async (id) =>
      server.statuses
        .filter((s) => s.inReplyToId === id && s.accountId === server.accountId)
        .map((s) => words(s.text)),
    authorBlocked: async (id) => {
      const s = server.statuses.find((x) => x.id === id)!;
      return server.blocks.has(`${server.accountId}:${s.accountId}`);
    },
    reportsOf: async (id) =>
      server.reports.filter((r) => r.statusIds.includes(id)).map((r) => ({ note: r.comment })),
    isReply: (r) => r.method === "POST" && r.path === "/api/v1/statuses",
    secrets: fixture.secrets,
  };
});

describe("Mastodon comments, Mastodon's own rules", () => {
  let w: World;
  let post: { platformId: string; url: string };
  before(async () => {
    w = await startWorld();
    post = await mastodonAdapter.publish(w.fixture.conn, {
      deliveryId: randomUUID(),
      text: uniqueText("Our new opening hours"),
      link: null,
      images: [],
    });
  });
  const poll = (cursor: string | null) =>
    mastodonAdapter.listComments!(w.fixture.conn, { posts: [post], cursor });

  it("places a reply further down the thread under the practice's post, and a mention elsewhere under none", async () => {
    const { cursor } = await poll(null);
    const first = w.server.visitorStatus(
      patientOf(w.server),
      uniqueText("Open on Sundays?"),
      post.platformId,
    );
    const other = w.server.visitor("neighbour", null);
    const deeper = w.server.visitorStatus(other, uniqueText("@patient I asked too"), first.id);
    const elsewhere = w.server.visitorStatus(other, uniqueText("Is the surgery any good?"), null);
    const page = await poll(cursor);
    const byId = new Map(page.comments.map((c) => [c.platformId, c]));
    assert.equal(byId.get(first.id)?.postPlatformId, post.platformId);
    assert.equal(byId.get(deeper.id)?.postPlatformId, post.platformId, "found through the thread's context");
    assert.equal(byId.get(elsewhere.id)?.postPlatformId, null);
    assert.equal(byId.get(elsewhere.id)?.authorHandle, "@neighbour");
    assert.equal(byId.get(first.id)?.authorHandle, "@patient@elsewhere.example");
    assert.ok(!byId.get(first.id)!.text.startsWith("@brookside"), "the practice's own @handle is left out");
  });

  it("reads a burst of mentions in pages, oldest first, and misses none", async () => {
    const { cursor } = await poll(null);
    const made = Array.from({ length: 45 }, (_, i) =>
      w.server.visitorStatus(patientOf(w.server), `Question number ${i} about flu jabs`, post.platformId),
    );
    const page = await poll(cursor);
    const ids = new Set(page.comments.map((c) => c.platformId));
    assert.ok(
      made.every((s) => ids.has(s.id)),
      "all 45 arrive in one poll",
    );
    assert.equal(page.cursor, w.server.notifications.at(-1)!.id);
    assert.ok(
      w.server.notifications.filter((n) => made.some((s) => s.id === n.statusId)).length === 45,
      "one notification each",
    );
  });

  it("asks for mentions only, with types[]", async () => {
    await poll(null);
    assert.deepEqual(w.server.lastNotificationQuery?.getAll("types[]"), ["mention"]);
  });

  it("hears nothing more from an author the practice blocked", async () => {
    const troll = w.server.visitor("troll");
    const { cursor } = await poll(null);
    const first = w.server.visitorStatus(troll, uniqueText("You lot are useless"), post.platformId);
    const page = await poll(cursor);
    const ref = page.comments.find((c) => c.platformId === first.id)!;
    await mastodonAdapter.blockAuthor!(w.fixture.conn, ref);
    const again = w.server.visitorStatus(troll, uniqueText("Still useless"), post.platformId);
    const next = await poll(page.cursor);
    assert.ok(!next.comments.some((c) => c.platformId === again.id));
  });

  it("answers a private mention privately, with the author's @handle in front", async () => {
    const s = w.server.visitorStatus(patientOf(w.server), uniqueText("My test results?"), null, "direct");
    const { comments } = await poll(w.server.notifications.at(-2)?.id ?? null);
    const ref = comments.find((c) => c.platformId === s.id)!;
    const sent = await mastodonAdapter.reply!(
      w.fixture.conn,
      ref,
      "Please call the surgery on 01234 567890.",
    );
    const answer = w.server.statuses.find((x) => x.id === sent.platformId)!;
    assert.equal(answer.visibility, "direct");
    assert.equal(answer.inReplyToId, s.id);
    assert.equal(answer.text, "@patient@elsewhere.example Please call the surgery on 01234 567890.");
    assert.ok(answer.idempotencyKey, "sent with an Idempotency-Key");
  });

  it("waits out Mastodon's rate limit: a retry after its reset time, nothing read", async () => {
    w.server.rateLimitNext = true;
    const err = await poll("1").then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(err instanceof ChannelError && err.kind === "retry");
    assert.ok((err.details.retryAfterSeconds ?? 0) > 60, "until the reset time Mastodon gave");
  });

  it("cannot hide or delete someone else's status: Mastodon has neither", () => {
    assert.equal(mastodonAdapter.capabilities.hide, false);
    assert.equal(mastodonAdapter.capabilities.deleteComment, false);
    assert.equal(mastodonAdapter.hide, undefined);
  });
});

describe("Mastodon adapter, Mastodon's own rules", () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });

  it("sends the delivery's id as the Idempotency-Key on every status", () => {
    assert.ok(w.server.statuses.length > 3, "the suite published statuses first");
    assert.equal(w.server.statusRequestsWithoutKey, 0);
  });

  it("answers a repeated delivery with the status already made, not a second one", async () => {
    const post = {
      deliveryId: randomUUID(),
      text: uniqueText("Repeated by a retry of the publishing job"),
      link: null,
      images: [testImage("A sunflower by the surgery door", [250, 200, 20])],
    };
    const first = await mastodonAdapter.publish(w.fixture.conn, post);
    const second = await mastodonAdapter.publish(w.fixture.conn, post);
    assert.equal(second.platformId, first.platformId);
    assert.equal(w.server.statuses.filter((s) => s.text === post.text).length, 1);
  });

  it("reads the instance's own limits", async () => {
    assert.deepEqual(await mastodonInstanceLimits(w.fixture.conn), {
      maxCharacters: 500,
      maxImages: 4,
      charactersPerUrl: 23,
    });
  });

  it("deletes a status it made", async () => {
    const ref = await mastodonAdapter.publish(w.fixture.conn, {
      deliveryId: randomUUID(),
      text: uniqueText("Posted in error and taken down"),
      link: null,
      images: [],
    });
    await mastodonAdapter.delete!(w.fixture.conn, ref);
    assert.equal(
      w.server.statuses.find((s) => s.id === ref.platformId),
      undefined,
    );
  });
});
