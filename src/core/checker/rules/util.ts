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

/** For one list of hits: the first position in the list holding each sentence number. Built once per list
 * (and again only if the list grows), so "is any of these near that?" costs a few lookups, not a scan. */
const SENTENCE_INDEX = new WeakMap<readonly Hit[], { n: number; first: Map<number, number> }>();

/**
 * The position in `list` of the first hit within `dist` sentences of `h` (as near() judges), or -1: the same
 * answer as `list.findIndex((x) => near(doc, x, h, dist))`, in time that does not grow with the list.
 */
export function firstNear(doc: Doc, list: readonly Hit[], h: Hit, dist = 1): number {
  if (!list.length) return -1;
  let ix = SENTENCE_INDEX.get(list);
  if (!ix || ix.n !== list.length) {
    const first = new Map<number, number>();
    for (let i = 0; i < list.length; i++) {
      const s = sentOf(doc, list[i]!);
      if (!first.has(s)) first.set(s, i);
    }
    SENTENCE_INDEX.set(list, (ix = { n: list.length, first }));
  }
  const s = sentOf(doc, h);
  let best = -1;
  if (2 * dist + 1 > ix.first.size) {
    for (const [k, i] of ix.first) if (Math.abs(k - s) <= dist && (best < 0 || i < best)) best = i;
    return best;
  }
  for (let k = s - dist; k <= s + dist; k++) {
    const i = ix.first.get(k);
    if (i !== undefined && (best < 0 || i < best)) best = i;
  }
  return best;
}

/** Is any hit of `list` within `dist` sentences of `h`? (`list.some((x) => near(doc, x, h, dist))`) */
export const anyNear = (doc: Doc, list: readonly Hit[], h: Hit, dist = 1): boolean =>
  firstNear(doc, list, h, dist) >= 0;

/** The first hit of `list` within `dist` sentences of `h` (`list.find((x) => near(doc, x, h, dist))`). */
export function findNear<T extends Hit>(doc: Doc, list: readonly T[], h: Hit, dist = 1): T | undefined {
  const i = firstNear(doc, list, h, dist);
  return i < 0 ? undefined : list[i];
}

/** A list of hits ordered by first token, for window questions. */
const BY_FROM = new WeakMap<readonly Hit[], { n: number; order: number[] }>();

/**
 * The first hit of `list` (in list order) whose first token lies in [lo, hi] and for which `ok` holds, or
 * undefined. `ok` must fail outside that window; the window is found by binary search, so a long list costs
 * its logarithm per question.
 */
export function findInWindow<T extends Hit>(
  list: readonly T[],
  lo: number,
  hi: number,
  ok: (h: T) => boolean,
): T | undefined {
  if (!list.length || hi < lo) return undefined;
  let ix = BY_FROM.get(list);
  if (!ix || ix.n !== list.length) {
    const order = list.map((_, i) => i).sort((a, b) => list[a]!.from - list[b]!.from || a - b);
    BY_FROM.set(list, (ix = { n: list.length, order }));
  }
  const { order } = ix;
  let a = 0;
  let b = order.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (list[order[mid]!]!.from < lo) a = mid + 1;
    else b = mid;
  }
  let best = -1;
  for (let k = a; k < order.length; k++) {
    const i = order[k]!;
    const h = list[i]!;
    if (h.from > hi) break;
    if ((best < 0 || i < best) && ok(h)) best = i;
  }
  return best < 0 ? undefined : list[best];
}

const LONGEST = new WeakMap<readonly Hit[], { n: number; longest: number }>();

/** The length in tokens of the longest hit of a list (0 for none), worked out once per list. */
export function longestHit(list: readonly Hit[]): number {
  let ix = LONGEST.get(list);
  if (!ix || ix.n !== list.length) {
    let longest = 0;
    for (const h of list) longest = Math.max(longest, h.to - h.from);
    LONGEST.set(list, (ix = { n: list.length, longest }));
  }
  return ix.longest;
}

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
