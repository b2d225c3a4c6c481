import type { ClauseRef, RuleId } from "../checker/types";
import { numberedClauses } from "./numbering";
import { policyTemplate } from "./template";
import type { PolicyDocument } from "./types";

/**
 * Which clause each checker rule cites in this policy: the first clause tagged with the rule.
 * Rules no clause is tagged with are left out, so the checker falls back to its default.
 */
export function clauseMap(doc: PolicyDocument): Partial<Record<RuleId, ClauseRef>> {
  const map: Partial<Record<RuleId, ClauseRef>> = {};
  for (const n of numberedClauses(doc))
    for (const rule of n.clause.rules) map[rule] ??= { number: n.number, title: n.clause.title };
  return map;
}

let defaultMap: Partial<Record<RuleId, ClauseRef>> | undefined;

/** The template's clause map: what the checker cites for a practice that has not published its own policy. */
export function defaultClauseMap(): Partial<Record<RuleId, ClauseRef>> {
  defaultMap ??= clauseMap(policyTemplate());
  return { ...defaultMap };
}
