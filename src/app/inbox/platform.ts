// Acting on a comment where it lives, through its channel's adapter (issue 10, parts 4 and 5): answering it,
// hiding it and showing it again. Before a hide (or unhide) an evidence record is committed, so the comment is
// preserved whatever the platform then does. An outcome that is not known (a timeout, a dropped connection) is
// checked against the platform (findReply, isHidden) and never repeated blindly.
import {
  ChannelError,
  type ChannelAdapter,
  type ChannelConnection,
  type CommentRef,
} from "../../channels/adapter";
import { adapterFor } from "../../channels/registry";
import { AppError, notFound } from "../../core/errors";
import { knownIdShape } from "../../core/ids";
import {
  HIDE_REASON_LABELS,
  UNHIDE_REASON_LABELS,
  renderComment,
  type HideReason,
  type UnhideReason,
} from "../../core/inbox";
import { CHANNEL_NAMES } from "../../core/posts/limits";
import { authorize } from "../../core/permissions";
import type { Db } from "../../store/database";
import { appendAudit } from "../audit/audit-log";
import { connectionOf } from "../channels/connect-credentials";
import type { AppContext } from "../context";
import { actingPostMember } from "../posts/permissions";
import { appendEvidence, type EvidenceRow } from "./evidence";
import { json, type CommentRow } from "./inbox-store";

const channelName = (kind: string): string => (CHANNEL_NAMES as Record<string, string>)[kind] ?? kind;

interface Target {
  comment: CommentRow;
  adapter: ChannelAdapter;
  conn: ChannelConnection;
  ref: CommentRef;
}

