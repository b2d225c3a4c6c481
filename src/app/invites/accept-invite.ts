import { AppError } from "../../core/errors";
import type { Role } from "../../core/roles";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";
import { assertPasswordAcceptable, hashPassword, verifyPassword } from "../auth/passwords";
import { createSession } from "../auth/sessions";
import { grantedNow } from "../members/role-grants";
import { sha256 } from "../tokens";

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

/** What the invitation page shows before the person accepts. */
export async function lookupInvite(ctx: AppContext, token: string) {
  const invite = await findUsableInvite(ctx, token);
  const existing = await ctx.db
    .selectFrom("users")
    .select("id")
    .where("email", "=", invite.email)
    .executeTakeFirst();
  return {
    practiceName: invite.practice_name,
    email: invite.email,
    name: invite.name,
    roles: invite.roles as Role[],
    existingAccount: Boolean(existing),
    expiresAt: invite.expires_at,
  };
}

/**
 * Accepts an invitation: a new person sets their name and password; someone who already has an account
 * (another practice in the PCN) proves it with their password. Either way they are signed in.
 */
export async function acceptInvite(
  ctx: AppContext,
  input: { token: string; name?: string | undefined; password: string },
) {
  const invite = await findUsableInvite(ctx, input.token);
  const existing = await ctx.db
    .selectFrom("users")
    .select(["id", "password_hash", "disabled_at"])
    .where("email", "=", invite.email)
    .executeTakeFirst();
  let newHash: string | null = null;
  if (existing) {
    if (!(await verifyPassword(existing.password_hash, input.password)))
      throw new AppError("not-signed-in", "That password does not match your existing account.", {
        password: "Wrong password for this account.",
      });
  } else {
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
    if (existing) {
      id = existing.id;
      await trx.updateTable("users").set({ disabled_at: null }).where("id", "=", id).execute();
    } else {
      const name = input.name?.trim() || invite.name;
      id = (
        await trx
          .insertInto("users")
          .values({ email: invite.email, name, password_hash: newHash })
          .returning("id")
          .executeTakeFirstOrThrow()
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
        details: { roles: invite.roles },
      },
      now,
    );
    return id;
  });
  const session = await createSession(ctx, userId);
  return { ...session, userId };
}
