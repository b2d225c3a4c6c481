// The one set of behaviours every channel adapter passes (issue 9, "How it is tested"): each adapter runs it
// against its platform's server (a real PDS for Bluesky, a local contract server for the others), reached
// through a FaultProxy so that rate limits, outages and lost answers happen exactly when a test says.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import {
  ChannelError,
  type ChannelAdapter,
  type ChannelConnection,
  type ChannelErrorKind,
  type OutgoingImage,
  type OutgoingPost,
  type PublishedRef,
} from "../../src/channels/adapter";
import type { FaultProxy, SeenRequest } from "./support/fault-proxy";
import { testImage } from "./support/images";

/** What the platform holds for a published post, read back from its own API. */
export interface ReadBack {
  text: string;
  /** Alt text of each image, in order. */
  altTexts: string[];
  /** Links the platform made clickable (or carries as the post's link). */
  links: string[];
}

/** One platform's server, started for the suite, with the adapter pointed at it through the proxy. */
export interface PlatformFixture {
  adapter: ChannelAdapter;
  /** A working connection (its apiBase is the proxy). */
  conn: ChannelConnection;
  /** A connection whose token has expired or been revoked on the platform. */
  revoked: ChannelConnection;
  proxy: FaultProxy;
  /** The request that creates the post (faults aimed at it land after any uploads). */
  isCreate(req: SeenRequest): boolean;
  /** A post the platform refuses by a rule of its own, and what its reason says. */
  refused: { post: OutgoingPost; reason: RegExp };
  /** Reads a published post back from the platform. */
  read(ref: PublishedRef): Promise<ReadBack>;
  /** An image as this platform needs it (Instagram: served at a public URL). */
  image?(altText: string, rgb: [number, number, number]): OutgoingImage;
  /** Every secret in the connections, none of which may appear in an error. */
  secrets: string[];
  close(): Promise<void>;
}

let counter = 0;
/** Text no other test in the run uses, so finding a post by its text finds this one. */
export function uniqueText(lead: string): string {
  counter++;
  return `${lead} (note ${counter}, ${randomUUID().slice(0, 8)})`;
}

/** Runs `fn` and returns the ChannelError it throws; fails the test if it throws anything else or nothing. */
async function channelError(fn: () => Promise<unknown>, kind: ChannelErrorKind): Promise<ChannelError> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof ChannelError, `expected a ChannelError, got ${String(err)}`);
    assert.equal(err.kind, kind, `expected "${kind}", got "${err.kind}": ${err.message}`);
    assert.ok(err.message.length > 10, "the error has a sentence for the practice");
    return err;
  }
  assert.fail(`expected a ChannelError "${kind}", but the call succeeded`);
}

