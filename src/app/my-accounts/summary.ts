// The practice manager's summary: for each active member only "completed on DATE", "not completed" or "not
// shared". Answers are read here only to tell whether a shared check is still complete; none leave.
import type { z } from "zod";
import { authorize } from "../../core/permissions";
import type { myAccountsSummaryResponse } from "../../contracts/my-accounts";
import type { myAccountsCompletion } from "../../contracts/oversight";
import type { AppContext } from "../context";
import { loadPermissionMember } from "../members/role-grants";
import { notFound } from "../../core/errors";
import { completedAt } from "./check";
import { asCheck, practiceChecklist } from "./store";
import type { Db } from "../../store/database";

export type MyAccountsSummary = z.infer<typeof myAccountsSummaryResponse>;
export type MyAccountsCompletion = z.infer<typeof myAccountsCompletion>;

/**
 * The summary for an admin (`actor`), or for the person who runs the installation from the CLI (`actor` null):
 * the same privacy either way.
 */
export async function myAccountsSummary(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string } | null,
): Promise<MyAccountsSummary> {
  if (actor) {
    const m = await loadPermissionMember(ctx.db, practiceId, actor.userId);
    if (!m) throw notFound("That practice");
    authorize(m, "view-my-accounts-summary", { type: "practice" });
  }
  const members = await memberStatuses(ctx.db, practiceId);
  return { members, counts: countsOf(members) };
}

/**
 * How many active members there are, how many share their completion and how many of those have completed the
 * check (as a whole percentage of those who share): counts only, for the oversight dashboard and the evidence
 * pack, whose callers have checked who may see them.
 */
export async function myAccountsCompletionRate(db: Db, practiceId: string): Promise<MyAccountsCompletion> {
  const c = countsOf(await memberStatuses(db, practiceId));
  return { ...c, percent: c.shared ? Math.floor((c.completed * 100) / c.shared) : null };
}

function countsOf(members: MyAccountsSummary["members"]): MyAccountsSummary["counts"] {
  return {
    members: members.length,
    shared: members.filter((m) => m.status !== "not-shared").length,
    completed: members.filter((m) => m.status === "completed").length,
  };
}

/** Each active member's status: a check not shared is "not-shared" whatever its answers. */
async function memberStatuses(db: Db, practiceId: string): Promise<MyAccountsSummary["members"]> {
  const { checklist } = await practiceChecklist(db, practiceId);
  const rows = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .leftJoin("my_account_checks", (j) =>
      j
        .onRef("my_account_checks.user_id", "=", "memberships.user_id")
        .onRef("my_account_checks.practice_id", "=", "memberships.practice_id"),
    )
    .select([
      "users.id",
      "users.name",
      "my_account_checks.answers",
      "my_account_checks.share_completion",
      "my_account_checks.completed_at",
    ])
    .where("memberships.practice_id", "=", practiceId)
    .where("memberships.deactivated_at", "is", null)
    .orderBy("users.name")
    .orderBy("users.id")
    .execute();
  return rows.map((r) => {
    const base = { userId: r.id, name: r.name };
    if (!r.share_completion || r.answers === null)
      return { ...base, status: "not-shared" as const, completedAt: null };
    const done = completedAt(
      checklist,
      asCheck({ answers: r.answers, share_completion: true, completed_at: r.completed_at }),
    );
    return done
      ? { ...base, status: "completed" as const, completedAt: done.toISOString() }
      : { ...base, status: "not-completed" as const, completedAt: null };
  });
}
