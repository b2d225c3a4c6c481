import { allowedActions, type ActionOf } from "../../core/permissions";
import type { Role } from "../../core/roles";
import type { AppContext } from "../context";
import { toPermissionMember } from "../members/role-grants";

export interface SessionPayload {
  user: { id: string; email: string; name: string };
  csrfToken: string;
  /** Each practice with the member's roles and `allowed`, the practice actions they may take (the menus follow it). */
  practices: { id: string; slug: string; name: string; roles: Role[]; allowed: ActionOf<"practice">[] }[];
}

/** What the web app needs after sign-in: who you are, your CSRF token, your practices and roles. */
export async function sessionPayload(
  ctx: AppContext,
  userId: string,
  csrfToken: string,
): Promise<SessionPayload> {
  const user = await ctx.db
    .selectFrom("users")
    .select(["id", "email", "name"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  const practices = await ctx.db
    .selectFrom("memberships")
    .innerJoin("practices", "practices.id", "memberships.practice_id")
    .select([
      "practices.id",
      "practices.slug",
      "practices.name",
      "memberships.user_id",
      "memberships.roles",
      "memberships.role_granted_at",
      "memberships.created_at",
    ])
    .where("memberships.user_id", "=", userId)
    .where("memberships.deactivated_at", "is", null)
    .orderBy("practices.name")
    .execute();
  return {
    user,
    csrfToken,
    practices: practices.map((p) => ({
      id: p.id,
      slug: p.slug,
      name: p.name,
      roles: p.roles as Role[],
      allowed: allowedActions(toPermissionMember(p), { type: "practice" }),
    })),
  };
}
