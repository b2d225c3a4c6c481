// The LinkedIn organisation page adapter (versioned Community Management API) against a local LinkedIn server
// (support/linkedin-server.ts), through a FaultProxy for the shared suite, and straight at the server for
// LinkedIn's own rules: the versioned headers, the little text format, image uploads with alt text.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import sharp from "sharp";
import { LINKEDIN_VERSION, linkedinAdapter, littleText, organisationUrn } from "../../src/channels/linkedin";
import {
  ChannelError,
  type ChannelConnection,
  type OutgoingImage,
  type OutgoingPost,
} from "../../src/channels/adapter";
import { commentSuite } from "./comment-suite";
import { adapterSuite, uniqueText, type PlatformFixture } from "./adapter-suite";
import { FaultProxy } from "./support/fault-proxy";
import { LinkedInServer, MAX_COMMENTARY, readLittle } from "./support/linkedin-server";
import { previewFor } from "../../src/core/posts/preview";
import { testImage } from "./support/images";

interface World {
  server: LinkedInServer;
  fixture: PlatformFixture;
  direct: ChannelConnection;
  token: string;
}
let world: Promise<World> | null = null;

function startWorld(): Promise<World> {
  world ??= (async () => {
    const server = await new LinkedInServer().start();
    const proxy = await FaultProxy.start(server.url);
    const token = server.token();
    const connection = (apiBase: string, accessToken: string): ChannelConnection => ({
      kind: "linkedin",
      apiBase,
      // As the connect flow stores it: the organisation's URN.
      accountId: server.orgUrn,
      credentials: { accessToken, refreshToken: `AQX${randomUUID().replace(/-/g, "")}` },
    });
    const revokedToken = `AQ${randomUUID().replace(/-/g, "")}`;
    const conn = connection(proxy.url, token);
    const revoked = connection(proxy.url, revokedToken);
    const fixture: PlatformFixture = {
      adapter: linkedinAdapter,
      conn,
      revoked,
      proxy,
      isCreate: (r) => r.method === "POST" && r.path === "/rest/posts",
      refused: {
        post: {
          deliveryId: randomUUID(),
          text: "An update far longer than LinkedIn takes. ".repeat(Math.ceil(MAX_COMMENTARY / 40)),
          link: null,
          images: [],
        },
        reason: /exceeds the maximum/,
      },
      async read(ref) {
        const p = server.posts.find((x) => x.urn === ref.platformId);
        assert.ok(p, `post ${ref.platformId} is on the page`);
        return {
          text: p.text,
          altTexts: p.images.map((i) => i.altText),
          links: p.links,
        };
      },
      secrets: [
        token,
        revokedToken,
        ...Object.values(conn.credentials),
        ...Object.values(revoked.credentials),
      ],
      async close() {},
    };
    return { server, fixture, direct: connection(server.url, token), token };
  })();
  return world;
}

after(async () => {
  if (!world) return;
  const { server, fixture } = await world;
  await fixture.proxy.close();
  await server.close();
});

adapterSuite("LinkedIn page (local LinkedIn API server)", async () => (await startWorld()).fixture);

commentSuite("LinkedIn page (local LinkedIn API server)", async () => {
  const { server, fixture } = await startWorld();
  return {
    adapter: fixture.adapter,
    conn: fixture.conn,
    proxy: fixture.proxy,
    comment: async (post, text) => server.visitorComment(post.platformId, text).urn,
    onPlatform: async (id) => server.comments.some((c) => c.urn === id),
    answers: async (id) =>
      server.comments.filter((c) => c.parent === id && c.actor === server.orgUrn).map((c) => c.text),
    isReply: (r) => r.method === "POST" && r.path.includes("/socialActions/"),
    secrets: fixture.secrets,
  };
});

