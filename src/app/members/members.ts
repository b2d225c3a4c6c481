import { sql } from "kysely";
import { AppError, notFound } from "../../core/errors";
import type { Role } from "../../core/roles";
import type { Db } from "../../store/database";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";
import { authorize, type ActionOf } from "../../core/permissions";
import { grantedNow, grantsAfterChange, loadPermissionMember } from "./role-grants";

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
  deactivatedAt: Date | null;
  joinedAt: Date;
}

function memberQuery(db: Db, practiceId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select([
      "users.id as userId",
      "users.email",
      "users.name",
      "memberships.roles",
      "memberships.role_granted_at",
      "memberships.deactivated_at",
      "memberships.created_at",
    ])
    .where("memberships.practice_id", "=", practiceId);
}

const grants = (r: { role_granted_at: Record<string, string> | string }): Record<string, string> =>
  (typeof r.role_granted_at === "string" ? JSON.parse(r.role_granted_at) : r.role_granted_at) as Record<
    string,
    string
  >;

type Row = Awaited<ReturnType<ReturnType<typeof memberQuery>["executeTakeFirstOrThrow"]>>;
const view = (r: Row): MemberView => ({
  userId: r.userId,
  email: r.email,
  name: r.name,
  roles: r.roles as Role[],
  active: r.deactivated_at === null,
  deactivatedAt: r.deactivated_at,
  joinedAt: r.created_at,
});

/** The staff directory: everyone who is or was a member, active first. */
export async function listMembers(ctx: AppContext, practiceId: string): Promise<MemberView[]> {
  const rows = await memberQuery(ctx.db, practiceId)
    .orderBy(sql`memberships.deactivated_at is not null`)
    .orderBy("users.name")
    .execute();
  return rows.map(view);
}

/** Locks the practice's memberships so two admins changing roles at once cannot remove the last admin. */
async function lockedMembers(trx: Db, practiceId: string) {
  await sql`select 1 from memberships where practice_id = ${practiceId} for update`.execute(trx);
  return memberQuery(trx, practiceId).execute();
}

function assertAdminRemains(rows: Row[], changedUserId: string, nextRoles: Role[] | null): void {
  const admins = rows.filter(
    (r) =>
      r.deactivated_at === null &&
      (r.userId === changedUserId
        ? (nextRoles ?? []).includes("admin")
        : (r.roles as Role[]).includes("admin")),
  );
  if (admins.length === 0)
    throw new AppError(
      "conflict",
      "A practice needs at least one active admin. Make someone else an admin first.",
    );
}

/** The permission model decides whether the acting admin may take `action` on this member. */
async function authorizeOnMember(
  trx: Db,
  practiceId: string,
  actorId: string,
  action: ActionOf<"member">,
  target: Row,
): Promise<void> {
  const actor = await loadPermissionMember(trx, practiceId, actorId);
  if (!actor) throw notFound("That practice");
  authorize(actor, action, { type: "member", userId: target.userId, active: target.deactivated_at === null });
}

/** Replaces a member's roles. A role newly given is dated now (separation of duties reads it). */
export async function changeRoles(
  ctx: AppContext,
  practiceId: string,
  userId: string,
  roles: Role[],
  actorId: string,
): Promise<MemberView> {
  if (roles.length === 0)
    throw new AppError("invalid-input", "Please choose at least one role.", {
      roles: "Choose at least one role.",
    });
  const unique = [...new Set(roles)];
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await lockedMembers(trx, practiceId);
    const target = rows.find((r) => r.userId === userId);
    if (!target) throw notFound("That member");
    await authorizeOnMember(trx, practiceId, actorId, "change-roles", target);
    assertAdminRemains(rows, userId, unique);
    await trx
      .updateTable("memberships")
      .set({ roles: unique, role_granted_at: grantsAfterChange(grants(target), unique, ctx.now()) })
      .where("practice_id", "=", practiceId)
      .where("user_id", "=", userId)
      .execute();
    await appendAudit(
      trx,
      {
        practiceId,
        actorId,
        action: "member.roles-changed",
        targetType: "user",
        targetId: userId,
        details: { from: target.roles as string[], to: unique },
      },
      ctx.now(),
    );
    return view({ ...target, roles: unique });
  });
}

/**
 * A leaver: their access to this practice ends at once. When they belong to no other practice, their
 * account is disabled and every session ends, so sign-in is refused.
 */
export async function deactivateMember(
  ctx: AppContext,
  practiceId: string,
  userId: string,
  actorId: string,
): Promise<MemberView> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await lockedMembers(trx, practiceId);
    const target = rows.find((r) => r.userId === userId);
    if (!target) throw notFound("That member");
    await authorizeOnMember(trx, practiceId, actorId, "deactivate", target);
    assertAdminRemains(rows, userId, null);
    await trx
      .updateTable("memberships")
      .set({ deactivated_at: now })
      .where("practice_id", "=", practiceId)
      .where("user_id", "=", userId)
      .execute();
    const elsewhere = await trx
      .selectFrom("memberships")
      .select("practice_id")
      .where("user_id", "=", userId)
      .where("deactivated_at", "is", null)
      .executeTakeFirst();
    if (!elsewhere) {
      await trx.updateTable("users").set({ disabled_at: now }).where("id", "=", userId).execute();
      await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    }
    await appendAudit(
      trx,
      {
        practiceId,
        actorId,
        action: "member.deactivated",
        targetType: "user",
        targetId: userId,
        details: { accountDisabled: !elsewhere },
      },
      now,
    );
    return view({ ...target, deactivated_at: now });
  });
}

/**
 * Brings a member back (e.g. deactivated by mistake); their account can sign in again. Their roles count
 * from now, as if granted again.
 */
export async function reactivateMember(
  ctx: AppContext,
  practiceId: string,
  userId: string,
  actorId: string,
): Promise<MemberView> {
  return ctx.db.transaction().execute(async (trx) => {
    const target = await memberQuery(trx, practiceId).where("users.id", "=", userId).executeTakeFirst();
    if (!target) throw notFound("That member");
    await authorizeOnMember(trx, practiceId, actorId, "reactivate", target);
    await trx
      .updateTable("memberships")
      .set({ deactivated_at: null, role_granted_at: grantedNow(target.roles, ctx.now()) })
      .where("practice_id", "=", practiceId)
      .where("user_id", "=", userId)
      .execute();
    await trx.updateTable("users").set({ disabled_at: null }).where("id", "=", userId).execute();
    await appendAudit(
      trx,
      { practiceId, actorId, action: "member.reactivated", targetType: "user", targetId: userId },
      ctx.now(),
    );
    return view({ ...target, deactivated_at: null });
  });
}
