// Small helpers the rules share.
import type { Doc } from "../analyse";
import type { PhraseMatch } from "../phrases";
import type { RuleId, Severity, Span } from "../types";
import type { ClinicalKind } from "../lexicon";

/** A finding before wording: which rule, how serious, where, and a stable reason code. */
export interface RawFinding {
  rule: RuleId;
  severity: Severity;
  spans: Span[];
  /** Stable kebab-case sub-code, e.g. "nhs-number" or "jigsaw". */
  reason: string;
  /** Spans to redact in the suggested fix (identifiers), with their label. */
  redact?: { span: Span; label: string }[];
}

export type Rule = (doc: Doc) => RawFinding[];

export interface Hit {
  from: number;
  to: number;
  start: number;
  end: number;
}

/** Sentence number of a hit. */
export const sentOf = (doc: Doc, h: Hit): number => doc.tokens[h.from]?.sent ?? 0;

/** Hits within `dist` sentences of each other. */
export const near = (doc: Doc, a: Hit, b: Hit, dist = 1): boolean =>
  Math.abs(sentOf(doc, a) - sentOf(doc, b)) <= dist;

export const span = (h: Span): Span => ({ start: h.start, end: h.end });

/** Clinical hits that describe a person's health (not services such as "flu jab" or "blood test"). */
const PERSONAL_KINDS = new Set<ClinicalKind>(["condition", "symptom", "medication", "result", "procedure"]);
export const healthHits = (doc: Doc): PhraseMatch<ClinicalKind>[] =>
  doc.hits.clinical.filter((h) => PERSONAL_KINDS.has(h.value) && !inService(doc, h));
export const storyHits = (doc: Doc): PhraseMatch<ClinicalKind>[] =>
  doc.hits.clinical.filter((h) => h.value !== "service"); // "missed his diabetic review" still tells of diabetes
/** "flu" inside "flu jab" names a service, not someone's illness. */
const inService = (doc: Doc, h: PhraseMatch<ClinicalKind>): boolean =>
  doc.hits.clinical.some(
    (s) => s.value === "service" && s.from <= h.from && h.to <= s.to && s.to - s.from > h.to - h.from,
  );

/** Is a negation word within `k` tokens before token index i (same sentence)? */
export function negatedAt(doc: Doc, i: number, k = 3): boolean {
  const sent = doc.tokens[i]?.sent;
  for (let j = Math.max(0, i - k); j < i; j++) {
    const t = doc.tokens[j]!;
    if (t.sent !== sent) continue;
    if (NEG.has(t.norm) || t.norm.endsWith("n't")) return true;
  }
  return false;
}
const NEG = new Set([
  "not",
  "no",
  "never",
  "dont",
  "don't",
  "cannot",
  "cant",
  "can't",
  "isn't",
  "isnt",
  "won't",
  "wont",
  "nothing",
  "without",
  "neither",
  "nor",
]);

/** A token index range's merged span. */
export const tokSpan = (doc: Doc, from: number, to: number): Span => ({
  start: doc.tokens[from]!.start,
  end: doc.tokens[to - 1]!.end,
});

/** Merges overlapping spans and sorts them. */
export function mergeSpans(spans: Span[]): Span[] {
  const s = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const x of s) {
    const last = out[out.length - 1];
    if (last && x.start <= last.end) last.end = Math.max(last.end, x.end);
    else out.push({ ...x });
  }
  return out;
}

/** Sentences containing any of these hits. */
export const sentencesOf = (doc: Doc, hits: readonly Hit[]): Set<number> =>
  new Set(hits.map((h) => sentOf(doc, h)));