describe("LinkedIn comments, LinkedIn's own rules", () => {
  it("reads replies under a comment, names the member by id, and sends the version headers", async () => {
    const { server, fixture } = await startWorld();
    const post = await fixture.adapter.publish(fixture.conn, {
      deliveryId: randomUUID(),
      text: uniqueText("Our new pharmacy hours"),
      link: null,
      images: [],
    });
    const top = server.visitorComment(post.platformId, uniqueText("Great news"), "urn:li:person:Jo42");
    const answer = server.visitorComment(top.urn, uniqueText("Agreed"), "urn:li:person:Sam77");
    const page = await fixture.adapter.listComments!(fixture.conn, { posts: [post], cursor: null });
    const byId = new Map(page.comments.map((c) => [c.platformId, c]));
    assert.equal(byId.get(answer.urn)?.authorHandle, "LinkedIn member Sam77");
    assert.equal(byId.get(top.urn)?.postPlatformId, post.platformId);
    const reads = server.requests.filter((r) => r.path.includes("/socialActions/"));
    assert.ok(
      reads.every((r) => r.headers["linkedin-version"] && r.headers["x-restli-protocol-version"] === "2.0.0"),
    );
  });

  it("deletes a reply under its parent comment, and cannot hide: LinkedIn has no hiding", async () => {
    const { server, fixture } = await startWorld();
    const post = await fixture.adapter.publish(fixture.conn, {
      deliveryId: randomUUID(),
      text: uniqueText("Flu jabs for over-65s"),
      link: null,
      images: [],
    });
    const top = server.visitorComment(post.platformId, uniqueText("When?"));
    const spam = server.visitorComment(top.urn, uniqueText("Cheap pills here"));
    const page = await fixture.adapter.listComments!(fixture.conn, { posts: [post], cursor: null });
    const ref = page.comments.find((c) => c.platformId === spam.urn)!;
    await fixture.adapter.deleteComment!(fixture.conn, ref);
    assert.ok(!server.comments.some((c) => c.urn === spam.urn));
    assert.ok(
      server.comments.some((c) => c.urn === top.urn),
      "its parent stays",
    );
    assert.equal(fixture.adapter.capabilities.hide, false);
  });
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

const post = (lead: string, extra: Partial<OutgoingPost> = {}): OutgoingPost => ({
  deliveryId: randomUUID(),
  text: uniqueText(lead),
  link: null,
  images: [],
  ...extra,
});

describe("LinkedIn adapter, LinkedIn's own rules", () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });

  it("the server refuses a call without the versioned headers, and the adapter sends them on every call", async () => {
    const bare = await fetch(
      `${w.server.url}/rest/posts?q=author&author=${encodeURIComponent(w.server.orgUrn)}`,
      {
        headers: { authorization: `Bearer ${w.token}`, "X-Restli-Protocol-Version": "2.0.0" },
      },
    );
    assert.equal(bare.status, 400);
    assert.equal(((await bare.json()) as { code: string }).code, "VERSION_MISSING");
    const sunset = await fetch(`${w.server.url}/rest/posts?q=author&author=x`, {
      headers: {
        authorization: `Bearer ${w.token}`,
        "LinkedIn-Version": "202301",
        "X-Restli-Protocol-Version": "2.0.0",
      },
    });
    assert.equal(sunset.status, 426, "a sunset version is refused");

    const before = w.server.requests.length;
    const p = post("Our new phlebotomy hours", {
      images: [testImage("The blood test room", [200, 40, 40])],
    });
    const ref = await linkedinAdapter.publish(w.direct, p);
    assert.ok(await linkedinAdapter.findPublished!(w.direct, p));
    const rest = w.server.requests.slice(before).filter((r) => r.path.startsWith("/rest/"));
    assert.ok(rest.length >= 3, "image, post and finder calls were made");
    for (const r of rest) {
      assert.equal(r.headers["linkedin-version"], LINKEDIN_VERSION);
      assert.equal(r.headers["x-restli-protocol-version"], "2.0.0");
      assert.match(String(r.headers.authorization), /^Bearer /);
    }
    assert.match(ref.url, /^https:\/\/www\.linkedin\.com\/feed\/update\/urn:li:share:\d+\/$/);
  });

  it("escapes the little text format's reserved characters, so the page shows exactly the text", async () => {
    const text = uniqueText(
      "Flu jabs (over-65s) at 10am @ the surgery [walk in] *free* ~ 50_50 <3 {x} a|b back\\slash #FluSeason",
    );
    const ref = await linkedinAdapter.publish(w.direct, post("", { text }));
    const p = w.server.posts.find((x) => x.urn === ref.platformId)!;
    assert.equal(p.text, text);
    assert.match(p.commentary, /\{hashtag\|#\|FluSeason\}/, "a hashtag stays a hashtag");
    assert.equal(readLittle(littleText("unescaped (here")), "unescaped (here");
    assert.equal(readLittle("unescaped (here"), "unescaped ", "the server cuts the text as LinkedIn does");
  });

  it("uploads an image through the Images API and posts it with its alt text", async () => {
    const img = testImage("The car park with the new disabled bays marked", [20, 20, 160]);
    const ref = await linkedinAdapter.publish(w.direct, post("More disabled parking", { images: [img] }));
    const p = w.server.posts.find((x) => x.urn === ref.platformId)!;
    assert.equal(p.images.length, 1);
    assert.equal(p.images[0]!.altText, "The car park with the new disabled bays marked");
    const stored = w.server.images.get(p.images[0]!.id)!;
    assert.equal(stored.owner, w.server.orgUrn);
    assert.equal(createHash("sha256").update(stored.bytes!).digest("hex"), img.sha256);
  });

  it("posts several images as one multiImage post, in order", async () => {
    const images = [1, 2, 3].map((n) => testImage(`Poster ${n} of the health fair`, [n * 50, 100, 100]));
    const before = w.server.posts.length;
    const ref = await linkedinAdapter.publish(w.direct, post("The health fair posters", { images }));
    assert.equal(w.server.posts.length, before + 1);
    const p = w.server.posts.find((x) => x.urn === ref.platformId)!;
    assert.deepEqual(
      p.images.map((i) => i.altText),
      images.map((i) => i.altText),
    );
  });

  it("sends a WebP image as a PNG, which LinkedIn takes", async () => {
    const bytes = await sharp({
      create: { width: 40, height: 30, channels: 3, background: { r: 0, g: 120, b: 60 } },
    })
      .webp()
      .toBuffer();
    const webp: OutgoingImage = {
      bytes,
      mimeType: "image/webp",
      altText: "A green banner",
      publicUrl: "",
      sha256: createHash("sha256").update(bytes).digest("hex"),
    };
    const ref = await linkedinAdapter.publish(w.direct, post("A WebP banner", { images: [webp] }));
    const p = w.server.posts.find((x) => x.urn === ref.platformId)!;
    assert.equal(w.server.images.get(p.images[0]!.id)!.type, "png");
  });

  it("carries a link as an article with its address and a title", async () => {
    const link = "https://www.nhs.uk/nhs-app/";
    const ref = await linkedinAdapter.publish(
      w.direct,
      post(`Order repeat prescriptions in the NHS App`, { link }),
    );
    const p = w.server.posts.find((x) => x.urn === ref.platformId)!;
    assert.deepEqual(p.article, { source: link, title: "nhs.uk/nhs-app" });
  });

  it("sends the composer's link as the article when there is no image, without repeating it in the text", async () => {
    const link = "https://www.nhs.uk/conditions/flu/";
    const preview = previewFor(
      { text: uniqueText("Flu clinics start on Saturday"), link, imageCount: 0 },
      { kind: "linkedin", footer: "" },
    );
    assert.equal(preview.link, link, "the link travels as its own field");
    const ref = await linkedinAdapter.publish(w.direct, post("", { text: preview.text, link: preview.link }));
    const p = w.server.posts.find((x) => x.urn === ref.platformId)!;
    assert.deepEqual(p.article, { source: link, title: "nhs.uk/conditions/flu" });
    assert.equal(p.text, preview.text);
    assert.ok(!p.text.includes(link));
    assert.deepEqual(p.links, [link]);
  });

  it("beside images, puts the link in the text whole and clickable, reserved characters and all", async () => {
    const link = "https://www.example-surgery.nhs.uk/flu_jabs/(over-65s)/";
    assert.notEqual(readLittle(link), link, "sent unescaped, LinkedIn would cut the address");
    const image = testImage("The flu clinic's waiting room", [90, 30, 160]);
    // As the composer sends it: the link already written into the text.
    const preview = previewFor(
      { text: uniqueText("Flu jabs for the over-65s"), link, imageCount: 1 },
      { kind: "linkedin", footer: "" },
    );
    assert.equal(preview.link, null);
    const fromComposer = await linkedinAdapter.publish(
      w.direct,
      post("", { text: preview.text, link: null, images: [image] }),
    );
    const a = w.server.posts.find((x) => x.urn === fromComposer.platformId)!;
    assert.equal(a.text, preview.text);
    assert.deepEqual(a.links, [link]);
    assert.equal(a.article, null);
    assert.equal(a.images.length, 1);
    // Given as a field beside an image (one kind of content per post): written into the text, never dropped,
    // and the post found again by that text after a lost answer.
    const direct = post("Flu jabs, second sitting", { link, images: [image] });
    const ref = await linkedinAdapter.publish(w.direct, direct);
    const b = w.server.posts.find((x) => x.urn === ref.platformId)!;
    assert.equal(b.text, `${direct.text}\n\n${link}`);
    assert.deepEqual(b.links, [link]);
    assert.equal((await linkedinAdapter.findPublished!(w.direct, direct))?.platformId, ref.platformId);
  });

  it("the server refuses an article without a title or with an address that is not one", async () => {
    const send = (article: unknown) =>
      fetch(`${w.server.url}/rest/posts`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${w.token}`,
          "content-type": "application/json",
          "LinkedIn-Version": LINKEDIN_VERSION,
          "X-Restli-Protocol-Version": "2.0.0",
        },
        body: JSON.stringify({
          author: w.server.orgUrn,
          commentary: uniqueText("An article"),
          visibility: "PUBLIC",
          distribution: { feedDistribution: "MAIN_FEED" },
          lifecycleState: "PUBLISHED",
          content: { article },
        }),
      });
    for (const bad of [
      { source: "https://www.nhs.uk/" },
      { source: "https://www.nhs.uk/", title: " " },
      { source: "nhs.uk", title: "NHS" },
      { source: "https://www.nhs.uk/", title: "NHS", thumbnail: "urn:li:image:unknown" },
    ]) {
      const answer = await send(bad);
      assert.equal(answer.status, 422, JSON.stringify(bad));
    }
  });

  it("asks for reconnecting when LinkedIn says the token expired (401)", async () => {
    w.server.expireTokenOnNextPost();
    const err = await caught(linkedinAdapter.publish(w.direct, post("After the token expired")));
    assert.equal(err.kind, "reconnect");
    assert.equal(err.details.status, 401);
  });

  it("posts as the organisation from a bare id too, and asks for reconnecting for a page it may not post to (403)", async () => {
    const bareId = { ...w.direct, accountId: w.server.organisationId };
    assert.equal(organisationUrn(bareId.accountId), w.server.orgUrn);
    await linkedinAdapter.publish(bareId, post("Posted with the bare organisation id"));
    const other = { ...w.direct, accountId: "urn:li:organization:12345" };
    const err = await caught(linkedinAdapter.publish(other, post("As somebody else's page")));
    assert.equal(err.kind, "reconnect");
    assert.equal(err.details.status, 403);
  });

  it("does not take an older post with the same text for the one just sent", async () => {
    const p = post("Said last winter");
    const ref = await linkedinAdapter.publish(w.direct, p);
    w.server.posts.find((x) => x.urn === ref.platformId)!.createdAt = Date.parse("2026-01-05T09:00:00Z");
    assert.equal(await linkedinAdapter.findPublished!(w.direct, p), null);
  });

  it("deletes a post it made", async () => {
    const ref = await linkedinAdapter.publish(w.direct, post("Taken down again"));
    await linkedinAdapter.delete!(w.direct, ref);
    assert.equal(
      w.server.posts.find((x) => x.urn === ref.platformId),
      undefined,
    );
  });
});
