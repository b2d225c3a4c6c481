// The Instagram adapter (Graph API content publishing) against a local Instagram server
// (support/instagram-server.ts) that fetches each image from its public address as Instagram does, through a
// FaultProxy for the shared suite, and straight at the server for Instagram's own rules.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import sharp from "sharp";
import { createInstagramAdapter } from "../../src/channels/instagram";
import {
  ChannelError,
  type ChannelConnection,
  type OutgoingImage,
  type OutgoingPost,
} from "../../src/channels/adapter";
import { adapterSuite, uniqueText, type PlatformFixture } from "./adapter-suite";
import { commentSuite } from "./comment-suite";
import { FaultProxy } from "./support/fault-proxy";
import { GRAPH_VERSION, ImageHost, InstagramServer, MAX_CAPTION } from "./support/instagram-server";
import { testImage } from "./support/images";

// Quick polls, so a test waits milliseconds where Instagram would take seconds.
const adapter = createInstagramAdapter({ pollDelaysMs: [10, 20, 40, 80] });

interface World {
  server: InstagramServer;
  host: ImageHost;
  fixture: PlatformFixture;
  direct: ChannelConnection;
  image(altText: string): OutgoingImage;
}
let world: Promise<World> | null = null;

function startWorld(): Promise<World> {
  world ??= (async () => {
    const server = await new InstagramServer().start();
    const host = await new ImageHost().start();
    const proxy = await FaultProxy.start(server.url);
    const jpeg = await sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 30, g: 90, b: 200 } },
    })
      .jpeg()
      .toBuffer();
    const image = (altText: string): OutgoingImage => ({
      bytes: jpeg,
      mimeType: "image/jpeg",
      altText,
      publicUrl: host.put(jpeg, "image/jpeg"),
      sha256: createHash("sha256").update(jpeg).digest("hex"),
    });
    const token = server.token();
    const connection = (apiBase: string, accessToken: string): ChannelConnection => ({
      kind: "instagram",
      apiBase,
      accountId: server.accountId,
      credentials: { accessToken },
    });
    const revokedToken = `EAAG${randomUUID().replace(/-/g, "")}`;
    const publishPath = `/${GRAPH_VERSION}/${server.accountId}/media_publish`;
    const fixture: PlatformFixture = {
      adapter,
      conn: connection(`${proxy.url}/${GRAPH_VERSION}`, token),
      revoked: connection(`${proxy.url}/${GRAPH_VERSION}`, revokedToken),
      proxy,
      isCreate: (r) => r.method === "POST" && r.path === publishPath,
      refused: {
        post: {
          deliveryId: randomUUID(),
          text: "A caption far longer than Instagram takes. ".repeat(Math.ceil(MAX_CAPTION / 40)),
          link: null,
          images: [image("A notice board")],
        },
        reason: /caption must be at most/,
      },
      async read(ref) {
        const m = server.media.find((x) => x.id === ref.platformId);
        assert.ok(m, `media ${ref.platformId} is on the account`);
        return { text: m.caption, altTexts: m.altTexts, links: [] };
      },
      image: (alt) => image(alt),
      secrets: [token, revokedToken],
      async close() {},
    };
    return { server, host, fixture, direct: connection(server.url, token), image };
  })();
  return world;
}

after(async () => {
  if (!world) return;
  const { server, host, fixture } = await world;
  await fixture.proxy.close();
  await server.close();
  await host.close();
});

commentSuite("Instagram (local Graph API server)", async () => {
  const w = await startWorld();
  const { server, fixture } = w;
  return {
    adapter,
    conn: fixture.conn,
    proxy: fixture.proxy,
    publishPost: (text) =>
      adapter.publish(fixture.conn, {
        deliveryId: randomUUID(),
        text,
        link: null,
        images: [w.image("A poster")],
      }),
    comment: async (post, text) => server.visitorComment(post.platformId, text).id,
    hiddenOnPlatform: async (id) => server.comments.find((c) => c.id === id)!.hidden,
    onPlatform: async (id) => server.comments.some((c) => c.id === id),
    answers: async (id) =>
      server.comments.filter((c) => c.parentId === id && c.from.id === server.accountId).map((c) => c.text),
    isReply: (r) => r.method === "POST" && r.path.endsWith("/replies"),
    secrets: fixture.secrets,
  };
});

adapterSuite("Instagram (local Instagram Graph API server)", async () => (await startWorld()).fixture);

async function caught(p: Promise<unknown>): Promise<ChannelError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ChannelError, `expected a ChannelError, got ${String(err)}`);
    return err;
  }
  assert.fail("expected the call to fail");
}

