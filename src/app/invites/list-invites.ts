import { notFound } from "../../core/errors";
import type { Role } from "../../core/roles";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";

/** Invitations still waiting to be accepted. */
export async function listPendingInvites(ctx: AppContext, practiceId: string) {
  const rows = await ctx.db
    .selectFrom("invites")
    .select(["id", "email", "name", "roles", "expires_at", "created_at"])
    .where("practice_id", "=", practiceId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", ctx.now())
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    roles: r.roles as Role[],
    expiresAt: r.expires_at,
    createdAt: r.created_at,
  }));
}

/** Withdraws an invitation so its link stops working. */
export async function revokeInvite(
  ctx: AppContext,
  practiceId: string,
  inviteId: string,
  actorId: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("invites")
      .set({ revoked_at: ctx.now() })
      .where("id", "=", inviteId)
      .where("practice_id", "=", practiceId)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw notFound("That invitation");
    await appendAudit(
      trx,
      { practiceId, actorId, action: "member.invite-revoked", targetType: "invite", targetId: inviteId },
      ctx.now(),
    );
  });
}
