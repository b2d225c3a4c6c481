import type { Updateable } from "kysely";
import { z } from "zod";
import { AppError, notFound } from "../../core/errors";
import { knownIdShape } from "../../core/ids";
import type { PolicyCommentTable } from "../../store/schema";
import { parsePolicyInput } from "./edit-draft";
import { cleanText, findClause } from "../../core/policy";
import { appendAudit } from "../audit/audit-log";
import type { AppContext } from "../context";
import { loadVersion, type PolicyActor } from "./policy-store";
import { requestApproval } from "./team-notices";
import { authorizeBeforeInput, authorizeOnVersion } from "./policy-permissions";

export const commentSchema = z.object({
  clauseKey: z.string().min(1, "Choose the clause you are commenting on.").max(100),
  body: z
    .string()
    .transform((s) => cleanText(s).trim())
    .pipe(z.string().min(1, "Please write your comment.").max(4000, "Keep a comment to 4,000 characters.")),
});

/** A staff member's comment on one clause of a draft. The clause's number and title are kept with it. */
export async function addComment(
  ctx: AppContext,
  practiceId: string,
  versionId: string,
  actor: PolicyActor,
  input: unknown,
): Promise<{ id: string }> {
  const { clauseKey, body } = commentSchema.parse(input);
  return ctx.db.transaction().execute(async (trx) => {
    const v = await loadVersion(trx, practiceId, versionId);
    await authorizeOnVersion(trx, actor, "comment", v);
    const clause = findClause(v.document, clauseKey);
    if (!clause)
      throw new AppError("invalid-input", "That clause is not in this draft.", {
        clauseKey: "Not a clause of this draft.",
      });
    const now = ctx.now();
    const row = await trx
      .insertInto("policy_comments")
      .values({
        practice_id: practiceId,
        version_id: v.id,
        clause_key: clauseKey,
        clause_number: clause.number,
        clause_title: clause.clause.title,
        author_id: actor.userId,
        body,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: "policy.commented",
        targetType: "policy-version",
        targetId: v.id,
        details: { commentId: row.id, clauseKey },
      },
      now,
    );
    return row;
  });
}

export const staffRepSchema = z.object({
  decision: z.enum(["agree", "object"]),
  note: z
    .string()
    .transform((s) => cleanText(s).trim())
    .pipe(z.string().max(4000, "Keep the note to 4,000 characters."))
    .default(""),
});

/** The staff representative agrees with the draft as it stands, or objects (a note is then required). */
export async function recordStaffRepDecision(
  ctx: AppContext,
  practiceId: string,
  versionId: string,
  actor: PolicyActor,
  input: unknown,
): Promise<void> {
  await authorizeBeforeInput(ctx.db, practiceId, versionId, actor, "record-staff-view");
  const { decision, note } = staffRepSchema.parse(input);
  if (decision === "object" && !note)
    throw new AppError("invalid-input", "Please say what staff object to, so it can be resolved.", {
      note: "Required when objecting.",
    });
  await ctx.db.transaction().execute(async (trx) => {
    const v = await loadVersion(trx, practiceId, versionId, true);
    await authorizeOnVersion(trx, actor, "record-staff-view", v);
    const now = ctx.now();
    const row = await trx
      .insertInto("policy_staff_rep_decisions")
      .values({
        practice_id: practiceId,
        version_id: v.id,
        user_id: actor.userId,
        decision,
        note,
        revision: v.revision,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: `policy.staff-rep-${decision === "agree" ? "agreed" : "objected"}`,
        targetType: "policy-version",
        targetId: v.id,
        details: { decisionId: row.id, revision: v.revision },
      },
      now,
    );
    if (decision === "agree") await requestApproval(ctx, trx, practiceId, v.id, v.revision);
  });
}

export const answerCommentSchema = z
  .object({
    reply: z
      .string()
      .transform((s) => cleanText(s).trim())
      .pipe(z.string().max(4000, "Keep the answer to 4,000 characters."))
      .optional(),
    resolved: z.boolean().optional(),
  })
  .refine((a) => a.reply !== undefined || a.resolved !== undefined, {
    message: "Write an answer, or mark the comment resolved.",
    path: ["reply"],
  });

/** The editor answers a comment (an empty answer clears it) and/or marks it resolved or open again. */
export async function answerComment(
  ctx: AppContext,
  practiceId: string,
  versionId: string,
  commentId: string,
  actor: PolicyActor,
  input: unknown,
): Promise<void> {
  await authorizeBeforeInput(ctx.db, practiceId, versionId, actor, "answer-comments");
  const { reply, resolved } = parsePolicyInput(answerCommentSchema, input);
  knownIdShape(commentId, "That comment");
  await ctx.db.transaction().execute(async (trx) => {
    const v = await loadVersion(trx, practiceId, versionId, true);
    await authorizeOnVersion(trx, actor, "answer-comments", v);
    const now = ctx.now();
    const set: Updateable<PolicyCommentTable> = {};
    if (reply !== undefined)
      Object.assign(set, reply ? { reply, replied_by: actor.userId, replied_at: now } : clearedReply);
    if (resolved !== undefined)
      Object.assign(set, resolved ? { resolved_by: actor.userId, resolved_at: now } : reopened);
    const updated = await trx
      .updateTable("policy_comments")
      .set(set)
      .where("id", "=", commentId)
      .where("version_id", "=", v.id)
      .where("practice_id", "=", practiceId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw notFound("That comment");
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: "policy.comment-answered",
        targetType: "policy-version",
        targetId: v.id,
        details: {
          commentId,
          ...(reply !== undefined ? { replied: !!reply } : {}),
          ...(resolved !== undefined ? { resolved } : {}),
        },
      },
      now,
    );
  });
}

const clearedReply = { reply: null, replied_by: null, replied_at: null };
const reopened = { resolved_by: null, resolved_at: null };
