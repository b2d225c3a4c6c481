// Replies to patients over HTTP: written from a template and checked, approved by a second person (never the
// author), sent through the job queue on a platform that answers comments (a fake adapter), looked for and not
// repeated when the platform's answer is lost, posted by hand where safepost cannot answer, and sent without a
// second person only as an unedited pre-approved template. Bad input and other practices write nothing.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { conversationResponse, errorBody, replyResponse } from "../../src/contracts";
import { ChannelError, type ChannelAdapter } from "../../src/channels/adapter";
import { registerAdapter } from "../../src/channels/registry";
import { sealCredentials } from "../../src/app/channels/connect-credentials";
import { runDueJobs } from "../../src/jobs/runner";
import { sendReply } from "../../src/app/inbox/send-reply";
import { fakeChannel } from "../posts/fake-platform";
import { postingPractice } from "../posts/support";
import { COMMENTS } from "./support";

/** A platform that answers comments, doing what each test tells it. */
class ReplyingPlatform {
  calls: string[] = [];
  lose = false;
  found = new Map<string, { platformId: string; url: string }>();
  readonly restore: () => void;
  constructor() {
    const adapter: ChannelAdapter = {
      kind: "linkedin",
      capabilities: {
        publishText: true,
        maxImages: 0,
        requiresImage: false,
        link: true,
        idempotencyKey: false,
        findPublished: false,
        readComments: true,
        reply: true,
        hide: false,
        delete: false,
        deleteComment: false,
        block: false,
        report: false,
      },
      publish: async () => ({ platformId: "p", url: "https://fake.example/p" }),
      reply: async (_conn, comment, text) => {
        this.calls.push(comment.platformId);
        const ref = {
          platformId: `r-${this.calls.length}`,
          url: `https://fake.example/r/${this.calls.length}`,
        };
        if (this.lose) {
          // The platform posted it, but its answer never arrived.
          if (this.found.size === 0) this.found.set(text, ref);
          throw new ChannelError("unknown-outcome", "The platform did not answer in time.");
        }
        return ref;
      },
      findReply: async (_conn, _comment, text) => this.found.get(text) ?? null,
    };
    this.restore = registerAdapter(adapter);
  }
}

