// Acting on a comment where it lives, through its channel's adapter (issue 10, parts 4 and 5): answering it,
// hiding it and showing it again, deleting it, blocking its author, reporting it to the platform's moderators,
// each only where the adapter's capabilities offer it. Before any of the moderation actions an evidence record is
// committed, so the comment is preserved whatever the platform then does. An outcome that is not known (a timeout, a dropped connection) is
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
  type CommentAction,
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

type PlatformAction = "reply" | "hide" | "delete" | "block" | "report";

/** What the practice reads for each action: "safepost cannot {verb} …". */
const VERB: Record<PlatformAction, string> = {
  reply: "answer",
  hide: "hide",
  delete: "delete",
  block: "block the author of",
  report: "report",
};

/** The adapter's operation and capability for an action. */
function operationOf(adapter: ChannelAdapter | null, what: PlatformAction): boolean {
  if (!adapter) return false;
  const c = adapter.capabilities;
  switch (what) {
    case "reply":
      return c.reply && !!adapter.reply;
    case "hide":
      return c.hide && !!adapter.hide && !!adapter.unhide;
    case "delete":
      return c.deleteComment && !!adapter.deleteComment;
    case "block":
      return c.block && !!adapter.blockAuthor;
    case "report":
      return c.report && !!adapter.reportComment;
  }
}

