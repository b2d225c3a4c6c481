// The Bluesky adapter against a real Personal Data Server (the atproto reference implementation, started in
// this file), reached through a FaultProxy. Posts, images and alt text are read back from the server itself.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import { AtpAgent, AtUri } from "@atproto/api";
import type { TestNetworkNoAppView } from "@atproto/dev-env";
import { blueskyAdapter } from "../../src/channels/bluesky";
import type { ChannelConnection, PublishedRef } from "../../src/channels/adapter";
import { adapterSuite, uniqueText, type PlatformFixture, type ReadBack } from "./adapter-suite";
import { FaultProxy } from "./support/fault-proxy";
import { practiceAccount, startPds } from "./support/pds";
import { testImage } from "./support/images";

interface BlueskyWorld {
  net: TestNetworkNoAppView;
  owner: AtpAgent;
  fixture: PlatformFixture;
}

let world: Promise<BlueskyWorld> | null = null;

/** One PDS for the whole file, shared by the suite and the Bluesky-only tests below. */
function startWorld(): Promise<BlueskyWorld> {
  world ??= (async () => {
    const net = await startPds();
    const proxy = await FaultProxy.start(net.pds.url);
    const handle = "brookside-surgery.test";
    const { owner, did, appPassword } = await practiceAccount(net.pds.url, handle, "comms@brookside.test");
    const revokedPassword = (await owner.com.atproto.server.createAppPassword({ name: "old" })).data.password;
    await owner.com.atproto.server.revokeAppPassword({ name: "old" });

    const connection = (password: string): ChannelConnection => ({
      kind: "bluesky",
      apiBase: proxy.url,
      accountId: did,
      credentials: { identifier: handle, appPassword: password },
    });

    const read = async (ref: PublishedRef): Promise<ReadBack & { imageSha256: string[] }> => {
      const uri = new AtUri(ref.platformId);
      const { data } = await owner.com.atproto.repo.getRecord({
        repo: uri.host,
        collection: uri.collection,
        rkey: uri.rkey,
      });
      const value = data.value as {
        text: string;
        embed?: { images?: { alt: string; image: { ref: { toString(): string } } }[] };
        facets?: { features: { $type: string; uri?: string; did?: string }[] }[];
      };
      const images = value.embed?.images ?? [];
      const imageSha256 = [];
      for (const i of images) {
        const blob = await owner.com.atproto.sync.getBlob({ did, cid: i.image.ref.toString() });
        imageSha256.push(createHash("sha256").update(blob.data).digest("hex"));
      }
      return {
        text: value.text,
        altTexts: images.map((i) => i.alt),
        links: (value.facets ?? []).flatMap((f) =>
          f.features.filter((x) => x.$type === "app.bsky.richtext.facet#link").map((x) => x.uri!),
        ),
        imageSha256,
      };
    };

    const fixture: PlatformFixture = {
      adapter: blueskyAdapter,
      conn: connection(appPassword),
      revoked: connection(revokedPassword),
      proxy,
      isCreate: (r) => r.method === "POST" && r.path === "/xrpc/com.atproto.repo.createRecord",
      refused: {
        post: {
          deliveryId: randomUUID(),
          text: "A longer note than Bluesky allows. ".repeat(10),
          link: null,
          images: [],
        },
        reason: /300/,
      },
      read,
      secrets: [appPassword, revokedPassword],
      // The PDS outlives the suite: the Bluesky-only tests below use it too, and the file's after() closes it.
      async close() {},
    };
    return { net, owner, fixture };
  })();
  return world;
}

after(async () => {
  if (!world) return;
  const { net, fixture } = await world;
  await fixture.proxy.close();
  await net.close();
});

adapterSuite("Bluesky (a real PDS)", async () => (await startWorld()).fixture);

describe("Bluesky adapter, on the PDS", () => {
  let w: BlueskyWorld;
  before(async () => {
    w = await startWorld();
  });

  it("stores each image's bytes unchanged beside its alt text", async () => {
    const images = [
      testImage("A nurse's hands holding a flu vaccine vial", [240, 240, 250]),
      testImage("A queue of four people outside the pharmacy", [90, 30, 120]),
    ];
    const text = uniqueText("Photos from the Saturday vaccination morning");
    const ref = await blueskyAdapter.publish(w.fixture.conn, {
      deliveryId: randomUUID(),
      text,
      link: null,
      images,
    });
    const back = (await w.fixture.read(ref)) as ReadBack & { imageSha256: string[] };
    assert.deepEqual(
      back.imageSha256,
      images.map((i) => i.sha256),
    );
    assert.deepEqual(back.altTexts, [images[0]!.altText, images[1]!.altText]);
  });

  it("turns a mention of a handle into a mention of that account", async () => {
    const text = uniqueText("Thank you @brookside-surgery.test for the flowers");
    const ref = await blueskyAdapter.publish(w.fixture.conn, {
      deliveryId: randomUUID(),
      text,
      link: null,
      images: [],
    });
    const uri = new AtUri(ref.platformId);
    const { data } = await w.owner.com.atproto.repo.getRecord({
      repo: uri.host,
      collection: uri.collection,
      rkey: uri.rkey,
    });
    const facets = (data.value as { facets?: { features: { $type: string; did?: string }[] }[] }).facets;
    const mentions = (facets ?? []).flatMap((f) =>
      f.features.filter((x) => x.$type === "app.bsky.richtext.facet#mention"),
    );
    assert.deepEqual(
      mentions.map((m) => m.did),
      [w.fixture.conn.accountId],
    );
  });

  it("deletes a post it made", async () => {
    const ref = await blueskyAdapter.publish(w.fixture.conn, {
      deliveryId: randomUUID(),
      text: uniqueText("A post that will be taken down again"),
      link: null,
      images: [],
    });
    await blueskyAdapter.delete!(w.fixture.conn, ref);
    const uri = new AtUri(ref.platformId);
    await assert.rejects(
      w.owner.com.atproto.repo.getRecord({ repo: uri.host, collection: uri.collection, rkey: uri.rkey }),
      /could not locate record/i,
    );
  });

  it("refresh keeps a working app password and asks for reconnecting once it is revoked", async () => {
    const creds = await blueskyAdapter.refresh!(w.fixture.conn);
    assert.deepEqual(creds, w.fixture.conn.credentials);
    await assert.rejects(
      blueskyAdapter.refresh!(w.fixture.revoked),
      (e: unknown) => (e as { kind?: string }).kind === "reconnect",
    );
  });
});
