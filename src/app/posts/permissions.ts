import { notFound } from "../../core/errors";
import type { PermissionMember } from "../../core/permissions";
import type { Db } from "../../store/database";
import { loadPermissionMember } from "../members/role-grants";

/** The acting person as an active member of the practice (404 when they are not one). */
export async function actingPostMember(
  db: Db,
  practiceId: string,
  userId: string,
): Promise<PermissionMember> {
  const m = await loadPermissionMember(db, practiceId, userId);
  if (!m) throw notFound("That practice");
  return m;
}
