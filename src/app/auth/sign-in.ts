import { AppError } from "../../core/errors";
import { normaliseEmail } from "../../core/email";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";
import { verifyPassword } from "./passwords";
import { afterFirstStep, type SignInOutcome } from "./second-factor";

export const ATTEMPT_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

const WRONG = "That email address and password do not match. Please check them and try again.";

/**
 * Signs a person in. Failed attempts are counted in the database (not in memory), per account and per
 * network address, so the limit holds across every app instance; past it the answer is 429 whatever the password.
 */
export async function signIn(
  ctx: AppContext,
  input: { email: string; password: string; address: string },
): Promise<SignInOutcome> {
  const email = normaliseEmail(input.email);
  const since = new Date(ctx.now().getTime() - ATTEMPT_WINDOW_MS);
  const failures = async (column: "email" | "address", value: string): Promise<number> => {
    const row = await ctx.db
      .selectFrom("login_attempts")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where(column, "=", value)
      .where("succeeded", "=", false)
      .where("at", ">", since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  if (
    (await failures("email", email)) >= MAX_FAILURES_PER_ACCOUNT ||
    (await failures("address", input.address)) >= MAX_FAILURES_PER_ADDRESS
  ) {
    throw new AppError(
      "too-many-requests",
      "Too many attempts to sign in. Please wait 15 minutes, or reset your password.",
    );
  }
  const user = await ctx.db
    .selectFrom("users")
    .select(["id", "password_hash", "disabled_at"])
    .where("email", "=", email)
    .executeTakeFirst();
  const ok = user ? await verifyPassword(user.password_hash, input.password) : false;
  await ctx.db
    .insertInto("login_attempts")
    .values({ email, address: input.address, succeeded: ok && !user?.disabled_at, at: ctx.now() })
    .execute();
  if (!user || !ok) {
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
  // A session now, or first a second factor (src/app/auth/second-factor.ts).
  return afterFirstStep(ctx, user.id, "password");
}
