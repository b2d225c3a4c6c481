import { z } from "zod";
import { calendarDay } from "../../core/dates";
import { AppError } from "../../core/errors";
import { defaultReviewDue, isoDay, asksForAcknowledgement } from "../../core/policy";
import type { Db } from "../../store/database";
import { appendAudit } from "../audit/audit-log";
import type { AppContext } from "../context";
import {
  loadPublished,
  loadVersion,
  recordVersionStep,
  type PolicyActor,
  type PolicyVersionRow,
} from "./policy-store";
import { requestAcknowledgements } from "./reminders";
import { changelogSchema } from "./drafts";
import { parsePolicyInput } from "./edit-draft";
import { authorizeBeforeInput, authorizeOnPolicy, authorizeOnVersion } from "./policy-permissions";

/**
 * An approver approves the draft: one whose role predates the consultation, not its last editor, and with the
 * staff representative's agreement (the permission model decides).
 */
export async function approveVersion(
  ctx: AppContext,
  practiceId: string,
  versionId: string,
  actor: PolicyActor,
): Promise<PolicyVersionRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const v = await loadVersion(trx, practiceId, versionId, true);
    await authorizeOnVersion(trx, actor, "approve", v);
    const now = ctx.now();
    return recordVersionStep(trx, practiceId, v.id, actor, now, {
      set: { status: "approved", approved_by: actor.userId, approved_at: now },
      action: "policy.approved",
      details: { revision: v.revision },
    });
  });
}

const day = calendarDay("2027-11-21");
export const publishSchema = z.object({
  reviewDue: day.optional(),
  /** The change note, when the publisher writes or corrects it as they publish. */
  changelog: changelogSchema.optional(),
});

/** A major version (after the first) tells staff what changed, since it asks them to read the policy again. */
function checkChangeNote(v: PolicyVersionRow, changelog: string, hasPrevious: boolean): void {
  if (v.change_kind === "major" && hasPrevious && !changelog.trim())
    throw new AppError(
      "invalid-input",
      "Write a change note before publishing a major version: staff are asked to read the policy again, and the note tells them what changed.",
      { changelog: "Say what changed in this version." },
    );
}

/** Publishes an approved version: the previous one is superseded, acknowledgements and review reminders are scheduled. */
export async function publishVersion(
  ctx: AppContext,
  practiceId: string,
  versionId: string,
  actor: PolicyActor,
  input: unknown = {},
): Promise<PolicyVersionRow> {
  await authorizeBeforeInput(ctx.db, practiceId, versionId, actor, "publish");
  const { reviewDue, changelog } = parsePolicyInput(publishSchema, input);
  const now = ctx.now();
  if (reviewDue && reviewDue <= isoDay(now))
    throw new AppError("invalid-input", "The review date must be in the future.", {
      reviewDue: "Must be after today.",
    });
  return ctx.db.transaction().execute(async (trx) => {
    const v = await loadVersion(trx, practiceId, versionId, true);
    await authorizeOnVersion(trx, actor, "publish", v);
    const note = changelog ?? v.changelog;
    checkChangeNote(v, note, !!(await loadPublished(trx, practiceId)));
    if (changelog !== undefined && changelog !== v.changelog)
      await trx.updateTable("policy_versions").set({ changelog }).where("id", "=", v.id).execute();
    await publishRow(trx, ctx, { ...v, changelog: note }, actor, reviewDue ?? defaultReviewDue(now));
    return loadVersion(trx, practiceId, v.id);
  });
}

/** The shared end of publishing (also used to publish the demo practice's template). Runs inside a transaction. */
export async function publishRow(
  trx: Db,
  ctx: AppContext,
  v: PolicyVersionRow,
  actor: PolicyActor | null,
  reviewDue: string,
): Promise<void> {
  const now = ctx.now();
  const previous = await loadPublished(trx, v.practice_id);
  if (previous)
    await trx
      .updateTable("policy_versions")
      .set({ status: "superseded", superseded_at: now })
      .where("id", "=", previous.id)
      .execute();
  await trx
    .updateTable("policy_versions")
    .set({
      status: "published",
      published_at: now,
      published_by: actor?.userId ?? null,
      review_due: reviewDue,
    })
    .where("id", "=", v.id)
    .execute();
  const asks = asksForAcknowledgement(v.change_kind) || !previous || previous.major !== v.major;
  if (asks) await requestAcknowledgements(ctx, trx, v.practice_id, v.major);
  await appendAudit(
    trx,
    {
      practiceId: v.practice_id,
      actorId: actor?.userId ?? null,
      action: "policy.published",
      targetType: "policy-version",
      targetId: v.id,
      details: {
        version: `${v.major}.${v.minor}`,
        changeKind: v.change_kind,
        supersedes: previous?.id ?? null,
        asksForAcknowledgement: asks,
      },
    },
    now,
  );
}

/** Moves the published version's review date (the daily reminders read the new date). */
export async function setReviewDate(
  ctx: AppContext,
  practiceId: string,
  actor: PolicyActor,
  input: unknown,
): Promise<PolicyVersionRow> {
  await authorizeOnPolicy(ctx.db, practiceId, actor, "set-review-date");
  const { reviewDue } = z.object({ reviewDue: day }).parse(input);
  const now = ctx.now();
  if (reviewDue <= isoDay(now))
    throw new AppError("invalid-input", "The review date must be in the future.", {
      reviewDue: "Must be after today.",
    });
  return ctx.db.transaction().execute(async (trx) => {
    await authorizeOnPolicy(trx, practiceId, actor, "set-review-date");
    const v = await loadPublished(trx, practiceId);
    if (!v) throw new AppError("conflict", "There is no published policy yet.");
    await trx.updateTable("policy_versions").set({ review_due: reviewDue }).where("id", "=", v.id).execute();
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: "policy.review-date-set",
        targetType: "policy-version",
        targetId: v.id,
        details: { reviewDue },
      },
      now,
    );
    return loadVersion(trx, practiceId, v.id);
  });
}
