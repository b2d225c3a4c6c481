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
  idx: Int32Array;
  val: Float64Array;
  from: Int32Array;
  to: Int32Array;
}

/** Where featuresOf writes as it goes (kept between calls and grown when needed), so a text's features cost
 * one exact-size copy instead of four arrays grown push by push. */
let scratch = {
  idx: new Int32Array(1024),
  val: new Float64Array(1024),
  from: new Int32Array(1024),
  to: new Int32Array(1024),
};

function grow(): void {
  const n = scratch.idx.length * 2;
  const next = {
    idx: new Int32Array(n),
    val: new Float64Array(n),
    from: new Int32Array(n),
    to: new Int32Array(n),
  };
  next.idx.set(scratch.idx);
  next.val.set(scratch.val);
  next.from.set(scratch.from);
  next.to.set(scratch.to);
  scratch = next;
}

/** Lexicon-hit feature hashes by context and key, and by value for hits that carry a kind ("h:clinical:symptom"):
 * worked out once each (the keys and kinds are few and fixed). */
const HIT_PLAIN = new Map<string, Map<string, [number, number]>>();
const HIT_VALUED = new Map<string, Map<string, Map<string, [number, number]>>>();

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
  let n = 0;
  // A feature met twice is listed twice: the score is linear, so that is the same as summing it.
  const add = (h: number, v: number, from: number, to: number): void => {
    if (n === scratch.idx.length) grow();
    scratch.idx[n] = h & mask;
    scratch.val[n] = v;
    scratch.from[n] = from;
    scratch.to[n] = to;
    n++;
  };
  const ctx = doc.context;
  const sCtx = fnv(S_CTXWORD, ctx + ":");
  // The models read the first MODEL_MAX_TOKENS words (posts and comments are far shorter; the rules read all).
  const toks = doc.tokens.length > MODEL_MAX_TOKENS ? doc.tokens.slice(0, MODEL_MAX_TOKENS) : doc.tokens;
  // Text features: presence, scaled so that a long text does not outweigh a short one.
  const textStart = n;
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
  const textCount = n - textStart;
  if (textCount) {
    const scale = 1 / Math.sqrt(textCount);
    for (let k = textStart; k < n; k++) scratch.val[k] = scale;
  }
  // What the rules already know: each signal hit, entity and finding, anchored to its words.
  const sig = (name: string, from: number, to: number): void => {
    const key = `${ctx}|${name}`;
    let h = SIG_HASH.get(key);
    if (!h) SIG_HASH.set(key, (h = [fnv(SEED, name), fnv(SEED, key)]));
    add(h[0], 0.5, from, to);
    add(h[1], 0.5, from, to);
  };
  let plain = HIT_PLAIN.get(ctx);
  if (!plain) HIT_PLAIN.set(ctx, (plain = new Map()));
  let valued = HIT_VALUED.get(ctx);
  if (!valued) HIT_VALUED.set(ctx, (valued = new Map()));
  const hitsByKey = doc.hits as unknown as Record<
    string,
    readonly { from: number; to: number; value?: unknown }[]
  >;
  // for…in walks the keys in the same order as Object.entries, without making the pairs.
  for (const key in hitsByKey)
    for (const h of hitsByKey[key]!) {
      if (h.from >= MODEL_MAX_TOKENS) continue;
      // The hashes sig(`h:${key}:${value}`) or sig(`h:${key}`) would add, without building the names each time.
      let pair: [number, number] | undefined;
      if (typeof h.value === "string") {
        let byValue = valued.get(key);
        if (!byValue) valued.set(key, (byValue = new Map()));
        pair = byValue.get(h.value);
        if (!pair) byValue.set(h.value, (pair = sigHashes(ctx, `h:${key}:${h.value}`)));
      } else {
        pair = plain.get(key);
        if (!pair) plain.set(key, (pair = sigHashes(ctx, `h:${key}`)));
      }
      add(pair[0], 0.5, h.from, h.to);
      add(pair[1], 0.5, h.from, h.to);
    }
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
  // One buffer for the four arrays, copied at its exact size.
  const buf = new ArrayBuffer(n * 20);
  const out: Features = {
    val: new Float64Array(buf, 0, n),
    idx: new Int32Array(buf, n * 8, n),
    from: new Int32Array(buf, n * 12, n),
    to: new Int32Array(buf, n * 16, n),
  };
  out.val.set(scratch.val.subarray(0, n));
  out.idx.set(scratch.idx.subarray(0, n));
  out.from.set(scratch.from.subarray(0, n));
  out.to.set(scratch.to.subarray(0, n));
  return out;
}

/** The two hashes of a signal feature: its name alone and its name in this context. */
function sigHashes(ctx: string, name: string): [number, number] {
  return [fnv(SEED, name), fnv(SEED, `${ctx}|${name}`)];
}
