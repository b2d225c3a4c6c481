// Storing and reading the inbox: a comment goes into the open conversation with the same person on the same
// channel (and post), or starts one; a platform id already stored for this practice and channel is stored once,
// also when two instances import or poll at once (INSERT … ON CONFLICT DO NOTHING). Reading one practice's
// conversation with another practice's id is a 404.
import { sql, type Selectable } from "kysely";
import { notFound } from "../../core/errors";
import { isUuid, knownIdShape } from "../../core/ids";
import {
  PRIORITIES,
  type ChannelKind,
  type ConversationStatus,
  type InboxCategory,
  type Priority,
  type Route,
} from "../../core/inbox";
import type { Db } from "../../store/database";
import type { InboxCommentTable, InboxConversationTable } from "../../store/schema";

export type ConversationRow = Omit<Selectable<InboxConversationTable>, "status" | "category" | "priority"> & {
  status: ConversationStatus;
  category: InboxCategory;
  priority: Priority;
};
export type CommentRow = Selectable<InboxCommentTable>;

/** The stored route: everything routeComment decided except the reply text, kept in its own column. */
export type StoredRoute = Omit<Route, "reply" | "category" | "checkerCategory" | "priority">;

/** Who was told at once when a comment arrived. */
export type NotifiedKind = "safeguarding-lead" | "admin" | "posters";

/** A comment to store, already triaged. */
export interface NewComment {
  practiceId: string;
  channel: ChannelKind;
  channelId: string | null;
  platformId: string | null;
  postId: string | null;
  postUrl: string | null;
  authorHandle: string;
  text: string;
  receivedAt: Date;
  source: "paste" | "import" | "poll" | "webhook";
  route: Route;
  /** The checker's findings as codes only. */
  findings: { rule: string; reason: string; severity: string }[];
  createdBy: string | null;
  /** For a comment from the platform (poll, webhook): its record, addresses and the post's platform id. */
  platform?: PlatformExtras | undefined;
}

export interface PlatformExtras {
  raw: Record<string, unknown>;
  authorUrl: string | null;
  url: string | null;
  postPlatformId: string | null;
}

const rank = (p: string): number => PRIORITIES.indexOf(p as Priority);

/** Reads a JSON column that PGlite or pg may hand back as text. */
export const json = <T>(v: unknown): T => (typeof v === "string" ? JSON.parse(v) : v) as T;

/** The route as stored: no text of the comment, and the reply apart. */
export function storedRoute(route: Route): StoredRoute {
  return {
    hide: route.hide,
    preserveEvidence: route.preserveEvidence,
    notify: route.notify,
    pointTo: route.pointTo,
    complaint: route.complaint,
    reasons: route.reasons,
  };
}

/**
 * Stores one comment in the caller's transaction. Returns null when the platform id was already stored (the
 * comment is then not stored again and nobody is told twice).
 */
