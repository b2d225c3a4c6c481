// The Mastodon adapter against a local server that follows Mastodon's documented API (see
// support/mastodon-server.ts), through a FaultProxy, with Mastodon's own checks below the shared suite.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mastodonAdapter, mastodonInstanceLimits } from "../../src/channels/mastodon";
import type { ChannelConnection } from "../../src/channels/adapter";
import { adapterSuite, uniqueText, type PlatformFixture } from "./adapter-suite";
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
