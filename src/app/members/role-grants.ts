import type { PermissionMember } from "../../core/permissions";
import { isRole, type Role } from "../../core/roles";
import type { Db } from "../../store/database";

/** The role_granted_at value for roles all granted at `at`, as the column takes it. */
export const grantedNow = (roles: readonly string[], at: Date): string =>
  JSON.stringify(Object.fromEntries(roles.map((r) => [r, at.toISOString()])));

/** After a role change: roles kept keep their grant time, new roles are granted at `at`, removed ones go. */
export function grantsAfterChange(
  previous: Record<string, string>,
  next: readonly string[],
  at: Date,
): string {
  return JSON.stringify(Object.fromEntries(next.map((r) => [r, previous[r] ?? at.toISOString()])));
}

interface MembershipRow {
  user_id: string;
  roles: string[];
  role_granted_at: Record<string, string> | string;
  created_at: Date;
}

/** A membership row as the permission model reads it; a role without a recorded time dates from the membership. */
export function toPermissionMember(row: MembershipRow): PermissionMember {
  const grants = (
    typeof row.role_granted_at === "string" ? JSON.parse(row.role_granted_at) : row.role_granted_at
  ) as Record<string, string>;
  const roles = row.roles.filter(isRole);
  const grantedAt: Partial<Record<Role, Date>> = {};
  for (const r of roles) grantedAt[r] = grants[r] ? new Date(grants[r]) : row.created_at;
  return { userId: row.user_id, roles, grantedAt };
}

/** The active member `userId` of the practice, for the permission model, or null when they are not one. */
export async function loadPermissionMember(
  db: Db,
  practiceId: string,
  userId: string,
): Promise<PermissionMember | null> {
  const row = await db
    .selectFrom("memberships")
    .select(["user_id", "roles", "role_granted_at", "created_at"])
    .where("practice_id", "=", practiceId)
    .where("user_id", "=", userId)
    .where("deactivated_at", "is", null)
    .executeTakeFirst();
  return row ? toPermissionMember(row) : null;
}