export async function insertComment(
  trx: Db,
  c: NewComment,
  now: Date,
): Promise<{ comment: CommentRow; conversation: ConversationRow; newConversation: boolean } | null> {
  let thread = trx
    .selectFrom("inbox_conversations")
    .selectAll()
    .where("practice_id", "=", c.practiceId)
    .where("channel_kind", "=", c.channel)
    .where("author_handle", "=", c.authorHandle)
    .where("status", "!=", "closed");
  thread = c.postId ? thread.where("post_id", "=", c.postId) : thread.where("post_id", "is", null);
  const open = (await thread.orderBy("last_comment_at", "desc").limit(1).forUpdate().executeTakeFirst()) as
    ConversationRow | undefined;
  const conversation =
    open ??
    ((await trx
      .insertInto("inbox_conversations")
      .values({
        practice_id: c.practiceId,
        channel_kind: c.channel,
        channel_id: c.channelId,
        post_id: c.postId,
        author_handle: c.authorHandle,
        status: "new",
        category: c.route.category,
        priority: c.route.priority,
        received_at: c.receivedAt,
        last_comment_at: c.receivedAt,
        acknowledge_by: c.route.complaint?.acknowledgeBy ?? null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()) as ConversationRow);
  const comment = await trx
    .insertInto("inbox_comments")
    .values({
      practice_id: c.practiceId,
      conversation_id: conversation.id,
      channel_kind: c.channel,
      channel_id: c.channelId,
      platform_id: c.platformId,
      post_id: c.postId,
      post_url: c.postUrl,
      author_handle: c.authorHandle,
      text: c.text,
      received_at: c.receivedAt,
      source: c.source,
      category: c.route.category,
      checker_category: c.route.checkerCategory,
      priority: c.route.priority,
      route: JSON.stringify(storedRoute(c.route)),
      findings: JSON.stringify(c.findings),
      reply_suggestion: c.route.reply,
      created_by: c.createdBy,
      created_at: now,
      platform_raw: c.platform ? JSON.stringify(c.platform.raw) : null,
      author_url: c.platform?.authorUrl ?? null,
      platform_url: c.platform?.url ?? null,
      platform_post_id: c.platform?.postPlatformId ?? null,
    })
    .onConflict((oc) =>
      oc
        .columns(["practice_id", "channel_kind", "platform_id"])
        .where("platform_id", "is not", null)
        .doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  if (!comment) {
    if (!open) await trx.deleteFrom("inbox_conversations").where("id", "=", conversation.id).execute();
    return null;
  }
  if (open) {
    // A more pressing comment raises the conversation; a reply after an answer reopens it.
    const raise = rank(c.route.priority) < rank(open.priority);
    const patch = {
      last_comment_at: c.receivedAt > open.last_comment_at ? c.receivedAt : open.last_comment_at,
      updated_at: now,
      ...(raise ? { priority: c.route.priority, category: c.route.category } : {}),
      ...(open.status === "answered" ? { status: "new" } : {}),
      ...(c.route.complaint && !open.acknowledge_by
        ? { acknowledge_by: c.route.complaint.acknowledgeBy }
        : {}),
    };
    const updated = (await trx
      .updateTable("inbox_conversations")
      .set(patch)
      .where("id", "=", open.id)
      .returningAll()
      .executeTakeFirstOrThrow()) as ConversationRow;
    return { comment, conversation: updated, newConversation: false };
  }
  return { comment, conversation, newConversation: true };
}

/** Records who was told at once about a comment. */
export async function markNotified(trx: Db, commentIds: string[], kinds: NotifiedKind[]): Promise<void> {
  if (!commentIds.length || !kinds.length) return;
  await trx
    .updateTable("inbox_comments")
    .set({ notified: JSON.stringify(kinds) })
    .where("id", "in", commentIds)
    .execute();
}

/** One conversation of this practice, or 404 (also for another practice's id). */
export async function loadConversation(
  db: Db,
  practiceId: string,
  conversationId: string,
  forUpdate = false,
): Promise<ConversationRow> {
  knownIdShape(conversationId, "That conversation");
  let q = db
    .selectFrom("inbox_conversations")
    .selectAll()
    .where("id", "=", conversationId)
    .where("practice_id", "=", practiceId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound("That conversation");
  return row as ConversationRow;
}

export interface ConversationFilters {
  channel?: ChannelKind | undefined;
  category?: InboxCategory | undefined;
  status?: ConversationStatus | undefined;
  /** A member's id, or "none" for conversations nobody has taken. */
  assignee?: string | undefined;
}

/** The most conversations one list answers. */
export const CONVERSATION_LIST_LIMIT = 500;

/** The practice's conversations matching `filters`: most pressing first, then the latest. */
export async function findConversations(
  db: Db,
  practiceId: string,
  filters: ConversationFilters,
): Promise<ConversationRow[]> {
  let q = db.selectFrom("inbox_conversations").selectAll().where("practice_id", "=", practiceId);
  if (filters.channel) q = q.where("channel_kind", "=", filters.channel);
  if (filters.category) q = q.where("category", "=", filters.category);
  if (filters.status) q = q.where("status", "=", filters.status);
  if (filters.assignee === "none") q = q.where("assignee_id", "is", null);
  else if (filters.assignee !== undefined) {
    if (!isUuid(filters.assignee)) return [];
    q = q.where("assignee_id", "=", filters.assignee);
  }
  const rows = await q
    .orderBy(sql`case status when 'closed' then 1 else 0 end`)
    .orderBy(sql`case priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`)
    .orderBy("last_comment_at", "desc")
    .orderBy("id")
    .limit(CONVERSATION_LIST_LIMIT)
    .execute();
  return rows as ConversationRow[];
}

/** How many of the practice's conversations are in each status, and how many open ones in each category. */
export async function countConversations(
  db: Db,
  practiceId: string,
): Promise<{ byStatus: Record<string, number>; openByCategory: Record<string, number> }> {
  const rows = await db
    .selectFrom("inbox_conversations")
    .select(["status", "category", (eb) => eb.fn.countAll<string>().as("n")])
    .where("practice_id", "=", practiceId)
    .groupBy(["status", "category"])
    .execute();
  const byStatus: Record<string, number> = {};
  const openByCategory: Record<string, number> = {};
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + Number(r.n);
    if (r.status !== "answered" && r.status !== "closed")
      openByCategory[r.category] = (openByCategory[r.category] ?? 0) + Number(r.n);
  }
  return { byStatus, openByCategory };
}

/** The comments of some conversations, oldest first. */
export async function commentsOf(db: Db, conversationIds: string[]): Promise<CommentRow[]> {
  if (!conversationIds.length) return [];
  return db
    .selectFrom("inbox_comments")
    .selectAll()
    .where("conversation_id", "in", conversationIds)
    .orderBy("received_at")
    .orderBy("created_at")
    .execute();
}

/** The published post whose delivery answers at `url` on this practice's channels, or null. */
export async function postByUrl(
  db: Db,
  practiceId: string,
  url: string,
): Promise<{ postId: string; channelId: string; kind: string } | null> {
  const bare = url.replace(/\/+$/, "");
  const row = await db
    .selectFrom("deliveries as d")
    .innerJoin("channels as c", "c.id", "d.channel_id")
    .select(["d.post_id", "d.channel_id", "c.kind"])
    .where("d.practice_id", "=", practiceId)
    .where("d.url", "in", [bare, `${bare}/`])
    .where("d.state", "=", "published")
    .executeTakeFirst();
  return row ? { postId: row.post_id, channelId: row.channel_id, kind: row.kind } : null;
}

/** The published post whose delivery on this channel has this platform id, or null. */
export async function postByPlatformId(
  db: Db,
  channelId: string,
  platformId: string,
): Promise<{ postId: string; channelId: string; kind: string; url: string | null } | null> {
  const row = await db
    .selectFrom("deliveries as d")
    .innerJoin("channels as c", "c.id", "d.channel_id")
    .select(["d.post_id", "d.channel_id", "c.kind", "d.url"])
    .where("d.channel_id", "=", channelId)
    .where("d.platform_id", "=", platformId)
    .executeTakeFirst();
  return row ? { postId: row.post_id, channelId: row.channel_id, kind: row.kind, url: row.url } : null;
}
