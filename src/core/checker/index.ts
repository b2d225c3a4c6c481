// The checker: check(input, profile) → verdict, findings (with clause, message and suggested fix), entities,
// and for comments a triage. Pure: no I/O, no environment; runs in the browser and in Node.
import { analyse } from "./analyse";
import { assertCheckable } from "./limits";
import { DEFAULT_CLAUSES } from "./default-clauses";
import { MESSAGES, redactText, suggestionFor } from "./messages";
import type { RawFinding } from "./rules/util";
import { runRules } from "./rules/all";
import { decideCategory, forcedCategory, modelFindings, score, triageProbs } from "./models/classifiers";
import { categorise, triage } from "./triage";
import {
  RULE_IDS,
  type CheckInput,
  type CheckResult,
  type Entity,
  type Finding,
  type PracticeProfile,
  type Verdict,
} from "./types";

export * from "./types";
export { DEFAULT_CLAUSES } from "./default-clauses";

export { CHECK_MAX_CHARS, CHANNEL_LIMITS, tooLongMessage } from "./limits";

/** Checks one post or comment. Throws a payload-too-large AppError over CHECK_MAX_CHARS characters. */
export function check(input: CheckInput, profile?: PracticeProfile): CheckResult {
  const text = typeof input.text === "string" ? input.text : "";
  // Over the limit, nothing is checked: a text is never cut short and then called ok.
  assertCheckable(text);
  const context = input.context ?? "personal";
  const doc = analyse(text, context, input.author?.onSickLeave === true, profile, input.date);
  // Rules first; then the classifiers, which read what the rules found and add what they missed.
  const ruleFindings = runRules(doc);
  const ruled = context === "comment" ? categorise(doc, ruleFindings) : undefined;
  const view = score(doc, ruleFindings, ruled?.category);
  const rawFindings: RawFinding[] = [...ruleFindings, ...modelFindings(doc, ruleFindings, view)].sort(
    (a, b) => RULE_ORDER.get(a.rule)! - RULE_ORDER.get(b.rule)!,
  );
  // Each rule's suggested text removes every identifier that rule found, not only the finding's own: made once.
  const redacted = new Map<string, string>();
  for (const f of rawFindings)
    if (f.redact?.length && !redacted.has(f.rule)) {
      const all = rawFindings.filter((g) => g.rule === f.rule).flatMap((g) => g.redact ?? []);
      redacted.set(f.rule, redactText(text, all));
    }
  const findings = rawFindings.map((f) => present(f, text, profile, redacted.get(f.rule)));
  const entities: Entity[] = doc.entities.map((e) => ({
    type: e.type,
    start: e.start,
    end: e.end,
    text: e.text,
  }));
  const result: CheckResult = { verdict: verdictOf(findings), findings, entities };
  if (ruled) {
    // A threat or slur is abuse, an urgent symptom a medical query, whatever the models say.
    const forced = forcedCategory(ruled, ruleFindings);
    result.triage = triage(
      doc,
      rawFindings,
      profile,
      decideCategory(triageProbs(view), forced, ruled.category),
      ruled,
    );
  }
  return result;
}

const RULE_ORDER = new Map(RULE_IDS.map((r, i) => [r, i]));

/** do-not-post for any breach, review for any warning, otherwise ok. */
export function verdictOf(findings: readonly Pick<Finding, "severity">[]): Verdict {
  if (findings.some((f) => f.severity === "breach")) return "do-not-post";
  if (findings.some((f) => f.severity === "warning")) return "review";
  return "ok";
}

function present(f: RawFinding, text: string, profile?: PracticeProfile, redacted?: string): Finding {
  const clause = profile?.clauses?.[f.rule] ?? DEFAULT_CLAUSES[f.rule];
  const first = f.spans[0] ?? { start: 0, end: 0 };
  return {
    rule: f.rule,
    reason: f.reason,
    severity: f.severity,
    start: first.start,
    end: first.end,
    spans: f.spans,
    clause: clause.number,
    clauseTitle: clause.title,
    message: MESSAGES[f.rule],
    suggestion: suggestionFor(f.rule, text, f.redact, f.redact?.length ? redacted : undefined),
  };
}
