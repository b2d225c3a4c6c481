import { AppError, notFound } from "../../core/errors";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";
import { endAllSessions } from "./sessions";

/**
 * An admin clears a member's two-step sign-in (a lost phone and lost codes): their app, passkeys and
 * recovery codes go, their sessions end, and a required person sets it up again at their next sign-in.
 * Only when every practice the person belongs to is one this admin manages: an admin of one practice must
 * never be able to weaken the account of another practice's admin. Nor one's own (that needs another admin).
 */
export async function resetMemberTwoFactor(
  ctx: AppContext,
  input: { practiceId: string; actorId: string; userId: string },
): Promise<void> {
  if (input.userId === input.actorId)
    throw new AppError("forbidden", "Another practice manager must reset your own two-step sign-in.");
  const theirs = await ctx.db
    .selectFrom("memberships")
    .select(["practice_id"])
    .where("user_id", "=", input.userId)
    .where("deactivated_at", "is", null)
    .execute();
  if (!theirs.some((m) => m.practice_id === input.practiceId)) throw notFound("That person");
  const mine = await ctx.db
    .selectFrom("memberships")
    .select(["practice_id", "roles"])
    .where("user_id", "=", input.actorId)
    .where("deactivated_at", "is", null)
    .execute();
  const managed = new Set(mine.filter((m) => m.roles.includes("admin")).map((m) => m.practice_id));
  if (!theirs.every((m) => managed.has(m.practice_id)))
    throw new AppError(
      "forbidden",
      "This person also belongs to another practice, so only safepost's installer can reset their two-step sign-in.",
    );
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("totp_factors").where("user_id", "=", input.userId).execute();
    await trx.deleteFrom("passkeys").where("user_id", "=", input.userId).execute();
    await trx.deleteFrom("recovery_codes").where("user_id", "=", input.userId).execute();
    await trx.deleteFrom("sign_in_challenges").where("user_id", "=", input.userId).execute();
    await appendAudit(
      trx,
      {
        practiceId: input.practiceId,
        actorId: input.actorId,
        action: "auth.two-factor-reset",
        targetType: "user",
        targetId: input.userId,
      },
      ctx.now(),
    );
  });
  await endAllSessions(ctx, input.userId);
}
