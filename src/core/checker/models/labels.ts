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

/**
 * The category the rules force, where the policy is explicit: a threat or slur is abuse; an urgent symptom
 * the rules read as a medical query (999 or NHS 111 first) stays one.
 */
export function forcedCategory(
  ruled: { category: TriageCategory; urgent: boolean } | undefined,
  findings: readonly { rule: string; severity: string }[],
): TriageCategory | undefined {
  if (findings.some((f) => f.rule === "abuse" && f.severity === "breach")) return "abuse";
  if (ruled?.urgent && ruled.category === "medical-query") return "medical-query";
  return undefined;
}

/** How sure the models must be to overrule the rules' category, and by how much more than of the rules'
 * category (both chosen by cross-validation: they cost under 0.01 of GP triage accuracy and gain 0.06 of
 * complaint F1 on the NHS feedback, where the rules are strong). */
export const TRIAGE_CONFIDENCE = 0.5;
export const TRIAGE_MARGIN = 0.2;

/**
 * The triage category: the one the rules force; else the models' most probable category when they are at
 * least TRIAGE_CONFIDENCE sure of it and TRIAGE_MARGIN surer than of the rules' category, otherwise the rules' own.
 */
export function decideCategory(
  probs: readonly number[],
  forced: TriageCategory | undefined,
  ruleCategory: TriageCategory,
): TriageCategory {
  if (forced) return forced;
  let best = -1;
  for (let c = 0; c < TRIAGE_CATEGORIES.length; c++) {
    if (best < 0 || probs[c]! > probs[best]!) best = c;
  }
  const cat = TRIAGE_CATEGORIES[best]!;
  const ruled = probs[TRIAGE_CATEGORIES.indexOf(ruleCategory)] ?? 0;
  return probs[best]! >= TRIAGE_CONFIDENCE && probs[best]! - ruled >= TRIAGE_MARGIN ? cat : ruleCategory;
}
