// The learned classifiers beside the rules. A rule finding always stands (the rule forces it); a model adds
// a finding the rules missed when its probability passes the cross-validated threshold, unless the policy
// rules it out (the rule does not apply in this context: RULE_CONTEXTS). A model finding has the same shape
// as a rule's, and its spans are the words whose features pushed the decision most.
import packed from "../../../../data/models/classifiers.json" with { type: "json" };
import type { Doc } from "../analyse";
import type { RawFinding } from "../rules/util";
import { mergeSpans } from "../rules/util";
import { TRIAGE_CATEGORIES, type RuleId, type Severity, type TriageCategory } from "../types";
import { featuresOf, type Features } from "./features";
import { MODEL_RULES, ruleApplies, ruleLabel, triageLabel } from "./labels";
export { decideCategory, forcedCategory } from "./labels";
import { LinearModels, type PackedModel } from "./linear";

let models: LinearModels | null = null;
const get = (): LinearModels => (models ??= new LinearModels(packed as PackedModel));

/** A model finding's severity when the model is confident; below CONFIDENT it asks for a review (warning). */
const SEVERITY: Record<RuleId, Severity> = {
  "patient-identifier": "breach",
  "clinical-detail": "breach",
  abuse: "breach",
  bullying: "breach",
  venting: "warning",
  defamation: "breach",
  misinformation: "breach",
  "employer-identification": "warning",
  "work-contact-details": "warning",
  "staff-identification": "warning",
  "medical-information-shared": "warning",
  "insecure-channel": "breach",
  "sick-leave-conflict": "warning",
};
const CONFIDENT = 0.85;

const WORK =
  /^(?:work|works|working|shift|shifts|job|rota|clinic|clinics|surgery|practice|ward|reception|today|week|patient|patients|staff|colleagues?|manager|boss|everyone|people)$/;

/**
 * Where the policy is explicit, a rule vetoes the model: a myth-buster that says the claim is false is not
 * misinformation; venting is frustration about patients, the public or work, so a post with no person or work
 * in it ("sick of this rain") is not venting.
 */
const VETO: Partial<Record<RuleId, (doc: Doc) => boolean>> = {
  misinformation: (doc) =>
    doc.hits.debunk.some((d) => !doc.hits.claim.some((c) => c.from <= d.from && d.to <= c.to)) ||
    pastHotTopic(doc),
  "staff-identification": onlyFamilyNamed,
  venting: (doc) =>
    !doc.hits.ventTarget.length &&
    !doc.hits.patientNoun.length &&
    !doc.hits.colleague.length &&
    !doc.hits.staffRole.length &&
    !doc.tokens.some((t) => WORK.test(t.norm)),
};

const FAMILY_BEFORE =
  /^(?:my|our|his|her|husband|wife|son|daughter|mum|dad|mother|father|partner|brother|sister|nan|gran|grandad|grandma|grandson|granddaughter|uncle|aunt|auntie|cousin|friend|neighbour|boyfriend|girlfriend)$/;
/** Every person named is the writer's own ("my husband Dave") and no staff role is mentioned. */
function onlyFamilyNamed(doc: Doc): boolean {
  if (!doc.persons.length || doc.hits.staffRole.length) return false;
  return doc.persons.every((p) => {
    const before = doc.tokens[p.from - 1];
    return !!before && FAMILY_BEFORE.test(before.norm);
  });
}

/** The text repeats a claim of one of the practice's hot topics whose dates have passed: the practice has said
 * when that topic matters, so the model does not revive it. */
function pastHotTopic(doc: Doc): boolean {
  const today = doc.date?.slice(0, 10);
  if (!today) return false;
  return doc.profile.hotTopics.some(
    ({ topic, claims }) =>
      ((topic.end && topic.end.slice(0, 10) < today) || (topic.start && today < topic.start.slice(0, 10))) &&
      claims.matchAll(doc.tokens, doc.forms).length > 0,
  );
}

/** The models' view of one text: its features and every label's probability. */
export interface ModelView {
  features: Features;
  probs: Float64Array;
}

/** Scores one analysed text, given the rules' findings and the rule triage (comments). */
export function score(doc: Doc, findings: readonly RawFinding[], ruleCategory?: TriageCategory): ModelView {
  const m = get();
  const features = featuresOf(doc, findings, ruleCategory, m.bits);
  return { features, probs: m.score(features) };
}

/** Findings the models add: one per rule the rules did not already find. */
export function modelFindings(doc: Doc, findings: readonly RawFinding[], view: ModelView): RawFinding[] {
  const m = get();
  const out: RawFinding[] = [];
  for (const rule of MODEL_RULES) {
    if (!ruleApplies(rule, doc.context, doc.onSickLeave)) continue;
    if (findings.some((f) => f.rule === rule) || VETO[rule]?.(doc)) continue;
    const l = m.index(ruleLabel(rule));
    if (l < 0) continue;
    const p = view.probs[l]!;
    if (p < m.threshold(l)) continue;
    const spans = evidenceSpans(doc, m, view.features, l);
    out.push({
      rule,
      severity: p >= CONFIDENT ? SEVERITY[rule] : "warning",
      spans,
      reason: "model",
    });
  }
  return out;
}

function evidenceSpans(doc: Doc, m: LinearModels, f: Features, label: number): RawFinding["spans"] {
  const ev = m.evidence(f, label, 3);
  const toks = doc.tokens;
  const spans = ev
    .filter((e) => toks[e.from] && toks[e.to - 1])
    .map((e) => ({ start: toks[e.from]!.start, end: toks[e.to - 1]!.end }));
  if (spans.length) return mergeSpans(spans);
  // Nothing word-level decided it (only what the rules computed): point at the whole text.
  return [{ start: 0, end: doc.text.length }];
}

/** The triage probabilities, in TRIAGE_CATEGORIES order. */
export function triageProbs(view: ModelView): number[] {
  const m = get();
  return TRIAGE_CATEGORIES.map((c) => {
    const l = m.index(triageLabel(c));
    return l < 0 ? 0 : view.probs[l]!;
  });
}
