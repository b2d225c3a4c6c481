// Which clause of the social media policy each rule cites until the practice publishes its own
// (PracticeProfile.clauses overrides any entry). Taken from the policy template itself, so the numbers the
// checker cites always exist in the policy a practice starts from.
import { defaultClauseMap } from "../policy/clause-map";
import { RULE_IDS, type ClauseRef, type RuleId } from "./types";

const fromTemplate = defaultClauseMap();

export const DEFAULT_CLAUSES: Record<RuleId, ClauseRef> = Object.fromEntries(
  RULE_IDS.map((rule) => [
    rule,
    fromTemplate[rule] ?? { number: "", title: "The practice's social media policy" },
  ]),
) as Record<RuleId, ClauseRef>;
