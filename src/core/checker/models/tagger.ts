// The person-name tagger: a linear-chain model over token features (averaged structured perceptron,
// trained by scripts/train/names.ts) decoded with Viterbi over three tags, O (not a name), B (a name
// begins) and I (a name goes on). Linear in the number of tokens; the weights are data, imported.
import type { Token } from "../text";
import { caseStyle, FeatureTable, gapsBefore, scoreContext, scoreWord, views } from "./tagger-features";

/** The model as stored in data/models/names.json. */
export interface TaggerModel {
  /** Weights are integers; divide by scale. */
  scale: number;
  /** Transition scores: row = previous tag (O, B, I, start), column = tag (O, B, I). */
  trans: number[];
  /** Feature names, and for each its score for B and for I, relative to O (arrays, not an object: a
   * JSON object of this size is slow for the type checker). */
  f: string[];
  b: number[];
  i: number[];
}

/** A model ready to run: weights in typed arrays, found by the hash of each feature's name. */
export interface Tagger {
  trans: Float64Array;
  table: FeatureTable;
}

/** Builds a runnable tagger from the stored model. */
export function loadTagger(m: TaggerModel): Tagger {
  const table = new FeatureTable(
    m.f,
    Float64Array.from(m.b, (x) => x / m.scale),
    Float64Array.from(m.i, (x) => x / m.scale),
  );
  return { trans: Float64Array.from(m.trans, (x) => x / m.scale), table };
}

const O = 0;
const B = 1;
const I = 2;
const START = 3;
const NEG = -1e9;

/** Scores of B and I for each token (O scores 0), from the features. */
export function emissions(
  tagger: Tagger,
  tokens: readonly Token[],
  text: string,
  norm: string,
  rules?: Uint8Array,
  forbid?: (k: number) => boolean,
): Float64Array {
  const v = views(tokens, text, norm);
  const style = caseStyle(tokens);
  const gap = gapsBefore(tokens, norm);
  const e = new Float64Array(tokens.length * 2);
  const t = tagger.table;
  for (let k = 0; k < tokens.length; k++) {
    if (forbid?.(k)) continue; // forced to O: its scores are never read
    // The word's own features, then its context's, each group summed on its own and then added.
    t.sumB = 0;
    t.sumI = 0;
    scoreWord(t, v[k]!, style);
    const oB = t.sumB;
    const oI = t.sumI;
    t.sumB = 0;
    t.sumI = 0;
    scoreContext(t, tokens, v, k, style, gap, rules);
    e[2 * k] = oB + t.sumB;
    e[2 * k + 1] = oI + t.sumI;
  }
  return e;
}

/** The best tag sequence (0 = O, 1 = B, 2 = I) under the emissions and transitions; `forbid[k]` forces O. */
export function viterbi(
  e: Float64Array,
  trans: Float64Array,
  n: number,
  forbid?: (k: number) => boolean,
): Uint8Array {
  const back = new Uint8Array(n * 3);
  // Best scores ending in O, B, I at the previous token and at this one (no allocation per token).
  let pO = 0;
  let pB = 0;
  let pI = 0;
  for (let k = 0; k < n; k++) {
    const no = forbid?.(k) ?? false;
    const eB = no ? NEG : e[2 * k]!;
    const eI = no ? NEG : e[2 * k + 1]!;
    if (k === 0) {
      // I cannot open a text.
      pO = trans[START * 3 + O]!;
      pB = trans[START * 3 + B]! + eB;
      pI = NEG;
      continue;
    }
    const col = (c: number, allowO: boolean): number => {
      const so = allowO ? pO + trans[O * 3 + c]! : NEG * 2;
      const sb = pB + trans[B * 3 + c]!;
      const si = pI + trans[I * 3 + c]!;
      if (so >= sb && so >= si) {
        back[k * 3 + c] = O;
        return so;
      }
      if (sb >= si) {
        back[k * 3 + c] = B;
        return sb;
      }
      back[k * 3 + c] = I;
      return si;
    };
    const cO = col(O, true);
    const cB = col(B, true) + eB;
    // I follows only B or I.
    const cI = col(I, false) + eI;
    pO = cO;
    pB = cB;
    pI = cI;
  }
  const tags = new Uint8Array(n);
  if (!n) return tags;
  let c = pO >= pB && pO >= pI ? O : pB >= pI ? B : I;
  for (let k = n - 1; k >= 0; k--) {
    tags[k] = c;
    c = back[k * 3 + c]!;
  }
  return tags;
}

/** Tags (0 O, 1 B, 2 I) for token ranges [from, to). */
export function tagsOf(n: number, spans: Iterable<{ from: number; to: number }>): Uint8Array {
  const tags = new Uint8Array(n);
  for (const s of spans) for (let k = s.from; k < s.to; k++) tags[k] = k === s.from ? 1 : 2;
  return tags;
}

/** Token ranges [from, to) of the names in a tag sequence. */
export function spansOf(tags: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; k < tags.length; k++) {
    if (tags[k] !== B) continue;
    let j = k + 1;
    while (j < tags.length && tags[j] === I) j++;
    out.push([k, j]);
    k = j - 1;
  }
  return out;
}

/** The names the tagger finds, as token ranges; tokens for which `forbid` holds are never part of one. */
export function tagNames(
  tagger: Tagger,
  tokens: readonly Token[],
  text: string,
  norm: string,
  forbid?: (k: number) => boolean,
  rules?: Uint8Array,
): [number, number][] {
  if (!tokens.length) return [];
  const e = emissions(tagger, tokens, text, norm, rules, forbid);
  return spansOf(viterbi(e, tagger.trans, tokens.length, forbid));
}