/** The shared adapter suite: `start` brings up the platform once for the whole file. */
export function adapterSuite(name: string, start: () => Promise<PlatformFixture>): void {
  describe(`${name} adapter (shared channel suite)`, () => {
    let f: PlatformFixture;
    const errors: { error: ChannelError; text: string }[] = [];
    before(async () => {
      f = await start();
    });
    after(async () => {
      await f?.close();
    });

    const image = (alt: string, rgb: [number, number, number]) =>
      f.image ? f.image(alt, rgb) : testImage(alt, rgb);
    /** A post this platform can take: with one image where it needs one. */
    const post = (text: string, extra: Partial<OutgoingPost> = {}): OutgoingPost => ({
      deliveryId: randomUUID(),
      text,
      link: null,
      images: f.adapter.capabilities.requiresImage
        ? [image("A blue square standing in for the practice sign", [20, 80, 200])]
        : [],
      ...extra,
    });
    const expectError = async (
      fn: () => Promise<unknown>,
      kind: ChannelErrorKind,
      text: string,
    ): Promise<ChannelError> => {
      const error = await channelError(fn, kind);
      errors.push({ error, text });
      return error;
    };

    it("publishes a post and the platform holds exactly its text", async () => {
      const p = post(uniqueText("Our phone lines open at eight on weekdays"));
      const ref = await f.adapter.publish(f.conn, p);
      assert.ok(ref.platformId, "the platform's id is returned");
      assert.match(ref.url, /^https?:\/\//, "a URL to the post is returned");
      const back = await f.read(ref);
      assert.equal(back.text, p.text);
    });

    it("publishes images with their alt text, in order", async (t) => {
      const max = f.adapter.capabilities.maxImages;
      if (max === 0) return t.skip("this channel takes no images");
      const images = [
        image("A green waiting room with six chairs", [30, 160, 60]),
        image("The front door of the surgery with a ramp", [200, 120, 40]),
      ].slice(0, max);
      const p = post(uniqueText("Two photos of our refurbished waiting area"), { images });
      const ref = await f.adapter.publish(f.conn, p);
      const back = await f.read(ref);
      assert.equal(back.text, p.text);
      assert.deepEqual(
        back.altTexts,
        images.map((i) => i.altText),
      );
    });

    it("publishes a link the platform makes clickable", async (t) => {
      if (!f.adapter.capabilities.link) return t.skip("this channel carries no links");
      const link = "https://www.nhs.uk/conditions/vaccinations/";
      const p = post(uniqueText(`Read about the vaccines on offer: ${link}`), { link });
      const ref = await f.adapter.publish(f.conn, p);
      const back = await f.read(ref);
      assert.ok(back.links.includes(link), `links read back: ${back.links.join(", ")}`);
    });

    it("asks for reconnecting when the token has expired or been revoked", async () => {
      const p = post(uniqueText("This one should never reach the platform"));
      await expectError(() => f.adapter.publish(f.revoked, p), "reconnect", p.text);
    });

    it("retries after the platform's Retry-After on a rate limit (429)", async () => {
      f.proxy.once(f.isCreate, {
        kind: "respond",
        status: 429,
        headers: { "retry-after": "17" },
        body: { error: "RateLimitExceeded", message: "Too many requests" },
      });
      const p = post(uniqueText("Held back by a rate limit"));
      const err = await expectError(() => f.adapter.publish(f.conn, p), "retry", p.text);
      assert.ok(f.proxy.allFaultsMet, "the rate limit was met by the create call");
      assert.equal(err.details.retryAfterSeconds, 17);
      assert.equal(await f.adapter.findPublished?.(f.conn, p), null, "nothing was published");
    });

    it("retries when the platform fails before accepting the post (5xx)", async () => {
      f.proxy.once(f.isCreate, { kind: "respond", status: 503, body: { error: "Unavailable" } });
      const p = post(uniqueText("Held back by an outage"));
      const err = await expectError(() => f.adapter.publish(f.conn, p), "retry", p.text);
      assert.ok(f.proxy.allFaultsMet, "the outage was met by the create call");
      assert.equal(err.details.status, 503);
    });

    it("keeps the platform's own reason when it refuses the content", async () => {
      const err = await expectError(
        () => f.adapter.publish(f.conn, f.refused.post),
        "rejected",
        f.refused.post.text,
      );
      assert.match(err.details.platformReason ?? "", f.refused.reason);
    });

    for (const kind of ["drop-after-accept", "hang-after-accept"] as const) {
      it(`reports an unknown outcome when the answer is lost after acceptance (${kind}), then finds the post`, async () => {
        f.proxy.once(f.isCreate, { kind });
        const p = post(uniqueText(`Accepted but the answer was lost (${kind})`));
        const before = f.proxy.acceptedThenFailed;
        // A held answer: the caller's timeout fires the moment the platform has accepted the post, not after a fixed
        // time: on a loaded machine a short timer could fire during the uploads, before the create call, which is
        // another case (nothing sent). A dropped answer needs no timeout. The long limit only stops a broken test hanging.
        const giveUp = new AbortController();
        if (kind === "hang-after-accept")
          void f.proxy
            .nextAcceptedThenFailed()
            .then(() => giveUp.abort(new DOMException("The operation timed out.", "TimeoutError")));
        await expectError(
          () => f.adapter.publish(f.conn, p, AbortSignal.any([giveUp.signal, AbortSignal.timeout(60_000)])),
          "unknown-outcome",
          p.text,
        );
        assert.equal(f.proxy.acceptedThenFailed, before + 1, "the platform did accept it");
        assert.ok(f.adapter.capabilities.findPublished && f.adapter.findPublished);
        const found = await f.adapter.findPublished(f.conn, p);
        assert.ok(found, "the published post is found");
        assert.equal((await f.read(found)).text, p.text);
      });
    }

    it("finds nothing for a post that was never published", async () => {
      assert.ok(f.adapter.findPublished);
      const p = post(uniqueText("A post that stayed in the drafts"));
      assert.equal(await f.adapter.findPublished(f.conn, p), null);
    });

    it("puts no token and no post text in any error", () => {
      assert.ok(errors.length >= 5, `only ${errors.length} errors were collected`);
      for (const { error, text } of errors) {
        const shown = JSON.stringify({ m: error.message, d: error.details, s: String(error) });
        for (const secret of f.secrets) assert.ok(!shown.includes(secret), "an error holds a token");
        assert.ok(!shown.includes(text), `an error holds the post's text: ${shown}`);
      }
    });
  });
}
