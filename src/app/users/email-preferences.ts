// Whether a person gets the emails that are not essential. Essential ones are always sent.
import type { AppContext } from "../context";

export interface EmailPreferences {
  optionalEmails: boolean;
}

export async function loadEmailPreferences(ctx: AppContext, userId: string): Promise<EmailPreferences> {
  const row = await ctx.db
    .selectFrom("users")
    .select("optional_emails")
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return { optionalEmails: row.optional_emails };
}

export async function saveEmailPreferences(
  ctx: AppContext,
  userId: string,
  input: EmailPreferences,
): Promise<EmailPreferences> {
  const row = await ctx.db
    .updateTable("users")
    .set({ optional_emails: input.optionalEmails })
    .where("id", "=", userId)
    .returning("optional_emails")
    .executeTakeFirstOrThrow();
  return { optionalEmails: row.optional_emails };
}
