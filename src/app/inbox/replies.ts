// Replies to patients (issue 10, part 4): a poster writes one (from a template or not), the checker reads it in
// the practice's context, a second person approves it or sends it back, and then it is sent through the job
// queue (send-reply.ts) or, on a channel safepost cannot answer on, posted by hand. An unedited pre-approved
// template for the conversation's category skips the second person. The audit records actions, never words.
import { countCheckerRun } from "../checker/checker-counts";
import type { Selectable } from "kysely";
import { check } from "../../core/checker/index";
import { AppError, notFound } from "../../core/errors";
import { knownIdShape } from "../../core/ids";
import {
  fillReplyTemplate,
  OPEN_REPLY_STATES,
  REPLY_STATE_LABELS,
  SENDING_STUCK_MS,
  sendsWithoutApproval,
  type ReplyState,
} from "../../core/inbox";
import { allowedActions, authorize, type PermissionMember, type ReplyResource } from "../../core/permissions";
import type { ChannelKind } from "../../channels/adapter";
import { adapterFor } from "../../channels/registry";
import type { Db } from "../../store/database";
import type { InboxReplyTable } from "../../store/schema";
import { appendAudit } from "../audit/audit-log";
import { cachedPracticeProfile } from "../checker/cached-profile";
import type { AppContext } from "../context";
import { actingPostMember } from "../posts/permissions";
import { json, loadConversation, type CommentRow } from "./inbox-store";
import { replyDetailsOf } from "./reply-templates";

export type ReplyRow = Selectable<InboxReplyTable>;

/** Whether safepost can answer this comment on its platform (one read from it, on a channel that replies). */
export const canReplyOnPlatform = (m: CommentRow): boolean => {
  const adapter = adapterFor(m.channel_kind as ChannelKind);
  return (
    (m.source === "poll" || m.source === "webhook") &&
    !!m.platform_id &&
    !!m.channel_id &&
    !!adapter?.reply &&
    adapter.capabilities.reply
  );
};

/** The facts the permission model reads about a reply. */
export const replyResource = (r: ReplyRow, now: Date): ReplyResource => ({
  type: "reply",
  state: r.state as ReplyState,
  authorId: r.author_id ?? "",
  stuck: r.state === "sending" && now.getTime() - r.updated_at.getTime() > SENDING_STUCK_MS,
});

/** A reply as the API answers it, with what the viewer may do to it now. */
export function replyView(
  r: ReplyRow,
  names: ReadonlyMap<string, string>,
  member: PermissionMember,
  now: Date,
) {
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? "a former user" } : null);
  return {
    id: r.id,
    conversationId: r.conversation_id,
    commentId: r.comment_id,
    state: r.state as ReplyState,
    stateLabel: REPLY_STATE_LABELS[r.state as ReplyState] ?? r.state,
    text: r.text,
    templateId: r.template_id,
    edited: r.edited,
    preApproved: r.pre_approved,
    byHand: r.by_hand,
    verdict: r.verdict,
    findings: json<{ rule: string; reason: string; severity: string }[]>(r.findings),
    author: person(r.author_id),
    approvedBy: person(r.approved_by),
    approvedAt: r.approved_at?.toISOString() ?? null,
    changesNote: r.changes_note,
    outcomeMessage: r.outcome_message,
    platformId: r.platform_id,
    url: r.url,
    sentAt: r.sent_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    allowed: allowedActions(member, replyResource(r, now)),
  };
}
export type ReplyView = ReturnType<typeof replyView>;

async function namesOf(db: Db, rows: readonly ReplyRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => [r.author_id, r.approved_by]).filter((x): x is string => !!x))];
  if (!ids.length) return new Map();
  const people = await db.selectFrom("users").select(["id", "name"]).where("id", "in", ids).execute();
  return new Map(people.map((p) => [p.id, p.name]));
}

/** A conversation's replies, oldest first, as the viewer sees them. */
export async function repliesOf(
  db: Db,
  conversationId: string,
  member: PermissionMember,
  now: Date,
): Promise<ReplyView[]> {
  const rows = await db
    .selectFrom("inbox_replies")
    .selectAll()
    .where("conversation_id", "=", conversationId)
    .orderBy("created_at")
    .execute();
  const names = await namesOf(db, rows);
  return rows.map((r) => replyView(r, names, member, now));
}

