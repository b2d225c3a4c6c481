// What the classifiers predict, and where the policy says each rule can apply at all. Shared by the trainer
// (which trains each rule only on texts of the contexts it applies to) and the checker (which vetoes a model
// finding outside them), so a model can never find, say, sick-leave conflict in a patient's comment.
import { TRIAGE_CATEGORIES, type CheckContext, type RuleId, type TriageCategory } from "../types";

/** Rules decided together by a classifier and the rule; work-contact-details is a format and stays a rule. */
export const MODEL_RULES = [
  "patient-identifier",
  "clinical-detail",
  "abuse",
  "bullying",
  "venting",
  "defamation",
  "misinformation",
  "employer-identification",
  "staff-identification",
  "medical-information-shared",
  "insecure-channel",
  "sick-leave-conflict",
] as const satisfies readonly RuleId[];
export type ModelRule = (typeof MODEL_RULES)[number];

const ALL: readonly CheckContext[] = ["personal", "practice", "comment"];
/** The contexts each rule applies to (the policy's own scope for it). */
export const RULE_CONTEXTS: Record<ModelRule, readonly CheckContext[]> = {
  "patient-identifier": ALL,
  "clinical-detail": ["personal", "practice"],
  abuse: ALL,
  bullying: ["personal", "practice"],
  venting: ["personal", "practice"],
  defamation: ALL,
  misinformation: ALL,
  "employer-identification": ["personal"],
  "staff-identification": ["comment"],
  "medical-information-shared": ["comment"],
  "insecure-channel": ["practice"],
  "sick-leave-conflict": ["personal"],
};

/** Can this rule apply to this text at all? Sick-leave conflict also needs the author to be on sick leave. */
export function ruleApplies(rule: ModelRule, context: CheckContext, onSickLeave: boolean): boolean {
  if (!RULE_CONTEXTS[rule].includes(context)) return false;
  return rule !== "sick-leave-conflict" || onSickLeave;
}

export const ruleLabel = (r: ModelRule): string => `rule:${r}`;
export const triageLabel = (c: TriageCategory): string => `triage:${c}`;
/** Every label, in the order the model file stores them. */
export const LABELS: readonly string[] = [
  ...MODEL_RULES.map(ruleLabel),
  ...TRIAGE_CATEGORIES.map(triageLabel),
];

/** Hash space of the features. */
export const FEATURE_BITS = 18;

/** The triage category: the rule's forced abuse (a threat or slur), else the models' most probable category. */
export function decideCategory(probs: readonly number[], forcedAbuse: boolean): TriageCategory {
  if (forcedAbuse) return "abuse";
  let best = 0;
  for (let c = 1; c < TRIAGE_CATEGORIES.length; c++) if (probs[c]! > probs[best]!) best = c;
  return TRIAGE_CATEGORIES[best]!;
}
