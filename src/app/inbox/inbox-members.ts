// The members a conversation may be given to: those the permission model lets see the inbox, by name. The page's
// assignee choices and filter come from here, so the browser never works out who may see the inbox.
import { can } from "../../core/permissions";
import type { Db } from "../../store/database";
import { toPermissionMember } from "../members/role-grants";

export interface InboxMember {
  id: string;
  name: string;
}

/** The practice's active members who may see the inbox, by name. */
export async function inboxMembers(db: Db, practiceId: string): Promise<InboxMember[]> {
  const rows = await db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.user_id", "m.roles", "m.role_granted_at", "m.created_at", "u.name"])
    .where("m.practice_id", "=", practiceId)
    .where("m.deactivated_at", "is", null)
    .orderBy("u.name")
    .execute();
  return rows
    .filter((r) => can(toPermissionMember(r), "view-inbox", { type: "practice" }))
    .map((r) => ({ id: r.user_id, name: r.name }));
}
