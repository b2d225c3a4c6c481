// What a concern may carry besides the reporter's words: the inbox comment it was raised from (this practice's
// only, else 404) and the checker's findings on that comment or on a post of the reporter's own, kept as codes
// (rule, reason, severity, clause). The text the checker reads is never stored here.
import { check, type PracticeProfile } from "../../core/checker";
import { knownIdShape } from "../../core/ids";
import { notFound } from "../../core/errors";
import type { Db } from "../../store/database";

export type ConcernFinding = { rule: string; reason: string; severity: string; clause: string | null };
type LinkedComment = {
  id: string;
  text: string | null;
  findings: { rule: string; reason: string; severity: string }[];
};

/** The practice's inbox comment a concern is about, or 404. */
export async function linkedComment(db: Db, practiceId: string, commentId: string): Promise<LinkedComment> {
  knownIdShape(commentId, "That comment");
  const row = await db
    .selectFrom("inbox_comments")
    .select(["id", "text", "findings"])
    .where("id", "=", commentId)
    .where("practice_id", "=", practiceId)
    .executeTakeFirst();
  if (!row) throw notFound("That comment");
  return row;
}

/**
 * The checker's findings, without the text: on the linked comment (as the checker reads it now, or, once its text
 * has been purged, the codes kept when it arrived), else on the reporter's own post given as `checkText`.
 */
export function concernFindings(
  profile: PracticeProfile,
  comment: LinkedComment | null,
  checkText: string | null | undefined,
): ConcernFinding[] | null {
  const text = comment ? comment.text : (checkText?.trim() ?? null);
  if (comment && !text) return comment.findings.map((f) => ({ ...f, clause: null }));
  if (!text) return null;
  const result = check({ text, context: comment ? "comment" : "personal" }, profile);
  const seen = new Set<string>();
  const out: ConcernFinding[] = [];
  for (const f of result.findings) {
    const key = `${f.rule}:${f.reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ rule: f.rule, reason: f.reason, severity: f.severity, clause: f.clause || null });
  }
  return out;
}
