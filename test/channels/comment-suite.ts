// The behaviours every adapter that reads, answers and hides comments passes, each against its platform's server
// (a real PDS for Bluesky, the Graph contract server for Facebook), reached through a FaultProxy. What the
// platform holds is read back from the platform itself, as a member of the public would see it.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import {
  ChannelError,
  type ChannelAdapter,
  type ChannelConnection,
  type CommentRef,
  type IncomingComment,
  type PublishedRef,
} from "../../src/channels/adapter";
import { uniqueText } from "./adapter-suite";
import type { FaultProxy, SeenRequest } from "./support/fault-proxy";

export interface CommentFixture {
  adapter: ChannelAdapter;
  conn: ChannelConnection;
  proxy: FaultProxy;
  /** Publishes the practice's post the comments go under (default: a text post through the adapter). */
  publishPost?(text: string): Promise<PublishedRef>;
  /** A member of the public comments under the practice's post; returns the comment's platform id. */
  comment(post: PublishedRef, text: string): Promise<string>;
  /** Whether the platform shows the comment hidden, read from the platform itself (where it can hide). */
  hiddenOnPlatform?(commentId: string): Promise<boolean>;
  /** Whether the comment is still on the platform (where the practice may delete it). */
  onPlatform?(commentId: string): Promise<boolean>;
  /** Whether the practice's account blocks the comment's author, read from the platform (where it blocks). */
  authorBlocked?(commentId: string): Promise<boolean>;
  /** The reports the platform's moderators hold about the comment (where it takes reports). */
  reportsOf?(commentId: string): Promise<{ note: string }[]>;
  /** The texts of the practice's answers to the comment, as the public reads them. */
  answers(commentId: string): Promise<string[]>;
  /** The request that writes a reply (faults aimed at it). */
  isReply(req: SeenRequest): boolean;
  secrets: string[];
}

const publish = (f: CommentFixture, text: string) =>
  f.publishPost
    ? f.publishPost(text)
    : f.adapter.publish(f.conn, { deliveryId: randomUUID(), text, link: null, images: [] });

async function listed(f: CommentFixture, posts: PublishedRef[], id: string): Promise<IncomingComment> {
  const page = await f.adapter.listComments!(f.conn, { posts, cursor: null });
  const found = page.comments.find((c) => c.platformId === id);
  assert.ok(found, "the comment is listed");
  return found;
}