describe("Instagram adapter, Instagram's own rules", () => {
  let w: World;
  const post = (lead: string, images: OutgoingImage[], extra: Partial<OutgoingPost> = {}): OutgoingPost => ({
    deliveryId: randomUUID(),
    text: uniqueText(lead),
    link: null,
    images,
    ...extra,
  });
  before(async () => {
    w = await startWorld();
  });

  it("refuses a text-only post in plain words before calling Instagram", async () => {
    const before = w.server.requests.length;
    const err = await caught(adapter.publish(w.direct, post("Words alone", [])));
    assert.equal(err.kind, "rejected");
    assert.match(err.message, /at least one image/);
    assert.equal(w.server.requests.length, before, "no call was made");
  });

  it("publishes one image from its public address, with its caption and alt text, and returns the permalink", async () => {
    const img = w.image("Our reception desk with the new hearing loop sign");
    const p = post("The hearing loop is working again", [img]);
    const ref = await adapter.publish(w.direct, p);
    assert.ok(w.server.fetched.includes(img.publicUrl), "Instagram fetched the image itself");
    const m = w.server.media.find((x) => x.id === ref.platformId)!;
    assert.equal(m.caption, p.text);
    assert.deepEqual(m.altTexts, ["Our reception desk with the new hearing loop sign"]);
    assert.equal(ref.url, m.permalink);
    assert.match(ref.url, /^https:\/\/www\.instagram\.com\/p\//);
  });

  it("publishes several images as one carousel of items, caption on the carousel", async () => {
    const images = [1, 2, 3].map((n) => w.image(`Photo ${n} of the flu clinic queue`));
    const before = w.server.media.length;
    const ref = await adapter.publish(w.direct, post("Three photos from Saturday's flu clinic", images));
    assert.equal(w.server.media.length, before + 1, "one post, not one per image");
    const m = w.server.media.at(-1)!;
    assert.equal(m.id, ref.platformId);
    const carousel = w.server.containers.get(m.containerId)!;
    assert.equal(carousel.kind, "carousel");
    assert.equal(carousel.children.length, 3);
    assert.ok(carousel.children.every((id) => w.server.containers.get(id)!.caption === ""));
    assert.deepEqual(
      m.altTexts,
      images.map((i) => i.altText),
    );
  });

  it("waits while Instagram processes the container, checking a bounded number of times", async () => {
    w.server.processingPolls = 3;
    try {
      const ref = await adapter.publish(w.direct, post("Slow to process", [w.image("A slow photo")]));
      assert.ok(w.server.media.some((m) => m.id === ref.platformId));
    } finally {
      w.server.processingPolls = 1;
    }
    w.server.processingPolls = 50;
    try {
      const before = w.server.media.length;
      const err = await caught(adapter.publish(w.direct, post("Never ready", [w.image("A stuck photo")])));
      assert.equal(err.kind, "retry", "nothing was published, so it can be tried again");
      assert.equal(w.server.media.length, before);
    } finally {
      w.server.processingPolls = 1;
    }
  });

  it("gives Instagram's reason when a container ends in ERROR, and publishes nothing", async () => {
    const before = w.server.media.length;
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(" ");
    const err = await caught(adapter.publish(w.direct, post(`Too many tags ${tags}`, [w.image("Tags")])));
    assert.equal(err.kind, "rejected");
    assert.match(err.details.platformReason ?? "", /more than 30 hashtags/);
    assert.equal(w.server.media.length, before);
  });

  it("reads the account's publishing quota and refuses plainly when it is used up", async () => {
    const saved = { ...w.server.quota };
    w.server.quota = { total: 7, usage: 7 };
    try {
      const before = w.server.containers.size;
      const err = await caught(adapter.publish(w.direct, post("Over the quota", [w.image("Quota")])));
      assert.equal(err.kind, "rejected");
      assert.match(err.message, /limit of 7 posts/);
      assert.equal(w.server.containers.size, before, "no container was made");
      assert.ok(w.server.requests.some((r) => r.path.endsWith("/content_publishing_limit")));
    } finally {
      w.server.quota = saved;
    }
  });

  it("refuses an image Instagram cannot use (not a JPEG) with its reason", async () => {
    const png = testImage("A PNG", [10, 10, 10]);
    const img = { ...png, publicUrl: w.host.put(png.bytes, "image/png") };
    const err = await caught(adapter.publish(w.direct, post("A PNG image", [img])));
    assert.equal(err.kind, "rejected");
    assert.match(err.details.platformReason ?? "", /JPEG/);
  });

  it("asks for reconnecting when the token expired between the checks and publishing (code 190)", async () => {
    w.server.next({ kind: "expired-token" });
    const err = await caught(adapter.publish(w.direct, post("After expiry", [w.image("Expired")])));
    assert.equal(err.kind, "reconnect");
  });

  it("calls Graph's unknown error after publishing an unknown outcome, then finds the post by caption", async () => {
    w.server.next({ kind: "fail-after" });
    const p = post("Live, then Graph broke", [w.image("Broken answer")]);
    const err = await caught(adapter.publish(w.direct, p));
    assert.equal(err.kind, "unknown-outcome");
    const found = await adapter.findPublished!(w.direct, p);
    assert.ok(found);
    assert.equal(w.server.media.find((m) => m.id === found.platformId)?.caption, p.text);
    assert.match(found.url, /instagram\.com\/p\//);
  });

  it("does not take an older post with the same caption for the one just sent", async () => {
    const p = post("Said last spring", [w.image("Old")]);
    const ref = await adapter.publish(w.direct, p);
    w.server.media.find((m) => m.id === ref.platformId)!.timestamp = "2026-03-01T09:00:00+0000";
    assert.equal(await adapter.findPublished!(w.direct, p), null);
  });

  it("sends the token in the Authorization header, never in the URL", async () => {
    await adapter.publish(w.fixture.conn, post("Where the token goes", [w.image("Token")]));
    assert.ok(w.fixture.proxy.seen.every((r) => !/access_token/.test(r.path)));
  });
});

describe("Instagram comments, Instagram's own rules", () => {
  let w: World;
  let post: { platformId: string; url: string };
  before(async () => {
    w = await startWorld();
    post = await adapter.publish(w.direct, {
      deliveryId: randomUUID(),
      text: uniqueText("Our new waiting room"),
      link: null,
      images: [w.image("A bright waiting room")],
    });
  });

  it("reads replies under a comment too, with the author's profile, and leaves the account's own out", async () => {
    const top = w.server.visitorComment(post.platformId, uniqueText("Looks lovely"), "jo.patient");
    const answer = w.server.visitorComment(top.id, uniqueText("Agreed!"), "sam.neighbour");
    await adapter.reply!(
      w.direct,
      { platformId: top.id, postPlatformId: post.platformId, raw: {} },
      "Thank you!",
    );
    const page = await adapter.listComments!(w.direct, { posts: [post], cursor: null });
    const byId = new Map(page.comments.map((c) => [c.platformId, c]));
    assert.equal(byId.get(answer.id)?.authorHandle, "@sam.neighbour");
    assert.equal(byId.get(top.id)?.authorUrl, "https://www.instagram.com/jo.patient/");
    assert.ok(
      !page.comments.some((c) => c.text === "Thank you!"),
      "the account's own answer is not a comment",
    );
  });

  it("reads past the first page of a busy post", async () => {
    const busy = await adapter.publish(w.direct, {
      deliveryId: randomUUID(),
      text: uniqueText("Flu jab dates"),
      link: null,
      images: [w.image("A calendar")],
    });
    const made = Array.from({ length: 70 }, (_, i) =>
      w.server.visitorComment(busy.platformId, `Question ${i} about dates`),
    );
    const page = await adapter.listComments!(w.direct, { posts: [busy], cursor: null });
    const ids = new Set(page.comments.map((c) => c.platformId));
    assert.ok(made.every((c) => ids.has(c.id)));
  });

  it("refuses to answer a hidden comment, in Instagram's words", async () => {
    const c = w.server.visitorComment(post.platformId, uniqueText("Something unkind"));
    const ref = { platformId: c.id, postPlatformId: post.platformId, raw: {} };
    await adapter.hide!(w.direct, ref);
    const err = await caught(adapter.reply!(w.direct, ref, "We hear you."));
    assert.equal(err.kind, "rejected");
    assert.match(err.details.platformReason ?? "", /hidden comment/);
  });

  it("deletes a comment on the account's media and its replies go with it", async () => {
    const c = w.server.visitorComment(post.platformId, uniqueText("Buy followers here"));
    const r = w.server.visitorComment(c.id, uniqueText("Me too"));
    await adapter.deleteComment!(w.direct, { platformId: c.id, postPlatformId: post.platformId, raw: {} });
    assert.ok(!w.server.comments.some((x) => x.id === c.id || x.id === r.id));
  });

  it("cannot block or report through Instagram's API", () => {
    assert.equal(adapter.capabilities.block, false);
    assert.equal(adapter.capabilities.report, false);
  });
});