async function loadReply(db: Db, practiceId: string, replyId: string, forUpdate = false) {
  knownIdShape(replyId, "That reply");
  let q = db
    .selectFrom("inbox_replies")
    .selectAll()
    .where("id", "=", replyId)
    .where("practice_id", "=", practiceId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound("That reply");
  return row;
}

async function one(ctx: AppContext, practiceId: string, replyId: string, userId: string) {
  const member = await actingPostMember(ctx.db, practiceId, userId);
  const row = await loadReply(ctx.db, practiceId, replyId);
  return replyView(row, await namesOf(ctx.db, [row]), member, ctx.now());
}

async function audit(trx: Db, r: ReplyRow, actorId: string | null, action: string, now: Date, extra = {}) {
  await appendAudit(
    trx,
    {
      practiceId: r.practice_id,
      actorId,
      action,
      targetType: "conversation",
      targetId: r.conversation_id,
      details: { replyId: r.id, state: r.state, ...extra },
    },
    now,
  );
}

/** Queues the sending job for an approved reply (in the caller's transaction). */
export async function queueSend(ctx: AppContext, trx: Db, r: ReplyRow): Promise<void> {
  await ctx.jobs.enqueue(
    trx,
    "inbox.send-reply",
    { practiceId: r.practice_id, replyId: r.id },
    { key: `inbox-reply:${r.id}:${r.attempts}` },
  );
}

async function setConversationStatus(
  trx: Db,
  conversationId: string,
  status: "awaiting_approval" | "in_progress" | "answered",
  now: Date,
): Promise<void> {
  const c = await trx
    .selectFrom("inbox_conversations")
    .select(["first_reply_at", "status"])
    .where("id", "=", conversationId)
    .executeTakeFirstOrThrow();
  if (c.status === "closed") return;
  await trx
    .updateTable("inbox_conversations")
    .set({
      status,
      updated_at: now,
      ...(status === "answered" && !c.first_reply_at ? { first_reply_at: now } : {}),
    })
    .where("id", "=", conversationId)
    .execute();
}

export interface ReplyInput {
  text: string;
  templateId?: string | null | undefined;
}

/**
 * A poster writes a reply to a conversation. The checker reads it as a practice post; it waits for a second
 * person, unless it is an unedited pre-approved template for the conversation's category.
 */
export async function submitReply(
  ctx: AppContext,
  practiceId: string,
  conversationId: string,
  actor: { userId: string },
  input: ReplyInput,
): Promise<ReplyView> {
  const member = await actingPostMember(ctx.db, practiceId, actor.userId);
  authorize(member, "write-reply", { type: "practice" });
  const conv = await loadConversation(ctx.db, practiceId, conversationId);
  let template = null;
  if (input.templateId) {
    knownIdShape(input.templateId, "That template");
    template =
      (await ctx.db
        .selectFrom("inbox_reply_templates")
        .selectAll()
        .where("id", "=", input.templateId)
        .where("practice_id", "=", practiceId)
        .executeTakeFirst()) ?? null;
    if (!template) throw notFound("That template");
  }
  const text = input.text.trim();
  const filled = template ? fillReplyTemplate(template.text, await replyDetailsOf(ctx.db, practiceId)) : null;
  const profile = await cachedPracticeProfile(ctx, practiceId);
  const result = check({ text, context: "practice", author: { onSickLeave: false } }, profile);
  const findings = result.findings.map((f) => ({ rule: f.rule, reason: f.reason, severity: f.severity }));
  const pre =
    result.verdict !== "do-not-post" &&
    sendsWithoutApproval(
      text,
      template
        ? {
            category: template.category,
            preApproved: template.pre_approved,
            archived: template.archived_at !== null,
            filled: filled!,
          }
        : null,
      conv.category,
    );
  const now = ctx.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const c = await loadConversation(trx, practiceId, conversationId, true);
    if (c.status === "closed")
      throw new AppError("conflict", "This conversation is closed. Reopen it before replying.");
    const open = await trx
      .selectFrom("inbox_replies")
      .select(["id", "state"])
      .where("conversation_id", "=", c.id)
      .where("state", "in", [...OPEN_REPLY_STATES])
      .executeTakeFirst();
    if (open && open.state !== "changes-requested")
      throw new AppError(
        "conflict",
        "A reply to this conversation is already under way. Deal with that one first.",
      );
    if (open)
      await trx
        .updateTable("inbox_replies")
        .set({ state: "replaced", updated_at: now })
        .where("id", "=", open.id)
        .execute();
    const latest = await trx
      .selectFrom("inbox_comments")
      .selectAll()
      .where("conversation_id", "=", c.id)
      .orderBy("received_at", "desc")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const byHand = !canReplyOnPlatform(latest);
    const state: ReplyState = pre ? (byHand ? "post-by-hand" : "approved") : "awaiting-approval";
    const r = await trx
      .insertInto("inbox_replies")
      .values({
        practice_id: practiceId,
        conversation_id: c.id,
        comment_id: latest.id,
        template_id: template?.id ?? null,
        text,
        edited: filled === null || filled.trim() !== text,
        pre_approved: pre,
        by_hand: byHand,
        state,
        verdict: result.verdict,
        findings: JSON.stringify(findings),
        author_id: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await setConversationStatus(trx, c.id, pre ? "in_progress" : "awaiting_approval", now);
    await countCheckerRun(trx, practiceId, findings, now);
    if (state === "approved") await queueSend(ctx, trx, r);
    await audit(trx, r, actor.userId, "inbox.reply-submitted", now, {
      templateId: r.template_id,
      edited: r.edited,
      preApproved: pre,
      byHand,
      verdict: r.verdict,
    });
    return r;
  });
  return replyView(row, await namesOf(ctx.db, [row]), member, now);
}

/** An approver who did not write the reply approves it: it is queued to be sent, or to be posted by hand. */
export async function approveReply(
  ctx: AppContext,
  practiceId: string,
  replyId: string,
  actor: { userId: string },
): Promise<ReplyView> {
  await ctx.db.transaction().execute(async (trx) => {
    const member = await actingPostMember(trx, practiceId, actor.userId);
    const r = await loadReply(trx, practiceId, replyId, true);
    const now = ctx.now();
    authorize(member, "approve-reply", replyResource(r, now));
    const updated = await trx
      .updateTable("inbox_replies")
      .set({
        state: r.by_hand ? "post-by-hand" : "approved",
        approved_by: actor.userId,
        approved_at: now,
        updated_at: now,
      })
      .where("id", "=", r.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await setConversationStatus(trx, r.conversation_id, "in_progress", now);
    if (!r.by_hand) await queueSend(ctx, trx, updated);
    await audit(trx, updated, actor.userId, "inbox.reply-approved", now);
  });
  return one(ctx, practiceId, replyId, actor.userId);
}

/** An approver sends the reply back to its author with a note of what to change. */
export async function requestReplyChanges(
  ctx: AppContext,
  practiceId: string,
  replyId: string,
  actor: { userId: string },
  note: string,
): Promise<ReplyView> {
  await ctx.db.transaction().execute(async (trx) => {
    const member = await actingPostMember(trx, practiceId, actor.userId);
    const r = await loadReply(trx, practiceId, replyId, true);
    const now = ctx.now();
    authorize(member, "request-reply-changes", replyResource(r, now));
    const updated = await trx
      .updateTable("inbox_replies")
      .set({ state: "changes-requested", changes_note: note, changes_by: actor.userId, updated_at: now })
      .where("id", "=", r.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await setConversationStatus(trx, r.conversation_id, "in_progress", now);
    await audit(trx, updated, actor.userId, "inbox.reply-changes-requested", now);
  });
  return one(ctx, practiceId, replyId, actor.userId);
}

export type Resolution = { outcome: "posted"; url?: string | null | undefined } | { outcome: "send-again" };

/**
 * A person says a reply was posted (by hand, or found on the platform after an unknown outcome), or sends it
 * again after a known failure or after checking that it is not there.
 */
export async function resolveReply(
  ctx: AppContext,
  practiceId: string,
  replyId: string,
  actor: { userId: string },
  resolution: Resolution,
): Promise<ReplyView> {
  await ctx.db.transaction().execute(async (trx) => {
    const member = await actingPostMember(trx, practiceId, actor.userId);
    const r = await loadReply(trx, practiceId, replyId, true);
    const now = ctx.now();
    authorize(member, "resolve-reply", replyResource(r, now));
    if (resolution.outcome === "send-again") {
      if (r.by_hand)
        throw new AppError(
          "conflict",
          "safepost cannot send replies on this channel. Post it there yourself, then say so.",
        );
      const updated = await trx
        .updateTable("inbox_replies")
        .set({ state: "approved", outcome_message: null, updated_at: now })
        .where("id", "=", r.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await queueSend(ctx, trx, updated);
      await audit(trx, updated, actor.userId, "inbox.reply-send-again", now);
      return;
    }
    const updated = await trx
      .updateTable("inbox_replies")
      .set({
        state: "sent",
        url: resolution.url ?? r.url,
        sent_at: now,
        sent_by: actor.userId,
        outcome_message: null,
        updated_at: now,
      })
      .where("id", "=", r.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await setConversationStatus(trx, r.conversation_id, "answered", now);
    await audit(trx, updated, actor.userId, "inbox.reply-posted", now, { url: updated.url !== null });
  });
  return one(ctx, practiceId, replyId, actor.userId);
}

/** Records the sending job's outcome (send-reply.ts) and answers the conversation when it went. */
export async function recordSendOutcome(
  ctx: AppContext,
  r: ReplyRow,
  outcome:
    { status: "sent"; platformId: string; url: string } | { status: "not-sent" | "unknown"; message: string },
): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const patch =
      outcome.status === "sent"
        ? {
            state: "sent",
            platform_id: outcome.platformId,
            url: outcome.url,
            sent_at: now,
            outcome_message: null,
          }
        : {
            state: outcome.status === "unknown" ? "needs-check" : "failed",
            outcome_message: outcome.message,
          };
    const updated = await trx
      .updateTable("inbox_replies")
      .set({ ...patch, updated_at: now })
      .where("id", "=", r.id)
      .where("state", "=", "sending")
      .returningAll()
      .executeTakeFirst();
    if (!updated) return;
    if (outcome.status === "sent") await setConversationStatus(trx, r.conversation_id, "answered", now);
    await audit(trx, updated, null, `inbox.reply-${updated.state}`, now, { attempt: updated.attempts });
  });
}
