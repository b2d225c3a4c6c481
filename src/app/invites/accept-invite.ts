import { AppError } from "../../core/errors";
import type { Role } from "../../core/roles";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";
import { assertPasswordAcceptable, hashPassword } from "../auth/passwords";
import { endAllSessions } from "../auth/sessions";
import { afterFirstStep, type SignInOutcome } from "../auth/second-factor";
import { grantedNow } from "../members/role-grants";
import { sha256 } from "../tokens";
import { onUniqueViolation } from "../../store/unique-violation";

async function findUsableInvite(ctx: AppContext, token: string) {
  const invite = await ctx.db
    .selectFrom("invites")
    .innerJoin("practices", "practices.id", "invites.practice_id")
    .select([
      "invites.id",
      "invites.practice_id",
      "invites.email",
      "invites.name",
      "invites.roles",
      "invites.expires_at",
      "invites.accepted_at",
      "invites.revoked_at",
      "practices.name as practice_name",
    ])
    .where("invites.token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!invite)
    throw new AppError(
      "not-found",
      "That invitation link is not valid. Please ask your practice manager for a new one.",
    );
  if (invite.accepted_at)
    throw new AppError("gone", "That invitation has already been accepted. Please sign in instead.");
  if (invite.revoked_at)
    throw new AppError(
      "gone",
      "That invitation was withdrawn. Please ask your practice manager for a new one.",
    );
  if (invite.expires_at.getTime() <= ctx.now().getTime())
    throw new AppError(
      "gone",
      "That invitation has expired. Please ask your practice manager for a new one.",
    );
  return invite;
}

/**
 * What the invitation page shows before the person accepts. It never says whether the email already has
 * an account elsewhere in the installation: only whether the person asking is signed in as the invitee.
 */
export async function lookupInvite(ctx: AppContext, token: string, signedInUserId: string | null) {
  const invite = await findUsableInvite(ctx, token);
  const me = signedInUserId ? await userEmail(ctx, signedInUserId) : null;
  return {
    practiceName: invite.practice_name,
    email: invite.email,
    name: invite.name,
    roles: invite.roles as Role[],
    signedInAsInvitee: me === invite.email,
    expiresAt: invite.expires_at,
  };
}

async function userEmail(ctx: AppContext, userId: string): Promise<string | null> {
  const row = await ctx.db.selectFrom("users").select("email").where("id", "=", userId).executeTakeFirst();
  return row?.email ?? null;
}

const SIGN_IN_FIRST = (email: string) =>
  new AppError(
    "not-signed-in",
    `${email} already has a safepost account. Please sign in with it, then open the invitation link again.`,
  );

/**
 * Accepts an invitation. A new person sets their name and password. Someone who already has an account
 * (another practice in the PCN) accepts only while signed in as that account: an invitation form never
 * checks an existing password, so it cannot be used to guess one. Either way they end up signed in.
 */
export async function acceptInvite(
  ctx: AppContext,
  input: {
    token: string;
    name?: string | undefined;
    password?: string | undefined;
    signedInUserId: string | null;
  },
): Promise<SignInOutcome | { userId: string }> {
  const invite = await findUsableInvite(ctx, input.token);
  const existing = await ctx.db
    .selectFrom("users")
    .select(["id", "disabled_at"])
    .where("email", "=", invite.email)
    .executeTakeFirst();
  // A leaver's account (deactivated everywhere) cannot sign in; like a new person, they choose a password.
  // Only the addressee ever holds the link, and the account has no active membership for it to open.
  const dormant = existing?.disabled_at ? existing : null;
  const active = dormant ? null : existing;
  if (active && active.id !== input.signedInUserId) throw SIGN_IN_FIRST(invite.email);
  if (!active && input.signedInUserId)
    throw new AppError(
      "forbidden",
      `This invitation is for ${invite.email}. Please sign out first, then open the link again.`,
    );
  let newHash: string | null = null;
  if (!active) {
    if (!input.password)
      throw new AppError("invalid-input", "Please choose a password.", { password: "Choose a password." });
    assertPasswordAcceptable(input.password);
    newHash = await hashPassword(input.password);
  }
  const now = ctx.now();
  const userId = await ctx.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable("invites")
      .set({ accepted_at: now })
      .where("id", "=", invite.id)
      .where("accepted_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1)
      throw new AppError("gone", "That invitation has already been accepted. Please sign in instead.");
    let id: string;
    if (active) {
      id = active.id;
    } else if (dormant) {
      id = dormant.id;
      await trx
        .updateTable("users")
        .set({ disabled_at: null, password_hash: newHash })
        .where("id", "=", id)
        .execute();
    } else {
      const name = input.name?.trim() || invite.name;
      // Two practices' invitations accepted at the same moment would both create the account.
      id = (
        await onUniqueViolation(
          trx
            .insertInto("users")
            .values({ email: invite.email, name, password_hash: newHash })
            .returning("id")
            .executeTakeFirstOrThrow(),
          SIGN_IN_FIRST(invite.email),
        )
      ).id;
    }
    await trx
      .insertInto("memberships")
      .values({
        practice_id: invite.practice_id,
        user_id: id,
        roles: invite.roles,
        role_granted_at: grantedNow(invite.roles, now),
      })
      .onConflict((oc) =>
        oc.columns(["practice_id", "user_id"]).doUpdateSet({
          roles: invite.roles,
          role_granted_at: grantedNow(invite.roles, now),
          deactivated_at: null,
        }),
      )
      .execute();
    await appendAudit(
      trx,
      {
        practiceId: invite.practice_id,
        actorId: id,
        action: "member.joined",
        targetType: "invite",
        targetId: invite.id,
        details: { roles: invite.roles, account: active ? "existing" : dormant ? "reactivated" : "new" },
      },
      now,
    );
    return id;
  });
  // Someone already signed in keeps their session; a new person gets one.
  if (active) return { userId };
  if (dormant) await endAllSessions(ctx, userId);
  // A role that needs two-step sign-in sets it up before the first session (src/app/auth/second-factor.ts).
  return afterFirstStep(ctx, userId, "password");
}
