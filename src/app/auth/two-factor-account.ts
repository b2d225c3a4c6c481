import { AppError } from "../../core/errors";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";
import { factorsOf, secondFactorRequired } from "./second-factor";
import { checkTotp, removeTotp, startTotpEnrolment, type TotpEnrolment } from "./totp";
import { issueRecoveryCodes } from "./recovery-codes";
import { factorAdded } from "./two-factor-sign-in";

/** A signed-in person's own two-step sign-in: whether it is required, and what they have set up. */
export async function accountTwoFactor(ctx: AppContext, userId: string) {
  const f = await factorsOf(ctx.db, userId);
  const passkeys = await ctx.db
    .selectFrom("passkeys")
    .select(["id", "name", "created_at", "last_used_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
  return {
    required: await secondFactorRequired(ctx.db, userId),
    totp: f.totp,
    recoveryCodesLeft: f.recoveryCodes,
    passkeys: passkeys.map((p) => ({
      id: p.id,
      name: p.name,
      createdAt: p.created_at.toISOString(),
      lastUsedAt: p.last_used_at ? p.last_used_at.toISOString() : null,
    })),
  };
}

export async function startAccountTotp(ctx: AppContext, userId: string): Promise<TotpEnrolment> {
  return startTotpEnrolment(ctx, userId);
}

export async function confirmAccountTotp(
  ctx: AppContext,
  userId: string,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  if (!(await checkTotp(ctx, ctx.db, userId, code, false)))
    throw new AppError(
      "invalid-input",
      "That code is not right. Enter the 6-digit code your app shows now.",
      {
        code: "Enter the 6-digit code your app shows now.",
      },
    );
  return { recoveryCodes: await factorAdded(ctx, userId, "totp") };
}

/** Refuses to remove the last factor of someone who must have one. */
export async function assertCanRemoveFactor(
  ctx: AppContext,
  userId: string,
  remaining: number,
): Promise<void> {
  if (remaining === 0 && (await secondFactorRequired(ctx.db, userId)))
    throw new AppError(
      "forbidden",
      "Your role needs two-step sign-in, so you cannot remove your only way of doing it. Add another first.",
    );
}

export async function removeAccountTotp(ctx: AppContext, userId: string): Promise<void> {
  const f = await factorsOf(ctx.db, userId);
  if (f.totp) await assertCanRemoveFactor(ctx, userId, f.passkeys);
  if (!(await removeTotp(ctx.db, userId))) return;
  if (f.passkeys === 0) await ctx.db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await appendAudit(
    ctx.db,
    { practiceId: null, actorId: userId, action: "auth.two-factor-removed", details: { factor: "totp" } },
    ctx.now(),
  );
}

export async function newRecoveryCodes(
  ctx: AppContext,
  userId: string,
): Promise<{ recoveryCodes: string[] }> {
  const f = await factorsOf(ctx.db, userId);
  if (!f.totp && f.passkeys === 0)
    throw new AppError(
      "conflict",
      "Set up an authenticator app or a passkey first; recovery codes come with it.",
    );
  const recoveryCodes = await issueRecoveryCodes(ctx, ctx.db, userId);
  await appendAudit(
    ctx.db,
    { practiceId: null, actorId: userId, action: "auth.recovery-codes-renewed" },
    ctx.now(),
  );
  return { recoveryCodes };
}
