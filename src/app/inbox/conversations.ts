// Reading the inbox and moving a conversation on: the list with its filters, one conversation with its comments
// and their triage, and the status, assignee and priority a member sets. Only members the permission model
// lets see the inbox read it; another practice's conversation is a 404.
import { AppError, notFound } from "../../core/errors";
import { isUuid } from "../../core/ids";
import { canChangeStatus, STATUS_LABELS, type ConversationStatus, type Priority } from "../../core/inbox";
import { authorize, can, type PermissionMember } from "../../core/permissions";
import { appendAudit } from "../audit/audit-log";
import type { AppContext } from "../context";
import { loadPermissionMember } from "../members/role-grants";
import { actingPostMember } from "../posts/permissions";
import type { Db } from "../../store/database";
import type { ChannelKind } from "../../channels/adapter";
import { adapterFor } from "../../channels/registry";
import { inboxMembers, type InboxMember } from "./inbox-members";
import { repliesOf, type ReplyView } from "./replies";
import { replyDetailsOf, templatesOf, templateView, type TemplateView } from "./reply-templates";
import {
  commentsOf,
  countConversations,
  findConversations,
  json,
  loadConversation,
  type CommentRow,
  type ConversationFilters,
  type ConversationRow,
  type NotifiedKind,
  type StoredRoute,
} from "./inbox-store";

/** What was done, or is still to do, about a conversation: for the list and the CLI. */
export type InboxAction =
  "escalated" | "to hide" | "hidden" | "awaiting reply" | "awaiting approval" | "answered" | "closed";

const OPEN: ConversationStatus[] = ["new", "in_progress"];

/** The actions a conversation shows: escalated (someone was told at once), to hide, and where its reply stands. */
export function actionsOf(c: ConversationRow, comments: readonly CommentRow[]): InboxAction[] {
  const out: InboxAction[] = [];
  const routes = comments.map((m) => json<StoredRoute>(m.route));
  if (
    comments.some((m) => json<string[]>(m.notified).length > 0) ||
    routes.some((r) => r.preserveEvidence && r.notify.some((n) => n.to === "admin"))
  )
    out.push("escalated");
  if (comments.some((m) => m.hidden_at)) out.push("hidden");
  else if (c.status !== "closed" && routes.some((r) => r.hide)) out.push("to hide");
  out.push(
    OPEN.includes(c.status)
      ? "awaiting reply"
      : c.status === "awaiting_approval"
        ? "awaiting approval"
        : c.status === "answered"
          ? "answered"
          : "closed",
  );
  return out;
}

const PREVIEW_CHARS = 160;
const preview = (text: string | null): string | null =>
  text === null ? null : text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;

