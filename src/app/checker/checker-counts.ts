// The checker's monthly counts by rule (issue 11, oversight): off until a practice's admin turns them on; then
// every run of the checker in the practice's context (a post sent for approval, a comment arriving in the inbox,
// a reply written to a patient, a check over the API with the practice named) adds one to the month's runs and
// one to each rule it found. Counts only: no text, no person, no post or comment is recorded with them.
import { sql } from "kysely";
import { lastMonths, rulesFound, ukMonth } from "../../core/oversight/checker-counts";
import { authorize } from "../../core/permissions";
import { notFound } from "../../core/errors";
import type { Db } from "../../store/database";
import { appendAudit } from "../audit/audit-log";
import type { AppContext } from "../context";
import { loadPermissionMember } from "../members/role-grants";

/** Adds one checker run (and one per rule it found) to the practice's month, when the practice counts. */
export async function countCheckerRun(
  db: Db,
  practiceId: string,
  findings: readonly { rule: string }[],
  at: Date,
): Promise<void> {
  await countCheckerRuns(db, practiceId, [findings], at);
}

/** Many runs at once (an imported batch of comments): one statement per table. */
export async function countCheckerRuns(
  db: Db,
  practiceId: string,
  runs: readonly (readonly { rule: string }[])[],
  at: Date,
): Promise<void> {
  if (!runs.length) return;
  const practice = await db
    .selectFrom("practices")
    .select("checker_counts_since")
    .where("id", "=", practiceId)
    .executeTakeFirst();
  if (!practice?.checker_counts_since) return;
  const month = ukMonth(at);
  await db
    .insertInto("checker_monthly_runs")
    .values({ practice_id: practiceId, month, runs: runs.length })
    .onConflict((oc) =>
      oc.columns(["practice_id", "month"]).doUpdateSet({
        runs: sql<number>`checker_monthly_runs.runs + excluded.runs`,
      }),
    )
    .execute();
  const byRule = new Map<string, number>();
  for (const findings of runs)
    for (const rule of rulesFound(findings)) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
  if (!byRule.size) return;
  await db
    .insertInto("checker_monthly_counts")
    .values([...byRule].map(([rule, count]) => ({ practice_id: practiceId, month, rule, count })))
    .onConflict((oc) =>
      oc.columns(["practice_id", "month", "rule"]).doUpdateSet({
        count: sql<number>`checker_monthly_counts.count + excluded.count`,
      }),
    )
    .execute();
}

export interface CheckerCounts {
  on: boolean;
  /** When counting was turned on (ISO), null when off. */
  since: string | null;
  /** The months shown, oldest first ("2026-07" … "2026-12"). */
  months: string[];
  /** Checker runs in each month. */
  runs: number[];
  /** Each rule found in those months, with how many runs found it in each month; most found first. */
  rules: { rule: string; counts: number[]; total: number }[];
}

/** The last `months` UK months of counts (none while counting is off). */
export async function checkerCountsOf(
  db: Db,
  practiceId: string,
  now: Date,
  months = 6,
): Promise<CheckerCounts> {
  const practice = await db
    .selectFrom("practices")
    .select("checker_counts_since")
    .where("id", "=", practiceId)
    .executeTakeFirst();
  if (!practice) throw notFound("That practice");
  const shown = lastMonths(now, months);
  const since = practice.checker_counts_since;
  if (!since) return { on: false, since: null, months: shown, runs: shown.map(() => 0), rules: [] };
  const runs = await db
    .selectFrom("checker_monthly_runs")
    .select(["month", "runs"])
    .where("practice_id", "=", practiceId)
    .where("month", "in", shown)
    .execute();
  const counts = await db
    .selectFrom("checker_monthly_counts")
    .select(["month", "rule", "count"])
    .where("practice_id", "=", practiceId)
    .where("month", "in", shown)
    .execute();
  const rules = new Map<string, number[]>();
  for (const c of counts) {
    const row = rules.get(c.rule) ?? shown.map(() => 0);
    row[shown.indexOf(c.month)] = c.count;
    rules.set(c.rule, row);
  }
  return {
    on: true,
    since: since.toISOString(),
    months: shown,
    runs: shown.map((m) => runs.find((r) => r.month === m)?.runs ?? 0),
    rules: [...rules]
      .map(([rule, row]) => ({ rule, counts: row, total: row.reduce((a, b) => a + b, 0) }))
      .sort((a, b) => b.total - a.total || a.rule.localeCompare(b.rule)),
  };
}

/**
 * An admin turns the counts on or off. Turning them off also deletes the counts kept, so "off" means nothing is
 * kept; turning them on again starts from nought. Audited with the new state only.
 */
export async function setCheckerCounting(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string },
  on: boolean,
): Promise<{ on: boolean; since: string | null }> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const member = await loadPermissionMember(trx, practiceId, actor.userId);
    if (!member) throw notFound("That practice");
    authorize(member, "manage-checker-counts", { type: "practice" });
    const current = await trx
      .selectFrom("practices")
      .select("checker_counts_since")
      .where("id", "=", practiceId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!!current.checker_counts_since === on)
      return { on, since: current.checker_counts_since?.toISOString() ?? null };
    await trx
      .updateTable("practices")
      .set({ checker_counts_since: on ? now : null })
      .where("id", "=", practiceId)
      .execute();
    if (!on) {
      await trx.deleteFrom("checker_monthly_counts").where("practice_id", "=", practiceId).execute();
      await trx.deleteFrom("checker_monthly_runs").where("practice_id", "=", practiceId).execute();
    }
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: on ? "oversight.checker-counts-on" : "oversight.checker-counts-off",
        targetType: "practice",
        targetId: practiceId,
      },
      now,
    );
    return { on, since: on ? now.toISOString() : null };
  });
}
