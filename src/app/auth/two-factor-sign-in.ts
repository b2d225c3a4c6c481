import { AppError } from "../../core/errors";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";
import {
  completeChallenge,
  factorsOf,
  failChallenge,
  hasAFactor,
  openChallenge,
  type Challenge,
  type SignInOutcome,
} from "./second-factor";
import { checkTotp, startTotpEnrolment, type TotpEnrolment } from "./totp";
import { issueRecoveryCodes, useRecoveryCode } from "./recovery-codes";

/** What the second-step page shows: set one up, or which of the person's factors they may use. */
export async function signInChallengeState(ctx: AppContext, token: string | undefined) {
  const challenge = await openChallenge(ctx, token);
  const f = await factorsOf(ctx.db, challenge.userId);
  return {
    enrol: !hasAFactor(f),
    totp: f.totp,
    passkey: f.passkeys > 0,
    recoveryCodes: f.recoveryCodes > 0,
  };
}

export async function verifyTotpAtSignIn(
  ctx: AppContext,
  token: string | undefined,
  code: string,
): Promise<SignInOutcome> {
  const challenge = await openChallenge(ctx, token);
  if (!(await checkTotp(ctx, ctx.db, challenge.userId, code, true)))
    return failChallenge(ctx, challenge, "totp");
  return { kind: "session", ...(await completeChallenge(ctx, challenge, "totp")) };
}

export async function verifyRecoveryAtSignIn(
  ctx: AppContext,
  token: string | undefined,
  code: string,
): Promise<SignInOutcome> {
  const challenge = await openChallenge(ctx, token);
  const f = await factorsOf(ctx.db, challenge.userId);
  // Recovery codes stand in for a factor the person has; they never replace setting one up.
  if (!hasAFactor(f) || !(await useRecoveryCode(ctx, ctx.db, challenge.userId, code)))
    return failChallenge(ctx, challenge, "recovery-code");
  await appendAudit(
    ctx.db,
    {
      practiceId: null,
      actorId: challenge.userId,
      action: "auth.recovery-code-used",
      details: { left: f.recoveryCodes - 1 },
    },
    ctx.now(),
  );
  return { kind: "session", ...(await completeChallenge(ctx, challenge, "recovery-code")) };
}

/** Setting up at sign-in is only for someone with no factor yet: it must never bypass one they have. */
export async function openEnrolment(ctx: AppContext, token: string | undefined): Promise<Challenge> {
  const challenge = await openChallenge(ctx, token);
  if (hasAFactor(await factorsOf(ctx.db, challenge.userId)))
    throw new AppError(
      "forbidden",
      "Your account already has two-step sign-in. Use your app, passkey or a recovery code.",
    );
  return challenge;
}

export async function startTotpAtSignIn(ctx: AppContext, token: string | undefined): Promise<TotpEnrolment> {
  const challenge = await openEnrolment(ctx, token);
  return startTotpEnrolment(ctx, challenge.userId);
}

/** Confirms the new app with its first code, issues recovery codes and completes the sign-in. */
export async function confirmTotpAtSignIn(
  ctx: AppContext,
  token: string | undefined,
  code: string,
): Promise<{ outcome: SignInOutcome; recoveryCodes: string[] }> {
  const challenge = await openEnrolment(ctx, token);
  if (!(await checkTotp(ctx, ctx.db, challenge.userId, code, false)))
    return failChallenge(ctx, challenge, "enrolled-totp");
  const recoveryCodes = await factorAdded(ctx, challenge.userId, "totp");
  return {
    outcome: { kind: "session", ...(await completeChallenge(ctx, challenge, "enrolled-totp")) },
    recoveryCodes,
  };
}

/**
 * Audits a newly added factor; the first factor a person sets up also gives them ten recovery codes
 * (returned once, to be shown once).
 */
export async function factorAdded(
  ctx: AppContext,
  userId: string,
  factor: "totp" | "passkey",
): Promise<string[]> {
  const f = await factorsOf(ctx.db, userId);
  const first = (factor === "totp" ? f.passkeys === 0 : !f.totp && f.passkeys === 1) || f.recoveryCodes === 0;
  const codes = first ? await issueRecoveryCodes(ctx, ctx.db, userId) : [];
  await appendAudit(
    ctx.db,
    { practiceId: null, actorId: userId, action: "auth.two-factor-added", details: { factor } },
    ctx.now(),
  );
  return codes;
}
