// The X adapter (twitter-api-v2) against a local X API v2 (support/x-server.ts), through a FaultProxy.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { originalText, xAdapter } from "../../src/channels/x";
import type { ChannelConnection } from "../../src/channels/adapter";
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
