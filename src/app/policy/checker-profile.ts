import type { PracticeProfile } from "../../core/checker/types";
import { activeHotTopics, clauseMap, defaultClauseMap, isoDay } from "../../core/policy";
import type { AppContext } from "../context";
import { loadPublished } from "./policy-store";

/**
 * What the practice's published policy tells the checker: the clause each rule cites (the template's
 * numbering until the practice publishes its own) and the hot topics in force today.
 * Spread into the PracticeProfile: `{ ...base, ...(await policyProfile(ctx, practiceId)) }`.
 */
export async function policyProfile(
  ctx: AppContext,
  practiceId: string,
): Promise<Pick<PracticeProfile, "clauses" | "hotTopics">> {
  const published = await loadPublished(ctx.db, practiceId);
  if (!published) return { clauses: defaultClauseMap(), hotTopics: [] };
  return {
    clauses: { ...defaultClauseMap(), ...clauseMap(published.document) },
    hotTopics: activeHotTopics(published.document, isoDay(ctx.now())),
  };
}
