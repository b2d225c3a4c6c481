import { AppError } from "../../core/errors";
import { looksLikeEmail, normaliseEmail } from "../../core/email";
import { ROLE_LABELS, type Role } from "../../core/roles";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";
import { randomToken, sha256 } from "../tokens";
import { onUniqueViolation } from "../../store/unique-violation";

export const INVITE_TTL_MS = 7 * 86_400_000;

const ALREADY_INVITED = new AppError(
  "conflict",
  "That person already has an invitation waiting. Revoke it first to send a new one.",
  { email: "Already invited." },
);

export interface InviteInput {
  practiceId: string;
  invitedBy: string;
  email: string;
  name: string;
  roles: Role[];
}

/**
 * Invites someone to the practice by email: a single-use link that expires after 7 days. Only the addressee
 * sees the link, by mail. Without a mail server (the demo, a trial) nobody can receive it, so the inviting
 * admin gets it back (`link`) to pass on by hand, but only for a person with no safepost account yet: the
 * link creates that account in the admin's own practice and opens nothing else. Someone who already has an
 * account accepts by signing in as themselves, so their invitation needs no secret in anyone else's hands.
 */
export async function inviteMember(ctx: AppContext, input: InviteInput) {
  const email = normaliseEmail(input.email);
  if (!looksLikeEmail(email))
    throw new AppError("invalid-input", "Please enter a valid email address.", {
      email: "Not a valid email address.",
    });
  const name = input.name.trim();
  if (!name) throw new AppError("invalid-input", "Please enter the person's name.", { name: "Required." });
  if (input.roles.length === 0)
    throw new AppError("invalid-input", "Please choose at least one role.", {
      roles: "Choose at least one role.",
    });
  const member = await ctx.db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["memberships.deactivated_at"])
    .where("memberships.practice_id", "=", input.practiceId)
    .where("users.email", "=", email)
    .executeTakeFirst();
  if (member && !member.deactivated_at)
    throw new AppError("conflict", "That person is already a member of this practice.", {
      email: "Already a member.",
    });
  const now = ctx.now();
  const pending = await ctx.db
    .selectFrom("invites")
    .select("id")
    .where("practice_id", "=", input.practiceId)
    .where("email", "=", email)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  if (pending) throw ALREADY_INVITED;
  const practice = await ctx.db
    .selectFrom("practices")
    .select(["name"])
    .where("id", "=", input.practiceId)
    .executeTakeFirstOrThrow();
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  const hasAccount = await ctx.db
    .selectFrom("users")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirst();
  const link = `${ctx.baseUrl}/invite?token=${token}`;
  const invite = await ctx.db.transaction().execute(async (trx) => {
    // An expired invitation still counts as live for the one-live-invitation index: withdraw it first.
    await trx
      .updateTable("invites")
      .set({ revoked_at: now })
      .where("practice_id", "=", input.practiceId)
      .where("email", "=", email)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .where("expires_at", "<=", now)
      .execute();
    const row = await onUniqueViolation(
      trx
        .insertInto("invites")
        .values({
          practice_id: input.practiceId,
          email,
          name,
          roles: input.roles,
          token_hash: sha256(token),
          invited_by: input.invitedBy,
          expires_at: expiresAt,
        })
        .returning(["id", "email", "name", "roles", "expires_at"])
        .executeTakeFirstOrThrow(),
      ALREADY_INVITED,
    );
    await appendAudit(
      trx,
      {
        practiceId: input.practiceId,
        actorId: input.invitedBy,
        action: "member.invited",
        targetType: "invite",
        targetId: row.id,
        details: { roles: input.roles },
      },
      now,
    );
    // Queued in the same transaction: an invitation that is rolled back mails nobody.
    await ctx.mailer.send(
      {
        practiceId: input.practiceId,
        to: email,
        confidential: `An invitation link was sent to ${email}.`,
        subject: `You're invited to join ${practice.name} on safepost`,
        text: [
          `Hello ${name},`,
          "",
          `${practice.name} uses safepost for its social media policy and safe posting. You have been invited as:`,
          ...input.roles.map((r) => `  - ${ROLE_LABELS[r]}`),
          "",
          hasAccount
            ? "You already have a safepost account: sign in with it, then open this link within 7 days (it works once):"
            : "Accept the invitation within 7 days (the link works once):",
          link,
        ].join("\n"),
      },
      trx,
    );
    return row;
  });
  return {
    id: invite.id,
    email: invite.email,
    name: invite.name,
    roles: invite.roles as Role[],
    expiresAt: invite.expires_at,
    ...(!ctx.mailer.delivers && !hasAccount ? { link } : {}),
  };
}