async function loadComment(db: Db, practiceId: string, commentId: string, forUpdate = false) {
  knownIdShape(commentId, "That comment");
  let q = db
    .selectFrom("inbox_comments")
    .selectAll()
    .where("id", "=", commentId)
    .where("practice_id", "=", practiceId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound("That comment");
  return row;
}

/** The adapter and connection that can do `what` to this comment, or a plain reason why not. */
async function targetOf(
  ctx: AppContext,
  db: Db,
  comment: CommentRow,
  what: "reply" | "hide",
): Promise<Target> {
  const name = channelName(comment.channel_kind);
  if (
    !comment.platform_id ||
    !comment.channel_id ||
    (comment.source !== "poll" && comment.source !== "webhook")
  )
    throw new AppError(
      "conflict",
      `This comment was pasted or imported, so safepost cannot ${what} it on ${name}. Do it on ${name} yourself.`,
    );
  const adapter = adapterFor(comment.channel_kind as never);
  const can = what === "reply" ? adapter?.reply : adapter?.hide;
  if (!adapter || !can || !adapter.capabilities[what])
    throw new AppError(
      "conflict",
      `safepost cannot ${what} comments on ${name} yet. Do it on ${name} yourself.`,
    );
  const channel = await db
    .selectFrom("channels")
    .selectAll()
    .where("id", "=", comment.channel_id)
    .executeTakeFirst();
  const conn = channel && channel.status === "connected" ? connectionOf(ctx, channel) : null;
  if (!conn)
    throw new AppError(
      "conflict",
      `The ${name} channel is not connected now. An admin needs to reconnect it in Channels first.`,
    );
  const raw = comment.platform_raw === null ? {} : json<Record<string, unknown>>(comment.platform_raw);
  return {
    comment,
    adapter,
    conn,
    ref: { platformId: comment.platform_id, postPlatformId: comment.platform_post_id, raw },
  };
}

/** A platform failure as a sentence for the practice. */
function failed(err: unknown, what: string): AppError {
  if (err instanceof ChannelError) {
    if (err.kind === "rejected" && !err.details.status) return new AppError("conflict", err.message);
    const why =
      err.kind === "reconnect"
        ? "The channel needs reconnecting by an admin."
        : err.kind === "retry"
          ? "The platform asked safepost to try later."
          : (err.details.platformReason ?? "The platform refused.");
    return new AppError("conflict", `${what} did not happen on the platform. ${why}`);
  }
  throw err;
}

export type ReplyOutcome =
  | { status: "sent"; platformId: string; url: string }
  /** Known not to have been sent: the message says why (refused, reconnect, try later). */
  | { status: "not-sent"; message: string }
  /** The answer was lost and the reply was not found on the platform: a person checks before sending again. */
  | { status: "unknown"; message: string };

/**
 * Sends an approved reply under a comment on its platform. The caller has checked who may send it and records
 * it; a lost answer is looked for on the platform (findReply), never sent again here.
 */
export async function replyOnPlatform(
  ctx: AppContext,
  practiceId: string,
  commentId: string,
  text: string,
): Promise<ReplyOutcome> {
  const comment = await loadComment(ctx.db, practiceId, commentId);
  const t = await targetOf(ctx, ctx.db, comment, "reply");
  try {
    const sent = await t.adapter.reply!(t.conn, t.ref, text);
    return { status: "sent", platformId: sent.platformId, url: sent.url };
  } catch (err) {
    if (!(err instanceof ChannelError)) throw err;
    if (err.kind !== "unknown-outcome")
      return { status: "not-sent", message: failed(err, "The reply").message };
    const found = t.adapter.findReply
      ? await t.adapter.findReply(t.conn, t.ref, text).catch(() => null)
      : null;
    if (found) return { status: "sent", platformId: found.platformId, url: found.url };
    return {
      status: "unknown",
      message:
        "safepost could not tell whether the reply was posted (the platform did not answer in time) and did not find it there. Check the comment on the platform before sending it again.",
    };
  }
}

export interface ModerationRequest {
  reason: HideReason | UnhideReason;
  note?: string | undefined;
}

export interface ModerationResult {
  commentId: string;
  hidden: boolean;
  evidence: { id: string; seq: number; hash: string };
}

async function moderate(
  ctx: AppContext,
  practiceId: string,
  commentId: string,
  actor: { userId: string },
  request: ModerationRequest,
  hide: boolean,
): Promise<ModerationResult> {
  const action = hide ? "hide" : "unhide";
  // 1. The evidence record, committed before the platform is called.
  const { t, evidence } = await ctx.db.transaction().execute(async (trx) => {
    const member = await actingPostMember(trx, practiceId, actor.userId);
    authorize(member, "manage-inbox", { type: "practice" });
    const comment = await loadComment(trx, practiceId, commentId, true);
    const t = await targetOf(ctx, trx, comment, "hide");
    if (comment.text === null)
      throw new AppError(
        "conflict",
        "This comment's text was removed by the retention period, so no evidence record can be made of it.",
      );
    const user = await trx
      .selectFrom("users")
      .select("name")
      .where("id", "=", actor.userId)
      .executeTakeFirst();
    const post = comment.post_url ?? null;
    const now = ctx.now();
    const evidence: EvidenceRow = await appendEvidence(
      trx,
      {
        practiceId,
        commentId,
        conversationId: comment.conversation_id,
        action,
        reason: request.reason,
        note: request.note?.trim() ?? "",
        actorId: actor.userId,
        actorName: user?.name ?? "a member",
        channelKind: comment.channel_kind,
        platformId: comment.platform_id,
        platformRaw: t.ref.raw,
        rendered: renderComment({
          channelName: channelName(comment.channel_kind),
          authorHandle: comment.author_handle,
          authorUrl: comment.author_url,
          commentUrl: comment.platform_url,
          postUrl: post,
          receivedAt: comment.received_at.toISOString(),
          text: comment.text,
        }),
        authorHandle: comment.author_handle,
        authorUrl: comment.author_url,
        commentUrl: comment.platform_url,
        receivedAt: comment.received_at,
      },
      now,
    );
    return { t, evidence };
  });

  // 2. The platform; an unknown outcome is read back, not repeated.
  const call = hide ? t.adapter.hide! : t.adapter.unhide!;
  let outcome: "done" | "checked";
  try {
    await call(t.conn, t.ref);
    outcome = "done";
  } catch (err) {
    if (!(err instanceof ChannelError) || err.kind !== "unknown-outcome" || !t.adapter.isHidden)
      throw failed(err, hide ? "Hiding" : "Showing it again");
    const now = await t.adapter.isHidden(t.conn, t.ref).catch(() => null);
    if (now !== hide)
      throw new AppError(
        "conflict",
        "safepost could not tell whether the platform made the change (it did not answer in time). The evidence record is kept; check the comment on the platform, then try again.",
      );
    outcome = "checked";
  }

  // 3. The comment's state and the audit: the action, the reason code and the evidence hash, never the words.
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("inbox_comments")
      .set({ hidden_at: hide ? now : null })
      .where("id", "=", commentId)
      .execute();
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: hide ? "inbox.comment-hidden" : "inbox.comment-shown",
        targetType: "conversation",
        targetId: t.comment.conversation_id,
        details: {
          commentId,
          channel: t.comment.channel_kind,
          reason: request.reason,
          evidenceSeq: evidence.seq,
          evidenceHash: evidence.hash,
          outcome,
        },
      },
      now,
    );
  });
  return { commentId, hidden: hide, evidence: { id: evidence.id, seq: evidence.seq, hash: evidence.hash } };
}

/** Hides a comment on its platform, after committing an evidence record of it. */
export function hideOnPlatform(
  ctx: AppContext,
  practiceId: string,
  commentId: string,
  actor: { userId: string },
  request: { reason: HideReason; note?: string | undefined },
): Promise<ModerationResult> {
  return moderate(ctx, practiceId, commentId, actor, request, true);
}

/** Shows a hidden comment again, after committing an evidence record of it. */
export function unhideOnPlatform(
  ctx: AppContext,
  practiceId: string,
  commentId: string,
  actor: { userId: string },
  request: { reason: UnhideReason; note?: string | undefined },
): Promise<ModerationResult> {
  return moderate(ctx, practiceId, commentId, actor, request, false);
}

export const reasonLabel = (reason: string): string =>
  (HIDE_REASON_LABELS as Record<string, string>)[reason] ??
  (UNHIDE_REASON_LABELS as Record<string, string>)[reason] ??
  reason;
