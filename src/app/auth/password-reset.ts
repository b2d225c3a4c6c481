import { AppError } from "../../core/errors";
import { normaliseEmail } from "../../core/email";
import type { AppContext } from "../context";
import type { Db } from "../../store/database";
import { appendAudit } from "../audit/audit-log";
import { assertPasswordAcceptable, hashPassword } from "./passwords";
import { endAllSessions } from "./sessions";
import { liftThrottle } from "./throttle";
import { randomToken, sha256 } from "../tokens";

export const RESET_TTL_MS = 60 * 60_000;

/** Ends every reset link of an account that is still open (it then answers "expired or already used"). */
async function endLinks(trx: Db, userId: string, now: Date): Promise<void> {
  await trx
    .updateTable("password_resets")
    .set({ used_at: now })
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .execute();
}

/**
 * Asks for a reset link: answers at once and leaves the work (and the mail) to the `auth.password-reset`
 * job. Known and unknown emails cost the same here (one lookup, one job), so neither the answer nor its
 * timing says whether the address has an account.
 */
export async function requestPasswordReset(ctx: AppContext, rawEmail: string): Promise<void> {
  const email = normaliseEmail(rawEmail);
  const user = await ctx.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  await ctx.jobs.enqueue(ctx.db, "auth.password-reset", { userId: user?.id ?? null });
}

/**
 * The job: emails a single-use reset link valid for an hour, and ends every older link of the account.
 * Nothing for an unknown or deactivated account.
 */
export async function sendPasswordReset(ctx: AppContext, userId: string | null): Promise<void> {
  if (!userId) return;
  const user = await ctx.db
    .selectFrom("users")
    .select(["id", "name", "email", "disabled_at"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user || user.disabled_at) return;
  const token = randomToken();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await endLinks(trx, user.id, now);
    await trx
      .insertInto("password_resets")
      .values({
        token_hash: sha256(token),
        user_id: user.id,
        expires_at: new Date(now.getTime() + RESET_TTL_MS),
      })
      .execute();
    await ctx.mailer.send(
      {
        to: user.email,
        confidential: `A password reset link was sent to ${user.email}.`,
        subject: "Reset your safepost password",
        text: [
          `Hello ${user.name},`,
          "",
          "Someone (we hope you) asked to reset your safepost password. Choose a new one here within the next hour:",
          `${ctx.baseUrl}/reset-password?token=${token}`,
          "",
          "If it was not you, ignore this email: your password has not changed.",
        ].join("\n"),
      },
      trx,
    );
    await appendAudit(
      trx,
      { practiceId: null, actorId: user.id, action: "auth.password-reset-requested" },
      now,
    );
  });
}

/**
 * Gives an account a new password (in `trx`): ends every reset link of it and lifts the sign-in throttle on
 * it. The caller ends the account's sessions after the transaction.
 */
export async function setNewPassword(
  trx: Db,
  user: { id: string; email: string },
  hash: string,
  proof: { address: string; now: Date },
): Promise<void> {
  await trx.updateTable("users").set({ password_hash: hash }).where("id", "=", user.id).execute();
  await endLinks(trx, user.id, proof.now);
  await liftThrottle(trx, { email: user.email, address: proof.address }, proof.now);
}

/**
 * Sets a new password from a reset link; the link works once, and every session of the account ends. A
 * deactivated account's links do not work. Proving who you are this way lifts the sign-in throttle, so a
 * stranger's wrong guesses can never keep you out.
 */
export async function resetPassword(
  ctx: AppContext,
  token: string,
  password: string,
  address = "unknown",
): Promise<void> {
  assertPasswordAcceptable(password);
  const row = await ctx.db
    .selectFrom("password_resets")
    .innerJoin("users", "users.id", "password_resets.user_id")
    .select([
      "password_resets.token_hash",
      "password_resets.user_id",
      "password_resets.expires_at",
      "password_resets.used_at",
      "users.email",
      "users.disabled_at",
    ])
    .where("password_resets.token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!row) throw new AppError("not-found", "That reset link is not valid. Please ask for a new one.");
  if (row.used_at || row.expires_at.getTime() <= ctx.now().getTime())
    throw new AppError(
      "gone",
      "That reset link has expired or has already been used. Please ask for a new one.",
    );
  if (row.disabled_at)
    throw new AppError(
      "gone",
      "This account has been deactivated, so its reset link no longer works. Please speak to your practice manager.",
    );
  const hash = await hashPassword(password);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable("password_resets")
      .set({ used_at: now })
      .where("token_hash", "=", row.token_hash)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1)
      throw new AppError("gone", "That reset link has already been used. Please ask for a new one.");
    await setNewPassword(trx, { id: row.user_id, email: row.email }, hash, { address, now });
    await appendAudit(trx, { practiceId: null, actorId: row.user_id, action: "auth.password-reset" }, now);
  });
  await endAllSessions(ctx, row.user_id);
}