export function commentSuite(name: string, start: () => Promise<CommentFixture>): void {
  describe(`${name}: comments`, () => {
    let f: CommentFixture;
    let post: PublishedRef;
    before(async () => {
      f = await start();
      post = await publish(f, uniqueText("Flu clinics this Saturday morning"));
    });

    it("lists a comment under the practice's post with its author, text, time and the platform's record", async () => {
      const text = uniqueText("Is the Saturday clinic walk-in?");
      const id = await f.comment(post, text);
      const c = await listed(f, [post], id);
      assert.equal(c.text, text);
      assert.equal(c.postPlatformId, post.platformId);
      assert.ok(c.authorHandle.length > 0);
      assert.ok(Math.abs(c.createdAt.getTime() - Date.now()) < 5 * 60_000, "the time is the comment's");
      assert.ok(JSON.stringify(c.raw).includes(text.slice(0, 20)), "the raw record is the platform's");
    });

    it("a later poll from the cursor brings a new comment, and not the ones before again", async () => {
      const first = await f.comment(post, uniqueText("First question about parking"));
      const page = await f.adapter.listComments!(f.conn, { posts: [post], cursor: null });
      assert.ok(page.comments.some((c) => c.platformId === first));
      const later = await f.comment(post, uniqueText("Second question about parking"));
      const next = await f.adapter.listComments!(f.conn, { posts: [post], cursor: page.cursor });
      assert.ok(
        next.comments.some((c) => c.platformId === later),
        "the new comment arrives",
      );
      if (Number.isNaN(Date.parse(page.cursor!))) {
        // A cursor of the platform's own ids (Mastodon, X): what was read comes never again.
        assert.ok(
          !next.comments.some((c) => c.platformId === first),
          "the earlier comment is not read again",
        );
      } else {
        // Platforms give times to the second, so comments in the cursor's own second come again (the inbox
        // stores each once); nothing older does.
        const from = Date.parse(page.cursor!) - 1000;
        for (const c of next.comments)
          assert.ok(c.createdAt.getTime() >= from, "nothing older than the cursor");
      }
    });

    it("answers a comment under it, and the public can read the answer", async () => {
      const id = await f.comment(post, uniqueText("Can I bring my child?"));
      const ref = await listed(f, [post], id);
      const text = uniqueText("Yes, children are welcome with a parent or carer.");
      const sent = await f.adapter.reply!(f.conn, ref, text);
      assert.ok(sent.platformId);
      assert.deepEqual(await f.answers(id), [text]);
      assert.equal((await f.adapter.findReply!(f.conn, ref, text))?.platformId, sent.platformId);
      assert.equal(await f.adapter.findReply!(f.conn, ref, `${text} (another)`), null);
    });

    it("a lost answer to a reply is an unknown outcome, and the reply is then found, not sent twice", async () => {
      const id = await f.comment(post, uniqueText("What time does it end?"));
      const ref = await listed(f, [post], id);
      const text = uniqueText("The clinic ends at noon.");
      f.proxy.once(f.isReply, { kind: "drop-after-accept" });
      await assert.rejects(
        f.adapter.reply!(f.conn, ref, text),
        (e: unknown) => e instanceof ChannelError && e.kind === "unknown-outcome",
      );
      assert.ok(f.proxy.allFaultsMet);
      assert.ok(await f.adapter.findReply!(f.conn, ref, text), "the reply that went through is found");
      assert.deepEqual(await f.answers(id), [text], "one answer on the platform");
    });

    it("offers exactly the moderation its capabilities declare", () => {
      const c = f.adapter.capabilities;
      // isHidden is there where the platform can say (X cannot: hiding again is harmless there).
      assert.equal(Boolean(f.adapter.hide && f.adapter.unhide), c.hide);
      assert.equal(Boolean(f.adapter.deleteComment), c.deleteComment);
      assert.equal(Boolean(f.adapter.blockAuthor), c.block);
      assert.equal(Boolean(f.adapter.reportComment), c.report);
    });

    it("hides a comment and shows it again, as the platform reports it; hiding twice is harmless", async (t) => {
      if (!f.adapter.capabilities.hide) return t.skip(`${name} cannot hide`);
      const id = await f.comment(post, uniqueText("A rude remark"));
      const ref: CommentRef = await listed(f, [post], id);
      await f.adapter.hide!(f.conn, ref);
      await f.adapter.hide!(f.conn, ref);
      assert.equal(await f.hiddenOnPlatform!(id), true);
      if (f.adapter.isHidden) assert.equal(await f.adapter.isHidden(f.conn, ref), true);
      await f.adapter.unhide!(f.conn, ref);
      assert.equal(await f.hiddenOnPlatform!(id), false);
      if (f.adapter.isHidden) assert.equal(await f.adapter.isHidden(f.conn, ref), false);
    });

    it("hides two comments in one thread at once without losing either", async (t) => {
      if (!f.adapter.capabilities.hide) return t.skip(`${name} cannot hide`);
      const a = await listed(f, [post], await f.comment(post, uniqueText("Rude remark one")));
      const b = await listed(f, [post], await f.comment(post, uniqueText("Rude remark two")));
      await Promise.all([f.adapter.hide!(f.conn, a), f.adapter.hide!(f.conn, b)]);
      assert.equal(await f.hiddenOnPlatform!(a.platformId), true);
      assert.equal(await f.hiddenOnPlatform!(b.platformId), true);
    });

    it("deletes a comment under the practice's post; deleting it again is harmless", async (t) => {
      if (!f.adapter.capabilities.deleteComment) return t.skip(`${name} cannot delete comments`);
      const ref = await listed(f, [post], await f.comment(post, uniqueText("Spam to take down")));
      await f.adapter.deleteComment!(f.conn, ref);
      assert.equal(await f.onPlatform!(ref.platformId), false);
      await f.adapter.deleteComment!(f.conn, ref);
    });

    it("blocks a comment's author; blocking again is harmless", async (t) => {
      if (!f.adapter.capabilities.block) return t.skip(`${name} cannot block`);
      const ref = await listed(f, [post], await f.comment(post, uniqueText("Abuse from a troll")));
      await f.adapter.blockAuthor!(f.conn, ref);
      await f.adapter.blockAuthor!(f.conn, ref);
      assert.equal(await f.authorBlocked!(ref.platformId), true);
    });

    it("reports a comment to the platform's moderators with our own words, cut to their limit", async (t) => {
      if (!f.adapter.capabilities.report) return t.skip(`${name} cannot report`);
      if (!f.reportsOf) return t.skip(`${name}: no moderation service to read reports from here`);
      const text = uniqueText("A threat against the receptionist");
      const ref = await listed(f, [post], await f.comment(post, text));
      await f.adapter.reportComment!(f.conn, ref, {
        reason: "threat",
        note: "Threatens our staff. ".repeat(100),
      });
      const reports = await f.reportsOf!(ref.platformId);
      assert.equal(reports.length, 1);
      assert.ok(reports[0]!.note.startsWith("Threatens our staff."));
      assert.ok(!reports[0]!.note.includes(text), "the comment's words are not copied into the report");
    });

    it("puts no token in an error", async () => {
      const broken = { ...f.conn, credentials: { ...f.conn.credentials } };
      for (const k of Object.keys(broken.credentials))
        if (k !== "identifier") broken.credentials[k] = "wrong-secret-123";
      const err = await f.adapter.listComments!(broken, { posts: [post], cursor: null }).then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(err instanceof ChannelError && err.kind === "reconnect");
      for (const s of f.secrets) assert.ok(!JSON.stringify({ m: err.message, d: err.details }).includes(s));
    });
  });
}
