// Features for the learned classifiers: hashed word uni/bigrams, character n-grams of each word, and what
// the rules already computed (lexicon signals, entities, the rules' own findings, the rule triage). The same
// function feeds the trainer (scripts/train/classifiers.ts) and the checker, so the two can never disagree.
// Each feature remembers the tokens it came from, so a model finding can highlight the words that decided it.
import type { Doc } from "../analyse";
import type { RawFinding } from "../rules/util";
import type { TriageCategory } from "../types";

/** FNV-1a over a string's UTF-16 units, continuing from `h` (32-bit). */
export function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
const SEED = 2166136261;
const seedOf = (prefix: string): number => fnv(SEED, prefix);
const S_WORD = seedOf("w:");
const S_BIGRAM = seedOf("b:");
const S_CHAR = seedOf("c:");
const S_CTXWORD = seedOf("cw:");

/** One document's features: bucket, value, and the token range it came from (from = -1: the whole text). */
export interface Features {
  idx: number[];
  val: number[];
  from: number[];
  to: number[];
}

/** Word form used by the models: folded, digits collapsed (so numbers generalise), elongations squeezed. */
function wordForm(norm: string): string {
  let plain = true;
  for (let i = 0; i < norm.length && plain; i++) {
    const c = norm.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (i >= 2 && c === norm.charCodeAt(i - 1) && c === norm.charCodeAt(i - 2)))
      plain = false;
  }
  return plain ? norm : norm.replace(/\d/g, "0").replace(/(\p{L})\1{2,}/gu, "$1$1");
}

/** Does the word contain a letter? (a-z fast, then any script) */
function hasLetter(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
  }
  return /\p{L}/u.test(w);
}

/** Signal feature names are few and fixed: their hashes are computed once. */
const SIG_HASH = new Map<string, [number, number]>();

/** How many words of a text the models read: about 8,000 characters, many times a long post. */
export const MODEL_MAX_TOKENS = 1500;

const MIN_N = 3;
const MAX_N = 5;

/**
 * The features of one analysed text. `findings` are the rules' own findings and `ruleCategory` the rule
 * triage (comments only): the models learn when to trust them.
 */
export function featuresOf(
  doc: Doc,
  findings: readonly RawFinding[],
  ruleCategory: TriageCategory | undefined,
  bits: number,
): Features {
  const mask = (1 << bits) - 1;
  const out: Features = { idx: [], val: [], from: [], to: [] };
  // A feature met twice is listed twice: the score is linear, so that is the same as summing it.
  const add = (h: number, v: number, from: number, to: number): void => {
    const b = h & mask;
    out.idx.push(b);
    out.val.push(v);
    out.from.push(from);
    out.to.push(to);
  };
  const ctx = doc.context;
  const sCtx = fnv(S_CTXWORD, ctx + ":");
  // The models read the first MODEL_MAX_TOKENS words (posts and comments are far shorter; the rules read all).
  const toks = doc.tokens.length > MODEL_MAX_TOKENS ? doc.tokens.slice(0, MODEL_MAX_TOKENS) : doc.tokens;
  // Text features: presence, scaled so that a long text does not outweigh a short one.
  const textStart = out.idx.length;
  let prev: string | null = null;
  for (const t of toks) {
    const w = wordForm(t.norm);
    add(fnv(S_WORD, w), 1, t.i, t.i + 1);
    add(fnv(sCtx, w), 1, t.i, t.i + 1);
    if (prev !== null) add(fnv(fnv(fnv(S_BIGRAM, prev), " "), w), 1, t.i - 1, t.i + 1);
    prev = w;
    if (w.length >= 3 && w.length <= 24 && hasLetter(w)) {
      // n-grams of "<word>", hashed in place (no substrings): position -1 is "<", position w.length is ">".
      const last = w.length;
      for (let n = MIN_N; n <= MAX_N; n++)
        for (let k = -1; k + n <= last + 1; k++) {
          let h = S_CHAR;
          for (let j = k; j < k + n; j++)
            h = Math.imul(h ^ (j < 0 ? 60 : j === last ? 62 : w.charCodeAt(j)), 16777619);
          add(h >>> 0, 1, t.i, t.i + 1);
        }
    }
  }
  if (prev !== null && toks.length === doc.tokens.length)
    add(fnv(fnv(S_BIGRAM, prev), " </s>"), 1, toks.length - 1, toks.length);
  const n = out.idx.length - textStart;
  if (n) {
    const scale = 1 / Math.sqrt(n);
    for (let k = textStart; k < out.idx.length; k++) out.val[k] = scale;
  }
  // What the rules already know: each signal hit, entity and finding, anchored to its words.
  const sig = (name: string, from: number, to: number): void => {
    const key = `${ctx}|${name}`;
    let h = SIG_HASH.get(key);
    if (!h) SIG_HASH.set(key, (h = [fnv(SEED, name), fnv(SEED, key)]));
    add(h[0], 0.5, from, to);
    add(h[1], 0.5, from, to);
  };
  for (const [key, hits] of Object.entries(doc.hits))
    for (const h of hits as readonly { from: number; to: number; value?: unknown }[])
      if (h.from < MODEL_MAX_TOKENS)
        sig(typeof h.value === "string" ? `h:${key}:${h.value}` : `h:${key}`, h.from, h.to);
  for (const e of doc.entities) sig(`e:${e.type}`, -1, -1);
  for (const f of findings) {
    sig(`r:${f.rule}`, -1, -1);
    sig(`r:${f.rule}:${f.reason}`, -1, -1);
  }
  sig(`ctx`, -1, -1);
  if (doc.onSickLeave) sig("sick-leave", -1, -1);
  if (ruleCategory) sig(`t:${ruleCategory}`, -1, -1);
  if (doc.text.includes("?")) sig("question", -1, -1);
  const len = toks.length;
  sig(len < 8 ? "len:short" : len < 30 ? "len:mid" : "len:long", -1, -1);
  return out;
}
