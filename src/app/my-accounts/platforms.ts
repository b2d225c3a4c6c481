// The platforms on the practice's check: the seven everyone checks, and those the practice manager adds (with
// generic guidance) or removes. Removing one drops every member's answers for it.
import type { z } from "zod";
import { AppError, notFound } from "../../core/errors";
import { authorize } from "../../core/permissions";
import { checklistProgress, currentAnswers, platformKeyOf, SEED_PLATFORMS } from "../../core/my-accounts";
import type { addPlatformRequest, myAccountsPlatformListResponse } from "../../contracts/my-accounts";
import { appendAudit } from "../audit/audit-log";
import type { AppContext } from "../context";
import { loadPermissionMember } from "../members/role-grants";
import type { Db } from "../../store/database";
import { addedPlatforms, asCheck, practiceChecklist } from "./store";

export type PlatformList = z.infer<typeof myAccountsPlatformListResponse>;
export type AddPlatformInput = z.infer<typeof addPlatformRequest>;

/** At most this many added platforms: the check is read a platform at a time, not a directory. */
export const MAX_ADDED_PLATFORMS = 20;

async function actingAdmin(db: Db, practiceId: string, userId: string): Promise<void> {
  const m = await loadPermissionMember(db, practiceId, userId);
  if (!m) throw notFound("That practice");
  authorize(m, "manage-my-accounts-platforms", { type: "practice" });
}

/** Every platform on the practice's check, the practice's own last. */
export async function listMyAccountsPlatforms(ctx: AppContext, practiceId: string): Promise<PlatformList> {
  const added = await addedPlatforms(ctx.db, practiceId);
  return {
    platforms: [
      ...SEED_PLATFORMS.map((p) => ({ key: p.key, name: p.name, addedByPractice: false, addedAt: null })),
      ...added.map((p) => ({
        key: p.key,
        name: p.name,
        addedByPractice: true,
        addedAt: p.created_at.toISOString(),
      })),
    ],
  };
}

/** Adds a platform (an admin): its key comes from its name; a name already on the list is refused. */
export async function addMyAccountsPlatform(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string },
  input: AddPlatformInput,
): Promise<PlatformList> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await actingAdmin(trx, practiceId, actor.userId);
    const key = platformKeyOf(input.name);
    if (!key)
      throw new AppError("invalid-input", "Give the platform's name in letters or numbers.", {
        name: "Give the platform's name in letters or numbers",
      });
    // Serialise additions per practice so the limit and the duplicate check hold under concurrent presses.
    await trx.selectFrom("practices").select("id").where("id", "=", practiceId).forUpdate().execute();
    const added = await addedPlatforms(trx, practiceId);
    const taken = [...SEED_PLATFORMS, ...added].find(
      (p) => p.key === key || p.name.toLowerCase() === input.name.toLowerCase(),
    );
    if (taken)
      throw new AppError("conflict", `${taken.name} is already on the check.`, {
        name: `${taken.name} is already on the check`,
      });
    if (added.length >= MAX_ADDED_PLATFORMS)
      throw new AppError(
        "conflict",
        `The check can have at most ${MAX_ADDED_PLATFORMS} added platforms. Remove one first.`,
      );
    await trx
      .insertInto("my_account_platforms")
      .values({ practice_id: practiceId, key, name: input.name, added_by: actor.userId, created_at: now })
      .execute();
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: "my-accounts.platform-added",
        targetType: "platform",
        targetId: key,
      },
      now,
    );
  });
  return listMyAccountsPlatforms(ctx, practiceId);
}

/**
 * Removes a platform the practice added (an admin); the seven seed platforms stay. Members' answers for it go
 * with it, and a check that it alone kept incomplete is completed now.
 */
export async function removeMyAccountsPlatform(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string },
  key: string,
): Promise<PlatformList> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await actingAdmin(trx, practiceId, actor.userId);
    if (SEED_PLATFORMS.some((p) => p.key === key))
      throw new AppError(
        "conflict",
        "The seven standard platforms stay on the check; only those the practice added can be removed.",
      );
    const gone = await trx
      .deleteFrom("my_account_platforms")
      .where("practice_id", "=", practiceId)
      .where("key", "=", key)
      .returning("key")
      .executeTakeFirst();
    if (!gone) throw notFound("That platform");
    const { checklist } = await practiceChecklist(trx, practiceId);
    const rows = await trx
      .selectFrom("my_account_checks")
      .select(["user_id", "answers", "share_completion", "completed_at"])
      .where("practice_id", "=", practiceId)
      .forUpdate()
      .execute();
    for (const r of rows) {
      const check = asCheck(r);
      const answers = currentAnswers(checklist, check.answers);
      const complete = checklistProgress(checklist, answers).complete;
      await trx
        .updateTable("my_account_checks")
        .set({ answers: JSON.stringify(answers), completed_at: complete ? (check.completedAt ?? now) : null })
        .where("practice_id", "=", practiceId)
        .where("user_id", "=", r.user_id)
        .execute();
    }
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: "my-accounts.platform-removed",
        targetType: "platform",
        targetId: key,
      },
      now,
    );
  });
  return listMyAccountsPlatforms(ctx, practiceId);
}
