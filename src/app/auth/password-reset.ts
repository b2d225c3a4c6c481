import { AppError } from "../../core/errors";
import { normaliseEmail } from "../../core/email";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";
import { assertPasswordAcceptable, hashPassword } from "./passwords";
import { endAllSessions } from "./sessions";
import { randomToken, sha256 } from "../tokens";

export const RESET_TTL_MS = 60 * 60_000;

/** Emails a single-use reset link valid for an hour. Says nothing about whether the address has an account. */
export async function requestPasswordReset(ctx: AppContext, rawEmail: string): Promise<void> {
  const email = normaliseEmail(rawEmail);
  const user = await ctx.db
    .selectFrom("users")
    .select(["id", "name", "disabled_at"])
    .where("email", "=", email)
    .executeTakeFirst();
  if (!user || user.disabled_at) return;
  const token = randomToken();
  await ctx.db
    .insertInto("password_resets")
    .values({
      token_hash: sha256(token),
      user_id: user.id,
      expires_at: new Date(ctx.now().getTime() + RESET_TTL_MS),
    })
    .execute();
  await ctx.mailer.send({
    to: email,
    confidential: `A password reset link was sent to ${email}.`,
    subject: "Reset your safepost password",
    text: [
      `Hello ${user.name},`,
      "",
      "Someone (we hope you) asked to reset your safepost password. Choose a new one here within the next hour:",
      `${ctx.baseUrl}/reset-password?token=${token}`,
      "",
      "If it was not you, ignore this email: your password has not changed.",
    ].join("\n"),
  });
  await appendAudit(
    ctx.db,
    { practiceId: null, actorId: user.id, action: "auth.password-reset-requested" },
    ctx.now(),
  );
}

/** Sets a new password from a reset link; the link works once, and every session of the account ends. */
export async function resetPassword(ctx: AppContext, token: string, password: string): Promise<void> {
  assertPasswordAcceptable(password);
  const row = await ctx.db
    .selectFrom("password_resets")
    .selectAll()
    .where("token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!row) throw new AppError("not-found", "That reset link is not valid. Please ask for a new one.");
  if (row.used_at || row.expires_at.getTime() <= ctx.now().getTime())
    throw new AppError(
      "gone",
      "That reset link has expired or has already been used. Please ask for a new one.",
    );
  const hash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable("password_resets")
      .set({ used_at: ctx.now() })
      .where("token_hash", "=", row.token_hash)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1)
      throw new AppError("gone", "That reset link has already been used. Please ask for a new one.");
    await trx.updateTable("users").set({ password_hash: hash }).where("id", "=", row.user_id).execute();
    await appendAudit(
      trx,
      { practiceId: null, actorId: row.user_id, action: "auth.password-reset" },
      ctx.now(),
    );
  });
  await endAllSessions(ctx, row.user_id);
}
