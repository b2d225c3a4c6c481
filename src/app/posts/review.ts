// Review: the author sends a post for approval (the checker reads it in the practice's context and its verdict
// is kept), a second person approves it or sends it back with a note the author is mailed.
import { check } from "../../core/checker/index";
import type { Verdict } from "../../core/checker/types";
import { AppError } from "../../core/errors";
import { authorize } from "../../core/permissions";
import type { Mail } from "../../mail/mailer";
import type { Db } from "../../store/database";
import { cachedPracticeProfile } from "../checker/cached-profile";
import { countCheckerRun } from "../checker/checker-counts";
import type { AppContext } from "../context";
import { loadPractice } from "../policy/policy-store";
import { sendOnce } from "../policy/reminders";
import { armDeliveries } from "./deliveries";
import { actingPostMember } from "./permissions";
import { loadPost, postResource, recordPostEvent, type PostRow } from "./post-store";
import { checkContent, type PostContent } from "./targets";

/** What the post is made of now, as checkContent reads it. */
export async function contentOf(db: Db, post: PostRow): Promise<PostContent> {
  const channels = await db
    .selectFrom("post_channels")
    .select("channel_id")
    .where("post_id", "=", post.id)
    .orderBy("position")
    .execute();
  const images = await db
    .selectFrom("post_image_links")
    .select(["image_id", "alt_text"])
    .where("post_id", "=", post.id)
    .orderBy("position")
    .execute();
  return {
    text: post.text,
    link: post.link,
    channelIds: channels.map((c) => c.channel_id),
    images: images.map((i) => ({ id: i.image_id, altText: i.alt_text })),
  };
}

/** The checker's verdict on a post's text, read as the practice's own checker would (its names, places, policy). */
export async function verdictFor(ctx: AppContext, practiceId: string, text: string): Promise<Verdict> {
  return (await checkPost(ctx, practiceId, text)).verdict;
}

async function checkPost(ctx: AppContext, practiceId: string, text: string) {
  const profile = await cachedPracticeProfile(ctx, practiceId);
  return check({ text, context: "practice", author: { onSickLeave: false } }, profile);
}

/**
 * The author sends the post for approval. The checker runs on the text; a "do not post" verdict needs the
 * author's reason for going ahead, which the approver reads (the audit records only that there was one).
 */
export async function submitPost(
  ctx: AppContext,
  practiceId: string,
  postId: string,
  actor: { userId: string },
  overrideReason: string | null,
): Promise<PostRow> {
  const member = await actingPostMember(ctx.db, practiceId, actor.userId);
  const before = await loadPost(ctx.db, practiceId, postId);
  authorize(member, "submit-post", await postResource(ctx.db, before));
  const result = await checkPost(ctx, practiceId, before.text);
  const verdict = result.verdict;
  return ctx.db.transaction().execute(async (trx) => {
    const post = await loadPost(trx, practiceId, postId, true);
    authorize(member, "submit-post", await postResource(trx, post));
    if (post.revision !== before.revision || post.text !== before.text)
      throw new AppError(
        "conflict",
        "The post changed while it was being checked. Look at it again and resend it.",
      );
    await checkContent(trx, practiceId, await contentOf(trx, post), true);
    const reason = verdict === "do-not-post" ? (overrideReason ?? post.override_reason) : null;
    if (verdict === "do-not-post" && !reason)
      throw new AppError(
        "invalid-input",
        "The checker says this should not be posted. Change the text, or say why it should still be posted.",
        { overrideReason: "Say why it should still be posted, or change the text." },
      );
    const now = ctx.now();
    await trx
      .updateTable("posts")
      .set({
        state: "awaiting-approval",
        verdict,
        override_reason: reason,
        submitted_at: now,
        updated_at: now,
      })
      .where("id", "=", post.id)
      .execute();
    await recordPostEvent(trx, post, actor.userId, now, "submitted", {
      audit: { revision: post.revision, verdict, overrideReason: reason !== null },
    });
    await countCheckerRun(trx, practiceId, result.findings, now);
    return loadPost(trx, practiceId, post.id);
  });
}