async function evidenceCounts(db: Db, commentIds: string[]): Promise<Map<string, number>> {
  if (!commentIds.length) return new Map();
  const rows = await db
    .selectFrom("inbox_evidence")
    .select(["comment_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("comment_id", "in", commentIds)
    .groupBy("comment_id")
    .execute();
  return new Map(rows.map((r) => [r.comment_id, Number(r.n)]));
}

async function names(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom("users").select(["id", "name"]).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Whether safepost can do something to a comment on its platform: one that came from it, not deleted there, on a
 * channel whose adapter offers it (hide, deleteComment, block, report).
 */
const platformCan = (m: CommentRow, what: "hide" | "deleteComment" | "block" | "report"): boolean =>
  (m.source === "poll" || m.source === "webhook") &&
  !!m.platform_id &&
  !m.deleted_at &&
  (adapterFor(m.channel_kind as ChannelKind)?.capabilities[what] ?? false);

function commentView(m: CommentRow, evidence: ReadonlyMap<string, number>) {
  const route = json<StoredRoute>(m.route);
  return {
    id: m.id,
    channel: m.channel_kind,
    platformId: m.platform_id,
    authorHandle: m.author_handle,
    text: m.text,
    receivedAt: m.received_at.toISOString(),
    postId: m.post_id,
    postUrl: m.post_url,
    source: m.source,
    category: m.category,
    checkerCategory: m.checker_category,
    priority: m.priority,
    hide: route.hide,
    preserveEvidence: route.preserveEvidence,
    notify: route.notify,
    pointTo: route.pointTo,
    acknowledgeBy: route.complaint?.acknowledgeBy ?? null,
    reasons: route.reasons,
    findings: json<{ rule: string; reason: string; severity: string }[]>(m.findings),
    notified: json<NotifiedKind[]>(m.notified),
    suggestedReply: m.reply_suggestion,
    hiddenAt: m.hidden_at?.toISOString() ?? null,
    canHide: platformCan(m, "hide"),
    canDelete: platformCan(m, "deleteComment"),
    canBlock: platformCan(m, "block") && !m.author_blocked_at,
    canReport: platformCan(m, "report") && !m.reported_at,
    deletedAt: m.deleted_at?.toISOString() ?? null,
    authorBlockedAt: m.author_blocked_at?.toISOString() ?? null,
    reportedAt: m.reported_at?.toISOString() ?? null,
    evidenceRecords: evidence.get(m.id) ?? 0,
    authorUrl: m.author_url,
    platformUrl: m.platform_url,
  };
}

/** Conversations as the API answers them; with `full`, every comment and its triage. */
export async function conversationViews(db: Db, rows: readonly ConversationRow[], full = false) {
  const comments = await commentsOf(
    db,
    rows.map((r) => r.id),
  );
  const evidence = full
    ? await evidenceCounts(
        db,
        comments.map((m) => m.id),
      )
    : new Map<string, number>();
  const people = await names(
    db,
    rows.map((r) => r.assignee_id),
  );
  return rows.map((c) => {
    const mine = comments.filter((m) => m.conversation_id === c.id);
    const latest = mine[mine.length - 1];
    return {
      id: c.id,
      channel: c.channel_kind,
      authorHandle: c.author_handle,
      postId: c.post_id,
      status: c.status,
      statusLabel: STATUS_LABELS[c.status],
      category: c.category,
      priority: c.priority,
      assignee: c.assignee_id
        ? { id: c.assignee_id, name: people.get(c.assignee_id) ?? "a former user" }
        : null,
      receivedAt: c.received_at.toISOString(),
      lastCommentAt: c.last_comment_at.toISOString(),
      firstReplyAt: c.first_reply_at?.toISOString() ?? null,
      acknowledgeBy: c.acknowledge_by,
      closedAt: c.closed_at?.toISOString() ?? null,
      commentCount: mine.length,
      preview: preview(latest?.text ?? null),
      actions: actionsOf(c, mine),
      ...(full ? { comments: mine.map((m) => commentView(m, evidence)) } : {}),
    };
  });
}

export type ConversationView = Awaited<ReturnType<typeof conversationViews>>[number] & {
  /** On one conversation: the members it may be given to. */
  assignees?: InboxMember[];
  /** On one conversation: its replies, the templates to start one from, and what the viewer may do. */
  replies?: ReplyView[];
  replyTemplates?: TemplateView[];
  suggestedTemplateId?: string | null;
  allowed?: string[];
};

async function inboxMember(ctx: AppContext, practiceId: string, userId: string): Promise<PermissionMember> {
  const member = await actingPostMember(ctx.db, practiceId, userId);
  authorize(member, "view-inbox", { type: "practice" });
  return member;
}

/** The practice's conversations matching `filters` (a member who may see the inbox). */
export async function listConversations(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string } | null,
  filters: ConversationFilters,
): Promise<ConversationView[]> {
  if (actor) await inboxMember(ctx, practiceId, actor.userId);
  return conversationViews(ctx.db, await findConversations(ctx.db, practiceId, filters));
}

/** The inbox page's list: the matching conversations, the counts of the whole inbox, and who may be assigned. */
export async function listInbox(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string },
  filters: ConversationFilters,
): Promise<{
  conversations: ConversationView[];
  counts: Awaited<ReturnType<typeof countConversations>>;
  members: InboxMember[];
}> {
  const conversations = await listConversations(ctx, practiceId, actor, filters);
  return {
    conversations,
    counts: await countConversations(ctx.db, practiceId),
    members: await inboxMembers(ctx.db, practiceId),
  };
}

/** One conversation with its comments and their triage. */
export async function getConversation(
  ctx: AppContext,
  practiceId: string,
  conversationId: string,
  actor: { userId: string },
): Promise<ConversationView> {
  const member = await inboxMember(ctx, practiceId, actor.userId);
  const row = await loadConversation(ctx.db, practiceId, conversationId);
  const [view] = await conversationViews(ctx.db, [row], true);
  const now = ctx.now();
  const templates = await ctx.db.transaction().execute((trx) => templatesOf(trx, practiceId, now, false));
  const details = await replyDetailsOf(ctx.db, practiceId);
  const replyTemplates = templates.map((t) => templateView(t, details, member));
  // The template for the conversation's category whose words the triage suggested, else its first.
  const suggested = view!.comments?.[view!.comments.length - 1]?.suggestedReply;
  const mine = replyTemplates.filter((t) => t.category === row.category);
  const pick = mine.find((t) => t.filled === suggested) ?? mine[0] ?? null;
  return {
    ...view!,
    assignees: await inboxMembers(ctx.db, practiceId),
    replies: await repliesOf(ctx.db, row.id, member, now),
    replyTemplates,
    suggestedTemplateId: pick?.id ?? null,
    allowed: (["write-reply", "manage-inbox"] as const).filter((a) => can(member, a, { type: "practice" })),
  };
}

export interface ConversationChange {
  status?: ConversationStatus | undefined;
  /** A member's id, or null to leave it with nobody. */
  assigneeId?: string | null | undefined;
  priority?: Priority | undefined;
}

/** Sets a conversation's status, assignee or priority; a status that may not follow the current one is a 409. */
export async function changeConversation(
  ctx: AppContext,
  practiceId: string,
  conversationId: string,
  actor: { userId: string },
  change: ConversationChange,
): Promise<ConversationView> {
  const now = ctx.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const member = await actingPostMember(trx, practiceId, actor.userId);
    authorize(member, "manage-inbox", { type: "practice" });
    const c = await loadConversation(trx, practiceId, conversationId, true);
    const patch: Record<string, unknown> = {};
    if (change.status !== undefined && change.status !== c.status) {
      if (!canChangeStatus(c.status, change.status))
        throw new AppError(
          "conflict",
          `A conversation that is "${STATUS_LABELS[c.status]}" cannot become "${STATUS_LABELS[change.status]}".`,
        );
      patch.status = change.status;
      if (change.status === "answered" && !c.first_reply_at) patch.first_reply_at = now;
      patch.closed_at = change.status === "closed" ? now : null;
    }
    if (change.assigneeId !== undefined && change.assigneeId !== c.assignee_id) {
      if (change.assigneeId !== null) {
        if (!isUuid(change.assigneeId)) throw notFound("That member");
        const assignee = await loadPermissionMember(trx, practiceId, change.assigneeId);
        if (!assignee) throw notFound("That member");
        if (!can(assignee, "view-inbox", { type: "practice" }))
          throw new AppError(
            "invalid-input",
            "That person cannot see the inbox (only posters, approvers and practice managers can). Choose someone else.",
            { assigneeId: "This person cannot see the inbox." },
          );
      }
      patch.assignee_id = change.assigneeId;
    }
    if (change.priority !== undefined && change.priority !== c.priority) patch.priority = change.priority;
    if (!Object.keys(patch).length) return c;
    const updated = (await trx
      .updateTable("inbox_conversations")
      .set({ ...patch, updated_at: now })
      .where("id", "=", c.id)
      .returningAll()
      .executeTakeFirstOrThrow()) as ConversationRow;
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: "inbox.conversation-changed",
        targetType: "conversation",
        targetId: c.id,
        details: {
          status: (patch.status as string | undefined) ?? null,
          priority: (patch.priority as string | undefined) ?? null,
          assigned: "assignee_id" in patch ? patch.assignee_id !== null : null,
        },
      },
      now,
    );
    return updated;
  });
  const [view] = await conversationViews(ctx.db, [row], true);
  return { ...view!, assignees: await inboxMembers(ctx.db, practiceId) };
}