/** The adapter and connection that can do `what` to this comment, or a plain reason why not. */
async function targetOf(ctx: AppContext, db: Db, comment: CommentRow, what: PlatformAction): Promise<Target> {
  const name = channelName(comment.channel_kind);
  const verb = VERB[what];
  if (
    !comment.platform_id ||
    !comment.channel_id ||
    (comment.source !== "poll" && comment.source !== "webhook")
  )
    throw new AppError(
      "conflict",
      `This comment was pasted or imported, so safepost cannot ${verb} it on ${name}. Do it on ${name} yourself.`,
    );
  if (comment.deleted_at)
    throw new AppError("conflict", `This comment was deleted on ${name} through safepost already.`);
  const adapter = adapterFor(comment.channel_kind as never);
  if (!adapter || !operationOf(adapter, what))
    throw new AppError(
      "conflict",
      adapter?.capabilities.readComments
        ? `${name} does not let safepost ${verb} comments. Do it on ${name} yourself if ${name} allows it.`
        : `safepost cannot ${verb} comments on ${name} yet. Do it on ${name} yourself.`,
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

type ModerationAction = "hide" | "unhide" | CommentAction;

const AUDIT_ACTION: Record<ModerationAction, string> = {
  hide: "inbox.comment-hidden",
  unhide: "inbox.comment-shown",
  delete: "inbox.comment-deleted",
  block: "inbox.author-blocked",
  report: "inbox.comment-reported",
};

const FAILED_WHAT: Record<ModerationAction, string> = {
  hide: "Hiding",
  unhide: "Showing it again",
  delete: "Deleting",
  block: "Blocking the author",
  report: "The report",
};

/** Runs the action on the platform; an unknown outcome is checked, or (for repeat-safe actions) tried once more. */
async function onPlatform(t: Target, action: ModerationAction, reason: string): Promise<"done" | "checked"> {
  const a = t.adapter;
  const run = (): Promise<void> => {
    switch (action) {
      case "hide":
        return a.hide!(t.conn, t.ref);
      case "unhide":
        return a.unhide!(t.conn, t.ref);
      case "delete":
        return a.deleteComment!(t.conn, t.ref);
      case "block":
        return a.blockAuthor!(t.conn, t.ref);
      case "report":
        return a.reportComment!(t.conn, t.ref, {
          reason: reason as HideReason,
          // Our own words for the moderators: the reason, never the comment's text or the member's note.
          note: `${HIDE_REASON_LABELS[reason as HideReason] ?? "Against the practice's policy"}. Reported by the GP practice that runs this account.`,
        });
    }
  };
  try {
    await run();
    return "done";
  } catch (err) {
    if (!(err instanceof ChannelError) || err.kind !== "unknown-outcome")
      throw failed(err, FAILED_WHAT[action]);
    if ((action === "hide" || action === "unhide") && a.isHidden) {
      const now = await a.isHidden(t.conn, t.ref).catch(() => null);
      if (now === (action === "hide")) return "checked";
    } else if (action !== "report") {
      // Deleting, blocking and (where the platform cannot say whether it is hidden) hiding again are harmless:
      // one more try settles it.
      try {
        await run();
        return "checked";
      } catch {
        // falls through to the sentence below
      }
    }
    throw new AppError(
      "conflict",
      action === "report"
        ? "safepost could not tell whether the report reached the platform (it did not answer in time). The evidence record is kept; check on the platform before reporting it again."
        : "safepost could not tell whether the platform made the change (it did not answer in time). The evidence record is kept; check the comment on the platform, then try again.",
    );
  }
}

async function moderate(
  ctx: AppContext,
  practiceId: string,
  commentId: string,
  actor: { userId: string },
  request: ModerationRequest,
  action: ModerationAction,
): Promise<ModerationResult> {
  // 1. The evidence record, committed before the platform is called.
  const { t, evidence } = await ctx.db.transaction().execute(async (trx) => {
    const member = await actingPostMember(trx, practiceId, actor.userId);
    authorize(member, "manage-inbox", { type: "practice" });
    const comment = await loadComment(trx, practiceId, commentId, true);
    const t = await targetOf(ctx, trx, comment, action === "unhide" ? "hide" : action);
    if (action === "report" && comment.reported_at)
      throw new AppError("conflict", "This comment was reported to the platform's moderators already.");
    if (action === "block" && comment.author_blocked_at)
      throw new AppError("conflict", "This comment's author was blocked already.");
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

  // 2. The platform; an unknown outcome is read back (or, where repeating is harmless, tried once more).
  const outcome = await onPlatform(t, action, request.reason);

  // 3. The comment's state and the audit: the action, the reason code and the evidence hash, never the words.
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const set =
      action === "hide" || action === "unhide"
        ? { hidden_at: action === "hide" ? now : null }
        : action === "delete"
          ? { deleted_at: now }
          : action === "block"
            ? { author_blocked_at: now }
            : { reported_at: now };
    await trx.updateTable("inbox_comments").set(set).where("id", "=", commentId).execute();
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: AUDIT_ACTION[action],
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
  return {
    commentId,
    hidden: action === "hide" ? true : action === "unhide" ? false : t.comment.hidden_at !== null,
    evidence: { id: evidence.id, seq: evidence.seq, hash: evidence.hash },
  };
}

/** Deletes, blocks the author of, or reports a comment on its platform, after committing an evidence record. */
export async function actOnComment(
  ctx: AppContext,
  practiceId: string,
  commentId: string,
  actor: { userId: string },
  action: CommentAction,
  request: { reason: HideReason; note?: string | undefined },
): Promise<{ commentId: string; action: CommentAction; evidence: ModerationResult["evidence"] }> {
  const r = await moderate(ctx, practiceId, commentId, actor, request, action);
  return { commentId, action, evidence: r.evidence };
}

/** Hides a comment on its platform, after committing an evidence record of it. */
export function hideOnPlatform(
  ctx: AppContext,
  practiceId: string,
  commentId: string,
  actor: { userId: string },
  request: { reason: HideReason; note?: string | undefined },
): Promise<ModerationResult> {
  return moderate(ctx, practiceId, commentId, actor, request, "hide");
}

/** Shows a hidden comment again, after committing an evidence record of it. */
export function unhideOnPlatform(
  ctx: AppContext,
  practiceId: string,
  commentId: string,
  actor: { userId: string },
  request: { reason: UnhideReason; note?: string | undefined },
): Promise<ModerationResult> {
  return moderate(ctx, practiceId, commentId, actor, request, "unhide");
}

export const reasonLabel = (reason: string): string =>
  (HIDE_REASON_LABELS as Record<string, string>)[reason] ??
  (UNHIDE_REASON_LABELS as Record<string, string>)[reason] ??
  reason;
