import { AppError } from "../../core/errors";
import { findClause } from "../../core/policy";
import type { AppContext } from "../context";
import { chainHead } from "../audit/verifications";
import { acknowledgementStatus, type AcknowledgementStatus } from "./acknowledgements";
import { loadPractice, loadPublished, loadVersion, userNames } from "./policy-store";
import { publishedPolicy, type PublishedPolicy } from "./read-policy";
import { evidenceSummary, type EvidenceSummary } from "../oversight/evidence-summary";

export interface EvidenceRecord {
  policy: PublishedPolicy;
  consultation: {
    startedAt: string | null;
    comments: { clause: string; clauseRemoved: boolean; author: string; at: string; body: string }[];
    staffRep: { decision: string; by: string; at: string; note: string; revision: number }[];
  };
  approval: { by: string | null; at: string | null; publishedBy: string | null; publishedAt: string | null };
  acknowledgements: AcknowledgementStatus | null;
  /** The practice's audit chain head when the pack was made: kept on paper, it shows if entries are deleted later. */
  auditHead: { seq: string; hash: string } | null;
  /** The practice-wide sections: incidents (anonymised), breach decisions, acknowledgement rates, posting archive. */
  practice: EvidenceSummary;
  generatedAt: string;
}

/**
 * Everything an inspector asks about one published version (consultation, agreement, approval and who has read
 * it) and about the practice (incidents, breach decisions, acknowledgement rates, posting archive). `viewerId`:
 * the member making the pack, so a case about them stays out of it as it does from their register.
 */
export async function evidenceRecord(
  ctx: AppContext,
  practiceId: string,
  versionId?: string,
  viewerId: string | null = null,
): Promise<EvidenceRecord> {
  const v = versionId
    ? await loadVersion(ctx.db, practiceId, versionId)
    : await loadPublished(ctx.db, practiceId);
  if (!v || !v.published_at) throw new AppError("conflict", "There is no published policy to export yet.");
  const practice = await loadPractice(ctx.db, practiceId);
  const policy = (await publishedPolicy(ctx, practice, { versionId: v.id }))!;
  const comments = await ctx.db
    .selectFrom("policy_comments")
    .selectAll()
    .where("version_id", "=", v.id)
    .orderBy("created_at")
    .execute();
  const decisions = await ctx.db
    .selectFrom("policy_staff_rep_decisions")
    .selectAll()
    .where("version_id", "=", v.id)
    .orderBy("created_at")
    .execute();
  const names = await userNames(ctx.db, [
    v.approved_by,
    v.published_by,
    ...comments.map((c) => c.author_id),
    ...decisions.map((d) => d.user_id),
  ]);
  const name = (id: string | null): string | null => (id ? (names.get(id) ?? "a former user") : null);
  const acks = await acknowledgementStatus(ctx.db, practiceId);
  const head = await chainHead(ctx.db, practiceId);
  return {
    policy,
    auditHead: head ? { seq: head.seq, hash: head.hash } : null,
    consultation: {
      startedAt: v.consultation_started_at?.toISOString() ?? null,
      comments: comments.map((c) => {
        const now = findClause(v.document, c.clause_key);
        return {
          clause: now ? `${now.number} ${now.clause.title}` : `${c.clause_number} ${c.clause_title}`,
          clauseRemoved: !now,
          author: name(c.author_id)!,
          at: c.created_at.toISOString(),
          body: c.body,
        };
      }),
      staffRep: decisions.map((d) => ({
        decision: d.decision,
        by: name(d.user_id)!,
        at: d.created_at.toISOString(),
        note: d.note,
        revision: d.revision,
      })),
    },
    approval: {
      by: name(v.approved_by),
      at: v.approved_at?.toISOString() ?? null,
      publishedBy: name(v.published_by),
      publishedAt: v.published_at.toISOString(),
    },
    // acknowledgements are of the current major version; for an older version they would mislead, so left out
    acknowledgements: acks && acks.version.split(".")[0] === String(v.major) ? acks : null,
    practice: await evidenceSummary(ctx.db, practiceId, ctx.now(), viewerId),
    generatedAt: ctx.now().toISOString(),
  };
}