/** An approver who is neither the author nor the last editor approves the post as it stands. */
export async function approvePost(
  ctx: AppContext,
  practiceId: string,
  postId: string,
  actor: { userId: string },
): Promise<PostRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const post = await loadPost(trx, practiceId, postId, true);
    const member = await actingPostMember(trx, practiceId, actor.userId);
    authorize(member, "approve-post", await postResource(trx, post));
    const now = ctx.now();
    await trx
      .updateTable("posts")
      .set({
        state: "approved",
        approved_by: actor.userId,
        approved_at: now,
        approved_verdict: post.verdict,
        approval_voided: false,
        changes_note: null,
        // A time that passed while the post waited for approval is no time at all: reschedule or publish now.
        scheduled_at:
          post.scheduled_at && post.scheduled_at.getTime() > now.getTime() ? post.scheduled_at : null,
        updated_at: now,
      })
      .where("id", "=", post.id)
      .execute();
    await recordPostEvent(trx, post, actor.userId, now, "approved", {
      audit: {
        revision: post.revision,
        verdict: post.verdict,
        overrideReason: post.override_reason !== null,
      },
    });
    const approved = await loadPost(trx, practiceId, post.id);
    // A post with a time waits for it; its publishing jobs are enqueued in this transaction.
    if (approved.scheduled_at && approved.scheduled_at.getTime() > now.getTime())
      await armDeliveries(ctx, trx, approved, approved.scheduled_at);
    return loadPost(trx, practiceId, post.id);
  });
}

/** An approver sends the post back with a note of what to change; the author is mailed (queued). */
export async function requestPostChanges(
  ctx: AppContext,
  practiceId: string,
  postId: string,
  actor: { userId: string },
  note: string,
): Promise<PostRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const post = await loadPost(trx, practiceId, postId, true);
    const member = await actingPostMember(trx, practiceId, actor.userId);
    authorize(member, "request-changes", await postResource(trx, post));
    const now = ctx.now();
    await trx
      .updateTable("posts")
      .set({ state: "changes-requested", changes_note: note, updated_at: now })
      .where("id", "=", post.id)
      .execute();
    await recordPostEvent(trx, post, actor.userId, now, "changes-requested", {
      note,
      audit: { revision: post.revision },
    });
    await ctx.jobs.enqueue(
      trx,
      "posts.changes-requested",
      { practiceId, postId: post.id, revision: post.revision },
      { key: `post-changes:${post.id}:${post.revision}:${now.getTime()}` },
    );
    return loadPost(trx, practiceId, post.id);
  });
}

/** The job: mails the author the approver's note (once per request), unless the post has moved on. */
export async function sendPostChangesRequested(
  ctx: AppContext,
  payload: { practiceId: string; postId: string; revision: number },
): Promise<boolean> {
  const post = await ctx.db
    .selectFrom("posts")
    .selectAll()
    .where("id", "=", payload.postId)
    .where("practice_id", "=", payload.practiceId)
    .executeTakeFirst();
  if (!post || post.state !== "changes-requested" || post.revision !== payload.revision) return false;
  const event = await ctx.db
    .selectFrom("post_events")
    .select(["id", "actor_id"])
    .where("post_id", "=", post.id)
    .where("event", "=", "changes-requested")
    .orderBy("at", "desc")
    .orderBy("seq", "desc")
    .executeTakeFirst();
  const people = await ctx.db
    .selectFrom("users")
    .select(["id", "name", "email"])
    .where("id", "in", [post.author_id, event?.actor_id ?? post.author_id])
    .execute();
  const author = people.find((p) => p.id === post.author_id);
  if (!author || !event) return false;
  const approver = people.find((p) => p.id === event.actor_id)?.name ?? "An approver";
  const practice = await loadPractice(ctx.db, payload.practiceId);
  const mail: Mail = {
    to: author.email,
    practiceId: payload.practiceId,
    subject: `Changes asked for before your post for ${practice.name} can be approved`,
    text: [
      `Hello ${author.name},`,
      "",
      `${approver} has read your post and asks for these changes before approving it:`,
      "",
      post.changes_note ?? "",
      "",
      "Change the post, then send it for approval again.",
      "",
      `${ctx.baseUrl}/practice/${payload.practiceId}/posts/${post.id}`,
    ].join("\n"),
  };
  return sendOnce(
    ctx,
    {
      key: `post-changes:${event.id}`,
      practiceId: payload.practiceId,
      userId: author.id,
      kind: "post-changes",
    },
    mail,
  );
}
