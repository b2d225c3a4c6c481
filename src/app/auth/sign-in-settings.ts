import { notFound } from "../../core/errors";
import type { TwoFactorPolicy } from "../../core/two-factor";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";

export interface SignInSettings {
  twoFactor: TwoFactorPolicy;
}

/** A practice's sign-in rules: who needs two-step sign-in. */
export async function getSignInSettings(ctx: AppContext, practiceId: string): Promise<SignInSettings> {
  const p = await ctx.db
    .selectFrom("practices")
    .select("two_factor")
    .where("id", "=", practiceId)
    .executeTakeFirst();
  if (!p) throw notFound("That practice");
  return { twoFactor: p.two_factor as TwoFactorPolicy };
}

export async function updateSignInSettings(
  ctx: AppContext,
  input: { practiceId: string; actorId: string; twoFactor: "roles" | "everyone" },
): Promise<SignInSettings> {
  return ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("practices")
      .set({ two_factor: input.twoFactor })
      .where("id", "=", input.practiceId)
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) throw notFound("That practice");
    await appendAudit(
      trx,
      {
        practiceId: input.practiceId,
        actorId: input.actorId,
        action: "practice.two-factor-changed",
        targetType: "practice",
        targetId: input.practiceId,
        details: { twoFactor: input.twoFactor },
      },
      ctx.now(),
    );
    return { twoFactor: input.twoFactor };
  });
}
