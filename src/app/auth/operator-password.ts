import { randomBytes } from "node:crypto";
import { AppError } from "../../core/errors";
import { normaliseEmail } from "../../core/email";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";
import { assertPasswordAcceptable, hashPassword } from "./passwords";
import { setNewPassword } from "./password-reset";
import { endAllSessions } from "./sessions";

/**
 * The operator (who runs safepost and so holds its database) sets a person's password from the command
 * line: the way back in for an admin locked out of an install without a mail server. Without a password
 * given, a strong one is made and returned to be printed. Ends the account's sessions and reset links, and
 * lifts its sign-in throttle.
 */
export async function setPasswordAsOperator(
  ctx: AppContext,
  rawEmail: string,
  password?: string,
): Promise<{ email: string; password: string; generated: boolean; disabled: boolean }> {
  const email = normaliseEmail(rawEmail);
  const user = await ctx.db
    .selectFrom("users")
    .select(["id", "email", "disabled_at"])
    .where("email", "=", email)
    .executeTakeFirst();
  if (!user) throw new AppError("not-found", `There is no account with the email address ${email}.`);
  const chosen = password ?? randomBytes(15).toString("base64url");
  assertPasswordAcceptable(chosen);
  const hash = await hashPassword(chosen);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await setNewPassword(trx, user, hash, { address: "command line", now });
    await appendAudit(
      trx,
      {
        practiceId: null,
        actorId: null,
        action: "auth.password-set-by-cli",
        targetType: "user",
        targetId: user.id,
      },
      now,
    );
  });
  await endAllSessions(ctx, user.id);
  return { email, password: chosen, generated: password === undefined, disabled: Boolean(user.disabled_at) };
}
