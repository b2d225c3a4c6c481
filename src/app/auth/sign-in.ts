import { AppError } from "../../core/errors";
import { normaliseEmail } from "../../core/email";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";
import { dummyHash, verifyPassword } from "./passwords";
import { describeWait, recordAttempt, recordSuccess } from "./throttle";
import { afterFirstStep, type SignInOutcome } from "./second-factor";

const WRONG = "That email address and password do not match. Please check them and try again.";

/**
 * Signs a person in. Every attempt is recorded in the database (so the limits hold across every app
 * instance) and throttled by account and address with growing waits (see throttle.ts) before the password
 * is checked; past the limit the answer is 429 whatever the password. An unknown email costs the same
 * password check as a known one, so the answer's timing does not tell whether an account exists.
 */
export async function signIn(
  ctx: AppContext,
  input: { email: string; password: string; address: string },
): Promise<SignInOutcome> {
  const email = normaliseEmail(input.email);
  const verdict = await recordAttempt(ctx.db, { email, address: input.address }, ctx.now());
  if (!verdict.allowed) {
    await appendAudit(
      ctx.db,
      { practiceId: null, actorId: null, action: "auth.sign-in-throttled" },
      ctx.now(),
    );
    throw new AppError(
      "too-many-requests",
      `Too many attempts to sign in. Please wait ${describeWait(verdict.retryAfterMs)} and try again, or reset your password.`,
    );
  }
  const user = await ctx.db
    .selectFrom("users")
    .select(["id", "password_hash", "disabled_at"])
    .where("email", "=", email)
    .executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), input.password);
  if (!user?.password_hash || !ok) {
    await appendAudit(
      ctx.db,
      {
        practiceId: null,
        actorId: user?.id ?? null,
        action: "auth.sign-in-failed",
        details: { reason: user ? "wrong-password" : "unknown-account" },
      },
      ctx.now(),
    );
    throw new AppError("not-signed-in", WRONG);
  }
  if (user.disabled_at) {
    await appendAudit(
      ctx.db,
      {
        practiceId: null,
        actorId: user.id,
        action: "auth.sign-in-refused",
        details: { reason: "deactivated" },
      },
      ctx.now(),
    );
    throw new AppError(
      "forbidden",
      "This account has been deactivated. Please speak to your practice manager.",
    );
  }
  await recordSuccess(ctx.db, verdict.attemptId);
  // A session now, or first a second factor (src/app/auth/second-factor.ts).
  return afterFirstStep(ctx, user.id, "password");
}
