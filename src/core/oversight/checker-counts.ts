// The checker's monthly counts for the oversight dashboard: which month a run falls in (the UK calendar), the
// months a dashboard shows, and each rule's name in a practice manager's words. Counts only: nothing here sees
// the text that was checked.
import { RULE_IDS, type RuleId } from "../checker/types";
import { ukIsoDay } from "../dates";

/** The rules in a few words each, as the dashboard and the CLI list them. */
export const RULE_LABELS: Record<RuleId, string> = {
  "patient-identifier": "Could identify a patient",
  "clinical-detail": "Clinical details or a patient's story",
  abuse: "Abusive or offensive language",
  bullying: "Singling out a colleague",
  venting: "Frustration about patients or the public",
  defamation: "A damaging allegation",
  misinformation: "Health misinformation",
  "employer-identification": "Naming the practice as employer",
  "work-contact-details": "Work contact details used personally",
  "staff-identification": "A comment naming a member of staff",
  "medical-information-shared": "Medical information shared in public",
  "insecure-channel": "Inviting medical details over social media",
  "sick-leave-conflict": "At odds with sick leave",
};

/** A rule's label; a rule id no longer known reads as itself. */
export const ruleLabel = (rule: string): string =>
  (RULE_LABELS as Record<string, string | undefined>)[rule] ?? rule;

/** The UK calendar month of an instant, "2026-12" (00:30 BST on 1 July is July). */
export const ukMonth = (at: Date): string => ukIsoDay(at).slice(0, 7);

/** The `count` months ending with the one `now` is in, oldest first: ["2026-07", …, "2026-12"]. */
export function lastMonths(now: Date, count: number): string[] {
  const [y, m] = ukMonth(now).split("-").map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const index = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`);
  }
  return out;
}

/** The rules a run found, each once, in the checker's own order (a run counts once per rule). */
export function rulesFound(findings: readonly { rule: string }[]): RuleId[] {
  const found = new Set(findings.map((f) => f.rule));
  return RULE_IDS.filter((r) => found.has(r));
}

/** A month in words: "December 2026". */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 15)).toLocaleDateString("en-GB", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}
