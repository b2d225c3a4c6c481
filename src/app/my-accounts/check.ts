// A member's own check: read it, answer a platform, choose whether the practice manager may see that it is done.
// Answers are never audited and never leave these use cases for anyone but their owner.
import type { z } from "zod";
import { AppError } from "../../core/errors";
import {
  checklistProgress,
  currentAnswers,
  ITEMS,
  keptAnswers,
  type Answers,
  type Checklist,
} from "../../core/my-accounts";
import type { myAccountsResponse, platformAnswersRequest } from "../../contracts/my-accounts";
import { appendAudit } from "../audit/audit-log";
import type { AppContext } from "../context";
import type { Db } from "../../store/database";
import { actingOwner, ownCheck, practiceChecklist, type CheckRow } from "./store";

export type MyAccountsView = z.infer<typeof myAccountsResponse>;
export type PlatformAnswersInput = z.infer<typeof platformAnswersRequest>;

/** When the check counts as completed: stored, and still complete against today's checklist. */
export function completedAt(checklist: Checklist, check: CheckRow): Date | null {
  return check.completedAt && checklistProgress(checklist, check.answers).complete ? check.completedAt : null;
}

function viewOf(checklist: Checklist, policyPublished: boolean, check: CheckRow): MyAccountsView {
  const answers = currentAnswers(checklist, check.answers);
  const progress = checklistProgress(checklist, answers);
  const done = completedAt(checklist, check);
  return {
    items: checklist.items,
    platforms: checklist.platforms.map((p, i) => {
      const a = answers[p.key];
      const pr = progress.platforms[i]!;
      return {
        key: p.key,
        name: p.name,
        addedByPractice: p.addedByPractice,
        uses: a ? a.uses : null,
        state: pr.state,
        answered: pr.answered,
        applicable: pr.applicable,
        items: ITEMS.map((item) => ({
          id: item.id,
          guidance: p.guidance[item.id],
          answer: a?.uses ? (a.items[item.id] ?? null) : null,
        })),
      };
    }),
    complete: progress.complete,
    completedAt: done ? done.toISOString() : null,
    shareCompletion: check.shareCompletion,
    policyPublished,
  };
}

/** Your own check, with how to do each item on each platform. */
export async function readMyAccounts(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string },
): Promise<MyAccountsView> {
  await actingOwner(ctx.db, practiceId, actor.userId, "view-answers");
  const { checklist, policyPublished } = await practiceChecklist(ctx.db, practiceId);
  return viewOf(checklist, policyPublished, await ownCheck(ctx.db, practiceId, actor.userId, ctx.now()));
}

/**
 * Writes the member's row after a change: the answers, the sharing choice, and when it became complete (kept
 * while it stays complete, cleared when it no longer is). Audits only that a shared check was completed.
 */
async function writeCheck(
  trx: Db,
  practiceId: string,
  userId: string,
  checklist: Checklist,
  before: CheckRow,
  after: { answers: Answers; shareCompletion: boolean },
  now: Date,
): Promise<void> {
  const wasDone = completedAt(checklist, before) !== null;
  const complete = checklistProgress(checklist, after.answers).complete;
  const completed_at = complete ? (wasDone ? before.completedAt : now) : null;
  await trx
    .updateTable("my_account_checks")
    .set({
      answers: JSON.stringify(after.answers),
      share_completion: after.shareCompletion,
      completed_at,
      updated_at: now,
    })
    .where("practice_id", "=", practiceId)
    .where("user_id", "=", userId)
    .execute();
  if (complete && !wasDone && after.shareCompletion)
    await appendAudit(
      trx,
      { practiceId, actorId: userId, action: "my-accounts.completed", targetType: "user", targetId: userId },
      now,
    );
}

/** Saves your answers for one platform; answers for items that do not apply there are not kept. */
export async function saveMyAccountsPlatform(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string },
  platformKey: string,
  input: PlatformAnswersInput,
): Promise<MyAccountsView> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await actingOwner(trx, practiceId, actor.userId, "save-answers");
    const { checklist } = await practiceChecklist(trx, practiceId);
    const kept = keptAnswers(checklist, platformKey, input);
    if (!kept)
      throw new AppError(
        "not-found",
        "That platform is not on your practice's check. It may have been removed: reload the page.",
      );
    const before = await ownCheck(trx, practiceId, actor.userId, now, true);
    const answers = { ...currentAnswers(checklist, before.answers), [platformKey]: kept };
    await writeCheck(
      trx,
      practiceId,
      actor.userId,
      checklist,
      before,
      { answers, shareCompletion: before.shareCompletion },
      now,
    );
  });
  return readMyAccounts(ctx, practiceId, actor);
}

/**
 * Whether the practice manager may see that (and when) you completed the check. They never see your answers.
 * Audited as shared or no longer shared.
 */
export async function setMyAccountsSharing(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string },
  share: boolean,
): Promise<MyAccountsView> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await actingOwner(trx, practiceId, actor.userId, "save-answers");
    const { checklist } = await practiceChecklist(trx, practiceId);
    const before = await ownCheck(trx, practiceId, actor.userId, now, true);
    if (before.shareCompletion === share) return;
    const answers = currentAnswers(checklist, before.answers);
    // The completion time stays as it was: sharing it is not completing it again.
    await writeCheck(
      trx,
      practiceId,
      actor.userId,
      checklist,
      before,
      { answers, shareCompletion: share },
      now,
    );
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: share ? "my-accounts.shared" : "my-accounts.sharing-stopped",
        targetType: "user",
        targetId: actor.userId,
      },
      now,
    );
  });
  return readMyAccounts(ctx, practiceId, actor);
}