for (const kind of databaseKinds) {
  describe(`replies to patients (${kind.name})`, () => {
    let database: OpenDatabase;
    let ctx: ReturnType<typeof testContext>;
    let t: Awaited<ReturnType<typeof postingPractice>>;
    let platform: ReplyingPlatform;
    let channelId: string;
    let inbox: string;
    const count = async (table: "inbox_replies" | "audit_log") =>
      Number(
        (
          await ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    /** A pasted comment; with `fromPlatform`, as if the poll had read it from the fake platform. */
    const comment = async (text: string, author: string, fromPlatform = false): Promise<string> => {
      const r = await t.as.poster.post(inbox, { channel: "facebook", author, text });
      assert.equal(r.status, 201, r.text);
      const id = r.body.conversationIds[0] as string;
      if (fromPlatform) {
        await ctx.db
          .updateTable("inbox_comments")
          .set({
            source: "poll",
            channel_kind: "linkedin",
            channel_id: channelId,
            platform_id: `c-${author}`,
          })
          .where("conversation_id", "=", id)
          .execute();
        await ctx.db
          .updateTable("inbox_conversations")
          .set({ channel_kind: "linkedin", channel_id: channelId })
          .where("id", "=", id)
          .execute();
      }
      return id;
    };
    const view = async (id: string) => {
      const r = await t.as.poster.get(`${inbox}/${id}`);
      assert.equal(r.status, 200, r.text);
      return conversationResponse.strict().parse(r.body);
    };

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      ctx.clock.current = new Date();
      ctx.secretKey = randomBytes(32);
      t = await postingPractice(ctx, "rowan");
      inbox = `${t.base}/inbox`;
      platform = new ReplyingPlatform();
      channelId = await fakeChannel(ctx, t.seed.practice.id);
      await ctx.db
        .updateTable("channels")
        .set({ credentials_enc: sealCredentials(ctx, channelId, { accessToken: "token" }) })
        .where("id", "=", channelId)
        .execute();
      await ctx.db
        .updateTable("practices")
        .set({ settings: JSON.stringify({ complaintsProcedureUrl: "https://rowan.example/complaints" }) })
        .where("id", "=", t.seed.practice.id)
        .execute();
    });
    after(async () => {
      platform.restore();
      await t.app.close();
      await database.close();
    });

    it("a complaint is answered with the complaints route after a second person approves it, through the job", async () => {
      const id = await comment(COMMENTS.complaint, "pat", true);
      const before = await view(id);
      const suggested = before.replyTemplates!.find((x) => x.id === before.suggestedTemplateId)!;
      assert.equal(suggested.category, "complaint");
      assert.match(suggested.filled, /complaints procedure \(https:\/\/rowan\.example\/complaints\)/);
      assert.deepEqual(before.allowed, ["write-reply", "manage-inbox"]);

      const written = await t.as.both.post(`${inbox}/${id}/replies`, {
        text: suggested.filled,
        templateId: suggested.id,
      });
      assert.equal(written.status, 201, written.text);
      const reply = replyResponse.strict().parse(written.body);
      assert.equal(reply.state, "awaiting-approval");
      assert.equal(reply.edited, false);
      assert.equal(reply.byHand, false);
      assert.ok(["ok", "check"].includes(reply.verdict), reply.verdict);
      assert.equal((await view(id)).status, "awaiting_approval");
      assert.deepEqual((await view(id)).actions.slice(-1), ["awaiting approval"]);

      // The author is also an approver, but may not approve their own reply.
      const own = await t.as.both.post(`${inbox}/${id}/replies/${reply.id}/approve`, {});
      assert.equal(own.status, 403, own.text);
      assert.match(own.body.error.message, /You wrote this reply/);
      // The approver is told it waits for them; the author is not.
      const waiting = await t.as.approver.get(`${t.base}/waiting`);
      assert.ok(JSON.stringify(waiting.body).includes("inbox.approve-reply"), waiting.text);
      const mine = await t.as.both.get(`${t.base}/waiting`);
      assert.ok(!JSON.stringify(mine.body).includes("inbox.approve-reply"));

      const approved = await t.as.approver.post(`${inbox}/${id}/replies/${reply.id}/approve`, {});
      assert.equal(approved.status, 200, approved.text);
      assert.equal(approved.body.state, "approved");
      assert.equal(platform.calls.length, 0, "nothing is sent inside the request");
      await runDueJobs(ctx);
      assert.equal(platform.calls.length, 1);
      const after = await view(id);
      assert.equal(after.status, "answered");
      assert.ok(after.firstReplyAt);
      const sent = after.replies!.at(-1)!;
      assert.equal(sent.state, "sent");
      assert.equal(sent.platformId, "r-1");
      assert.equal(sent.url, "https://fake.example/r/1");
      // A rerun of the job sends nothing more.
      assert.equal(await sendReply(ctx, { practiceId: t.seed.practice.id, replyId: sent.id }), "skipped");
      assert.equal(platform.calls.length, 1);
      // The audit holds actions, never the words.
      const audit = await ctx.db
        .selectFrom("audit_log")
        .select(["action", "details"])
        .where("target_id", "=", id)
        .execute();
      assert.ok(audit.some((a) => a.action === "inbox.reply-sent"));
      assert.ok(!JSON.stringify(audit).includes("complaints procedure"));
    });

    it("an answer lost on the way is looked for on the platform, never sent twice", async () => {
      const id = await comment(COMMENTS.appointment, "sam", true);
      const r = await t.as.poster.post(`${inbox}/${id}/replies`, {
        text: "Please book through the NHS App.",
      });
      assert.equal(r.status, 201, r.text);
      await t.as.approver.post(`${inbox}/${id}/replies/${r.body.id}/approve`, {});
      platform.lose = true;
      const calls = platform.calls.length;
      await runDueJobs(ctx);
      assert.equal(platform.calls.length, calls + 1, "asked once");
      const found = (await view(id)).replies!.at(-1)!;
      assert.equal(found.state, "sent", "found by findReply");
      assert.equal(found.platformId, `r-${calls + 1}`);

      // Lost and not found: a person checks; the job does not try again.
      const id2 = await comment(COMMENTS.prescription, "kim", true);
      const r2 = await t.as.poster.post(`${inbox}/${id2}/replies`, {
        text: "Please order through the NHS App.",
      });
      platform.found.set("something else", { platformId: "x", url: "https://fake.example/x" });
      await t.as.approver.post(`${inbox}/${id2}/replies/${r2.body.id}/approve`, {});
      await runDueJobs(ctx);
      await runDueJobs(ctx);
      assert.equal(platform.calls.length, calls + 2);
      const check = (await view(id2)).replies!.at(-1)!;
      assert.equal(check.state, "needs-check");
      assert.match(check.outcomeMessage!, /Check the comment on the platform/);
      assert.deepEqual(check.allowed, ["resolve-reply"]);
      const waiting = await t.as.poster.get(`${t.base}/waiting`);
      assert.ok(JSON.stringify(waiting.body).includes("inbox.reply-needs-check"));
      // The person finds it there and says so.
      const posted = await t.as.poster.post(`${inbox}/${id2}/replies/${r2.body.id}/resolve`, {
        outcome: "posted",
        url: "https://fake.example/found",
      });
      assert.equal(posted.status, 200, posted.text);
      assert.equal(posted.body.state, "sent");
      assert.equal((await view(id2)).status, "answered");
      assert.equal(platform.calls.length, calls + 2);
      platform.lose = false;
    });

    it("on a channel safepost cannot answer, the approved reply is posted by hand", async () => {
      const id = await comment(COMMENTS.question, "lee");
      const r = await t.as.poster.post(`${inbox}/${id}/replies`, { text: "We open at 9 on Saturdays." });
      assert.equal(r.body.byHand, true);
      const a = await t.as.approver.post(`${inbox}/${id}/replies/${r.body.id}/approve`, {});
      assert.equal(a.body.state, "post-by-hand");
      const posted = await t.as.poster.post(`${inbox}/${id}/replies/${r.body.id}/resolve`, {
        outcome: "posted",
      });
      assert.equal(posted.status, 200, posted.text);
      assert.equal(posted.body.state, "sent");
      assert.equal((await view(id)).status, "answered");
    });

    it("an approver sends a reply back; the author writes it again", async () => {
      const id = await comment(COMMENTS.review, "ash");
      const r = await t.as.poster.post(`${inbox}/${id}/replies`, { text: "Thanks!" });
      const back = await t.as.approver.post(`${inbox}/${id}/replies/${r.body.id}/request-changes`, {
        note: "Say who we will pass it on to.",
      });
      assert.equal(back.status, 200, back.text);
      assert.equal(back.body.state, "changes-requested");
      assert.equal(back.body.changesNote, "Say who we will pass it on to.");
      const waiting = await t.as.poster.get(`${t.base}/waiting`);
      assert.ok(JSON.stringify(waiting.body).includes("inbox.reply-changes"));
      const again = await t.as.poster.post(`${inbox}/${id}/replies`, {
        text: "Thanks, we will tell the team.",
      });
      assert.equal(again.status, 201, again.text);
      const states = (await view(id)).replies!.map((x) => x.state);
      assert.deepEqual(states, ["replaced", "awaiting-approval"]);
      const twice = await t.as.poster.post(`${inbox}/${id}/replies`, { text: "And again." });
      assert.equal(twice.status, 409, "one reply under way at a time");
    });

    it("an unedited pre-approved template goes without a second person; an edited one waits", async () => {
      const list = await t.as.admin.get(`${inbox}/templates`);
      const review = list.body.templates.find((x: { category: string }) => x.category === "review");
      await t.as.admin.patch(`${inbox}/templates/${review.id}`, { preApproved: true });
      const id = await comment(COMMENTS.review, "jo", true);
      const edited = await t.as.poster.post(`${inbox}/${id}/replies`, {
        text: `${review.filled} Have a good day!`,
        templateId: review.id,
      });
      assert.equal(edited.body.state, "awaiting-approval");
      assert.equal(edited.body.edited, true);
      await t.as.approver.post(`${inbox}/${id}/replies/${edited.body.id}/request-changes`, {
        note: "Shorter.",
      });
      const calls = platform.calls.length;
      const plain = await t.as.poster.post(`${inbox}/${id}/replies`, {
        text: review.filled,
        templateId: review.id,
      });
      assert.equal(plain.status, 201, plain.text);
      assert.equal(plain.body.preApproved, true);
      assert.equal(plain.body.state, "approved");
      await runDueJobs(ctx);
      assert.equal(platform.calls.length, calls + 1);
      assert.equal((await view(id)).status, "answered");
    });

    it("staff without a posting role get 403, another practice's ids 404, bad text writes nothing", async () => {
      const id = await comment(COMMENTS.question, "max");
      const before = { replies: await count("inbox_replies"), audit: await count("audit_log") };
      const staff = await t.as.staff.post(`${inbox}/${id}/replies`, { text: "Hello" });
      assert.equal(staff.status, 403);
      errorBody.parse(staff.body);
      const approver = await t.as.approver.post(`${inbox}/${id}/replies`, { text: "Hello" });
      assert.equal(approver.status, 403, "an approver alone does not write replies");
      const outsider = await t.as.outsider.post(`/api/practices/${t.other.practice.id}/inbox/${id}/replies`, {
        text: "Hello",
      });
      assert.equal(outsider.status, 404);
      assert.equal(
        (await t.as.poster.post(`${inbox}/${crypto.randomUUID()}/replies`, { text: "Hi" })).status,
        404,
      );
      const empty = await t.as.poster.post(`${inbox}/${id}/replies`, { text: "  " });
      assert.equal(empty.status, 400);
      assert.match(empty.body.error.message, /empty/);
      const long = await t.as.poster.post(`${inbox}/${id}/replies`, { text: "a".repeat(2_001) });
      assert.equal(long.status, 400);
      assert.match(long.body.error.message, /2,000 characters/);
      const huge = await t.as.poster.post(`${inbox}/${id}/replies`, { text: "a".repeat(1024 * 1024) });
      assert.equal(huge.status, 413);
      assert.match(huge.body.error.message, /too large/);
      const otherTemplate = await t.as.poster.post(`${inbox}/${id}/replies`, {
        text: "Hi",
        templateId: crypto.randomUUID(),
      });
      assert.equal(otherTemplate.status, 404);
      assert.deepEqual(
        { replies: await count("inbox_replies"), audit: await count("audit_log") },
        before,
        "nothing written",
      );
      // Another practice's member cannot approve this practice's reply.
      const r = await t.as.poster.post(`${inbox}/${id}/replies`, { text: "We open at 9." });
      const stranger = await t.as.outsider.post(
        `/api/practices/${t.other.practice.id}/inbox/${id}/replies/${r.body.id}/approve`,
        {},
      );
      assert.equal(stranger.status, 404);
    });
  });
}
