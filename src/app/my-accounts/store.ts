// Reading and writing My accounts: the practice's checklist (its published policy and added platforms) and a
// member's own row. Every query names the practice, and a member's row is read by their own user id only.
import type { Selectable } from "kysely";
import { notFound } from "../../core/errors";
import { authorize, type ActionOf, type PermissionMember } from "../../core/permissions";
import { buildChecklist, type Answers, type Checklist } from "../../core/my-accounts";
import type { Db } from "../../store/database";
import type { MyAccountCheckTable } from "../../store/schema";
import { loadPermissionMember } from "../members/role-grants";
import { loadPublished } from "../policy/policy-store";

export interface CheckRow {
  answers: Answers;
  shareCompletion: boolean;
  completedAt: Date | null;
}

export const EMPTY_CHECK: CheckRow = { answers: {}, shareCompletion: false, completedAt: null };

export const asCheck = (
  row: Pick<Selectable<MyAccountCheckTable>, "answers" | "share_completion" | "completed_at">,
): CheckRow => ({
  answers: (typeof row.answers === "string" ? JSON.parse(row.answers) : row.answers) as Answers,
  shareCompletion: row.share_completion,
  completedAt: row.completed_at,
});

/** The platforms this practice added, oldest first. */
export async function addedPlatforms(db: Db, practiceId: string) {
  return db
    .selectFrom("my_account_platforms")
    .select(["key", "name", "created_at"])
    .where("practice_id", "=", practiceId)
    .orderBy("created_at")
    .orderBy("key")
    .execute();
}

/** The practice's checklist now: items linked to its published policy, seed platforms and its own. */
export async function practiceChecklist(
  db: Db,
  practiceId: string,
): Promise<{ checklist: Checklist; policyPublished: boolean }> {
  const published = await loadPublished(db, practiceId);
  const added = await addedPlatforms(db, practiceId);
  return {
    checklist: buildChecklist(published?.document ?? null, added),
    policyPublished: Boolean(published),
  };
}

/**
 * The acting member, allowed `action` on their own check (404 when they are not an active member). The check is
 * always the actor's own: no use case takes another member's id.
 */
export async function actingOwner(
  db: Db,
  practiceId: string,
  userId: string,
  action: ActionOf<"my-accounts-check">,
): Promise<PermissionMember> {
  const m = await loadPermissionMember(db, practiceId, userId);
  if (!m) throw notFound("That practice");
  authorize(m, "use-my-accounts", { type: "practice" });
  authorize(m, action, { type: "my-accounts-check", ownerId: m.userId });
  return m;
}

/** The member's own row (their answers), or the empty check; `forUpdate` creates and locks it. */
export async function ownCheck(
  db: Db,
  practiceId: string,
  userId: string,
  now: Date,
  forUpdate = false,
): Promise<CheckRow> {
  if (forUpdate) {
    await db
      .insertInto("my_account_checks")
      .values({ practice_id: practiceId, user_id: userId, updated_at: now })
      .onConflict((oc) => oc.columns(["practice_id", "user_id"]).doNothing())
      .execute();
  }
  let q = db
    .selectFrom("my_account_checks")
    .select(["answers", "share_completion", "completed_at"])
    .where("practice_id", "=", practiceId)
    .where("user_id", "=", userId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? asCheck(row) : EMPTY_CHECK;
}
