import { notFound } from "../../core/errors";
import {
  authorize,
  type ActionOf,
  type PermissionMember,
  type PolicyResource,
  type PolicyVersionResource,
} from "../../core/permissions";
import type { Db } from "../../store/database";
import { loadPermissionMember, toPermissionMember } from "../members/role-grants";
import { loadVersion, type PolicyActor, type PolicyVersionRow } from "./policy-store";

/** The facts the permission model reads about a version: its state, last editor and staff representative's view. */
export async function versionResource(db: Db, v: PolicyVersionRow): Promise<PolicyVersionResource> {
  const latest = await db
    .selectFrom("policy_staff_rep_decisions")
    .select(["decision", "revision"])
    .where("version_id", "=", v.id)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  const reps = await db
    .selectFrom("memberships")
    .select(["user_id", "roles", "role_granted_at", "created_at"])
    .where("practice_id", "=", v.practice_id)
    .where("deactivated_at", "is", null)
    .where(({ eb }) => eb(eb.val("staff-rep"), "=", eb.fn.any("roles")))
    .execute();
  const since = v.consultation_started_at;
  // A representative whose role was granted after consultation began is not asked about this version.
  const counting = reps
    .map(toPermissionMember)
    .filter((m) => !since || (m.grantedAt["staff-rep"]?.getTime() ?? Infinity) <= since.getTime());
  return {
    type: "policy-version",
    status: v.status,
    revision: v.revision,
    lastEditorId: v.last_edited_by,
    consultationStartedAt: since,
    staffRep: latest ? { decision: latest.decision as "agree" | "object", revision: latest.revision } : null,
    practiceHasStaffRep: counting.length > 0,
  };
}

/** The practice's policy as a whole: whether a draft is open and whether anything is published. */
export async function policyResource(db: Db, practiceId: string): Promise<PolicyResource> {
  const rows = await db
    .selectFrom("policy_versions")
    .select("status")
    .where("practice_id", "=", practiceId)
    .where("status", "in", ["draft", "consultation", "approved", "published"])
    .execute();
  return {
    type: "policy",
    hasOpenDraft: rows.some((r) => r.status !== "published"),
    hasPublished: rows.some((r) => r.status === "published"),
  };
}

/** The acting person as an active member of the practice (404 when they are not one). */
export async function actingMember(
  db: Db,
  practiceId: string,
  actor: PolicyActor,
): Promise<PermissionMember> {
  const m = await loadPermissionMember(db, practiceId, actor.userId);
  if (!m) throw notFound("That practice");
  return m;
}

/** Loads the actor and the version's facts, then lets the permission model decide (throws when it refuses). */
export async function authorizeOnVersion(
  db: Db,
  actor: PolicyActor,
  action: ActionOf<"policy-version">,
  v: PolicyVersionRow,
): Promise<void> {
  authorize(await actingMember(db, v.practice_id, actor), action, await versionResource(db, v));
}

/**
 * The same check before a use case reads its input, so that someone who may not act is told so (403) rather
 * than told their input is wrong. The use case checks again inside its transaction, on the locked row.
 */
export async function authorizeBeforeInput(
  db: Db,
  practiceId: string,
  versionId: string,
  actor: PolicyActor,
  action: ActionOf<"policy-version">,
): Promise<void> {
  await authorizeOnVersion(db, actor, action, await loadVersion(db, practiceId, versionId));
}

/** The same for an action on the policy as a whole. */
export async function authorizeOnPolicy(
  db: Db,
  practiceId: string,
  actor: PolicyActor,
  action: ActionOf<"policy">,
): Promise<void> {
  authorize(await actingMember(db, practiceId, actor), action, await policyResource(db, practiceId));
}
