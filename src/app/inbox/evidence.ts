// Evidence records (issue 10, part 5): before a comment is hidden, shown again or deleted, a record of it as the
// practice saw it: the platform's raw record, a rendered copy, the author's handle and profile address, the
// times, who acted and why, and a SHA-256 of all of it. Records are never changed (the store has no update or
// delete, and a trigger refuses both); each carries the previous record's hash in the practice's evidence
// chain, and its own hash goes into the audit entry of the action, which never holds the comment's words.
import { createHash } from "node:crypto";
import { sql, type Selectable } from "kysely";
import { notFound } from "../../core/errors";
import { knownIdShape } from "../../core/ids";
import { authorize } from "../../core/permissions";
import type { EvidenceAction } from "../../core/inbox";
import type { Db } from "../../store/database";
import type { InboxEvidenceTable } from "../../store/schema";
import { canonicalJson } from "../audit/canonical-json";
import type { AppContext } from "../context";
import { actingPostMember } from "../posts/permissions";
import { json } from "./inbox-store";

export type EvidenceRow = Selectable<InboxEvidenceTable>;
export const EVIDENCE_GENESIS = "0".repeat(64);
/** The advisory-lock class for evidence chains (the audit log uses its own). */
const LOCK_CLASS = 69766964;

export interface NewEvidence {
  practiceId: string;
  commentId: string;
  conversationId: string;
  action: EvidenceAction;
  reason: string;
  note: string;
  actorId: string | null;
  actorName: string;
  channelKind: string;
  platformId: string | null;
  platformRaw: Record<string, unknown> | null;
  rendered: string;
  authorHandle: string;
  authorUrl: string | null;
  commentUrl: string | null;
  receivedAt: Date;
}

type Hashed = Omit<EvidenceRow, "id" | "hash">;

/** The SHA-256 of a record: every field but its id and its own hash, in canonical JSON, times as ISO. */
export function evidenceHash(r: Hashed): string {
  const fields = {
    practice_id: r.practice_id,
    seq: r.seq,
    comment_id: r.comment_id,
    conversation_id: r.conversation_id,
    action: r.action,
    reason: r.reason,
    note: r.note,
    actor_id: r.actor_id,
    actor_name: r.actor_name,
    channel_kind: r.channel_kind,
    platform_id: r.platform_id,
    platform_raw: r.platform_raw === null ? null : json<unknown>(r.platform_raw),
    rendered: r.rendered,
    author_handle: r.author_handle,
    author_url: r.author_url,
    comment_url: r.comment_url,
    received_at: new Date(r.received_at).toISOString(),
    recorded_at: new Date(r.recorded_at).toISOString(),
    prev_hash: r.prev_hash,
  };
  return createHash("sha256").update(canonicalJson(fields)).digest("hex");
}

/** Appends a record to the practice's evidence chain in the caller's transaction (one writer per chain at a time). */
export async function appendEvidence(trx: Db, e: NewEvidence, now: Date): Promise<EvidenceRow> {
  await sql`select pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(${e.practiceId}))`.execute(trx);
  const head = await trx
    .selectFrom("inbox_evidence")
    .select(["seq", "hash"])
    .where("practice_id", "=", e.practiceId)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  const row: Hashed = {
    practice_id: e.practiceId,
    seq: (head?.seq ?? 0) + 1,
    comment_id: e.commentId,
    conversation_id: e.conversationId,
    action: e.action,
    reason: e.reason,
    note: e.note,
    actor_id: e.actorId,
    actor_name: e.actorName,
    channel_kind: e.channelKind,
    platform_id: e.platformId,
    platform_raw: e.platformRaw,
    rendered: e.rendered,
    author_handle: e.authorHandle,
    author_url: e.authorUrl,
    comment_url: e.commentUrl,
    received_at: e.receivedAt,
    recorded_at: now,
    prev_hash: head?.hash ?? EVIDENCE_GENESIS,
  };
  const hash = evidenceHash(row);
  return trx
    .insertInto("inbox_evidence")
    .values({
      ...row,
      platform_raw: row.platform_raw === null ? null : JSON.stringify(row.platform_raw),
      hash,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Whether every record of the practice hashes to what it says and carries the one before's hash. */
export async function verifyEvidenceChain(
  db: Db,
  practiceId: string,
): Promise<{ ok: boolean; records: number; brokenAt: number | null }> {
  const rows = await db
    .selectFrom("inbox_evidence")
    .selectAll()
    .where("practice_id", "=", practiceId)
    .orderBy("seq")
    .execute();
  let prev = EVIDENCE_GENESIS;
  for (const [i, r] of rows.entries()) {
    if (r.seq !== i + 1 || r.prev_hash !== prev || evidenceHash(r) !== r.hash)
      return { ok: false, records: rows.length, brokenAt: r.seq };
    prev = r.hash;
  }
  return { ok: true, records: rows.length, brokenAt: null };
}

export interface EvidenceBundle {
  practice: { id: string; name: string };
  comment: { id: string; conversationId: string };
  records: EvidenceRow[];
  chain: { ok: boolean; records: number; brokenAt: number | null };
}

/**
 * The evidence records of one comment, with the practice's chain checked, for the PDF bundle. A member who may
 * see the inbox; another practice's comment is a 404, and so is a comment with no evidence record.
 */
export async function commentEvidence(
  ctx: AppContext,
  practiceId: string,
  commentId: string,
  actor: { userId: string } | null,
): Promise<EvidenceBundle> {
  if (actor) {
    const member = await actingPostMember(ctx.db, practiceId, actor.userId);
    authorize(member, "view-inbox", { type: "practice" });
  }
  knownIdShape(commentId, "That comment");
  const comment = await ctx.db
    .selectFrom("inbox_comments")
    .select(["id", "conversation_id"])
    .where("id", "=", commentId)
    .where("practice_id", "=", practiceId)
    .executeTakeFirst();
  if (!comment) throw notFound("That comment");
  const records = await ctx.db
    .selectFrom("inbox_evidence")
    .selectAll()
    .where("practice_id", "=", practiceId)
    .where("comment_id", "=", commentId)
    .orderBy("seq")
    .execute();
  if (!records.length) throw notFound("An evidence record for that comment");
  const practice = await ctx.db
    .selectFrom("practices")
    .select(["id", "name"])
    .where("id", "=", practiceId)
    .executeTakeFirstOrThrow();
  return {
    practice,
    comment: { id: comment.id, conversationId: comment.conversation_id },
    records,
    chain: await verifyEvidenceChain(ctx.db, practiceId),
  };
}
