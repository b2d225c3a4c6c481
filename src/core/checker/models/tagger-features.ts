// Features of a token for the person-name tagger: the word, its shape, affixes and capitalisation, its
// place in the sentence, what the name lists say about it (lists are evidence, the model decides) and the
// words around it. Shared by the tagger at run time and by scripts/train/names.ts, so both see the same.
import frequentSurnames from "../../../../data/names/frequent-surnames.json" with { type: "json" };
import { COMMON_WORDS, FIRST_NAMES, NOT_NAMES, ORGANISATIONS, PLACE_WORDS, SURNAMES } from "../lexicon";
import type { Token } from "../text";

const FREQUENT_SURNAMES: ReadonlySet<string> = new Set(frequentSurnames);
const TITLE_WORDS = new Set(
  "mr mrs ms miss mx dr doctor prof professor sir dame lady lord nurse sister matron rev reverend father fr mister madam cllr councillor president minister senator governor king queen prince princess pope coach captain uncle auntie aunt nan grandad".split(
    " ",
  ),
);
const KIN_WORDS = new Set(
  "son daughter wife husband brother sister mum mom dad mother father partner boyfriend girlfriend friend mate colleague nephew niece cousin grandson granddaughter baby".split(
    " ",
  ),
);

/** How the text as a whole uses capitals: names stand out by case only in ordinary text. */
export type CaseStyle = "n" | "l" | "u" | "t";

/** The case style of a text: mostly lower case (l), mostly capitals (u), headline case (t) or ordinary (n). */
export function caseStyle(tokens: readonly Token[]): CaseStyle {
  let words = 0;
  let caps = 0;
  let upper = 0;
  for (const t of tokens) {
    if (!/^\p{L}/u.test(t.norm) || t.norm.length < 2) continue;
    words++;
    if (t.allCaps) upper++;
    else if (t.cap) caps++;
  }
  if (words < 3) return "n";
  if (upper > words * 0.6) return "u";
  if (caps + upper < words * 0.08) return "l";
  if (caps > words * 0.6) return "t";
  return "n";
}

/** The shape of a word: X for capitals, x for small letters, d for digits, runs collapsed ("Xx", "X.X"). */
export function shape(orig: string): string {
  let out = "";
  let prev = "";
  for (const ch of orig) {
    const c =
      ch >= "0" && ch <= "9"
        ? "d"
        : ch !== ch.toLowerCase()
          ? "X"
          : ch !== ch.toUpperCase()
            ? "x"
            : /\p{L}/u.test(ch)
              ? "x"
              : ch;
    if (c !== prev) out += c;
    prev = c;
    if (out.length >= 6) break;
  }
  return out;
}

/** List codes already worked out, across texts (cleared when full, so memory stays bounded). */
const GAZ = new Map<string, string>();

/** What the lists say about a word, as one short code: first name, surname, frequent surname, ordinary word… */
function gazetteer(w: string): string {
  let g = GAZ.get(w);
  if (g === undefined) {
    if (GAZ.size > 50_000) GAZ.clear();
    GAZ.set(w, (g = lookUp(w)));
  }
  return g;
}

function lookUp(w: string): string {
  let g = "";
  if (FIRST_NAMES.has(w)) g += "f";
  if (SURNAMES.has(w)) g += "s";
  if (FREQUENT_SURNAMES.has(w)) g += "q";
  if (NOT_NAMES.has(w)) g += "n";
  else if (COMMON_WORDS.has(w)) g += "c";
  if (PLACE_WORDS.has(w)) g += "p";
  if (ORGANISATIONS.has(w)) g += "o";
  if (TITLE_WORDS.has(w)) g += "t";
  if (KIN_WORDS.has(w)) g += "k";
  return g || "-";
}

/** Per-token facts computed once per text, then combined into features. */
export interface TokenView {
  w: string;
  shape: string;
  cap: string;
  gaz: string;
  /** Straight after "@" or "#": a handle or hashtag. */
  tag: boolean;
  /** Ends in "'s". */
  poss: boolean;
}

const base = (t: Token): string => (t.norm.endsWith("'s") ? t.norm.slice(0, -2) : t.norm);

/** The per-token facts of a text (shape and list codes looked up once per distinct word). */
export function views(tokens: readonly Token[], text: string, norm: string): TokenView[] {
  const memo = new Map<string, [string, string]>();
  return tokens.map((t) => {
    const w0 = base(t);
    const before = t.nStart > 0 ? norm[t.nStart - 1] : "";
    const before2 = t.nStart > 1 ? norm.slice(t.nStart - 2, t.nStart) : "";
    const orig = text.slice(t.start, t.end);
    let m = memo.get(orig);
    if (!m) memo.set(orig, (m = [shape(orig.slice(0, 12)), gazetteer(w0)]));
    const cap = t.allCaps ? "A" : t.cap ? "C" : /^\d/.test(t.norm) ? "D" : "l";
    const tag =
      before === "@" || before === "#" || before2 === "@ " || before2 === "# " || t.norm.startsWith("@");
    const poss = t.norm.endsWith("'s");
    // Words joined by masking characters ("sunrise#derry#") stand for their kind, not for themselves: the
    // model keeps no run of anyone's text.
    const w = /[#*@$]/.test(w0) ? "#" : w0.length > 24 ? w0.slice(0, 24) : w0;
    return { w, shape: m[0], cap, gaz: m[1], tag, poss };
  });
}

/** The gap between two tokens, reduced to one character class: space, comma, full stop, line break… */
function gapKind(norm: string, a: Token | undefined, b: Token | undefined): string {
  if (!a || !b) return "^";
  const g = norm.slice(a.nEnd, Math.min(b.nStart, a.nEnd + 4));
  if (g.includes("\n")) return "n";
  const c = g.trim();
  if (!c) return "_";
  return c.charAt(0);
}

/** The gaps before and after token i, one character each. */
export const gaps = (tokens: readonly Token[], i: number, norm: string): string =>
  gapKind(norm, tokens[i - 1], tokens[i]) + gapKind(norm, tokens[i], tokens[i + 1]);

/** The features of a word on its own (cached per distinct word by the tagger). */
export function wordFeatures(x: TokenView, style: CaseStyle): string[] {
  const w = x.w;
  const f = [
    "b",
    `w=${w}`,
    `sh=${x.shape}`,
    `c=${x.cap}${style}`,
    `g=${x.gaz}`,
    `gc=${x.gaz}${x.cap}${style}`,
    `p3=${w.slice(0, 3)}`,
    `s2=${w.slice(-2)}`,
    `s3=${w.slice(-3)}`,
    `s4=${w.slice(-4)}`,
    `l=${Math.min(w.length, 10)}`,
  ];
  if (x.tag) f.push("tag");
  if (x.poss) f.push("poss");
  return f;
}

/** The features of token i that depend on its neighbours and its place in the sentence. */
export function contextFeatures(
  tokens: readonly Token[],
  v: readonly TokenView[],
  i: number,
  style: CaseStyle,
  norm: string,
  rules?: Uint8Array,
): string[] {
  const t = tokens[i]!;
  const x = v[i]!;
  const p = v[i - 1];
  const p2 = v[i - 2];
  const n = v[i + 1];
  const n2 = v[i + 2];
  const first = t.first ? 1 : 0;
  const f: string[] = [
    `gs=${x.gaz}${x.cap}${first}`,
    `cs=${x.cap}${first}${style}`,
    `pw=${p ? p.w : "^"}`,
    `nw=${n ? n.w : "$"}`,
    `ppw=${p2 ? p2.w : "^"}|${p ? p.w : "^"}`,
    `nnw=${n ? n.w : "$"}|${n2 ? n2.w : "$"}`,
    `pg=${p ? p.gaz + p.cap : "^"}`,
    `ng=${n ? n.gaz + n.cap : "$"}`,
    `pgc=${p ? p.gaz + p.cap : "^"}|${x.gaz}${x.cap}`,
    `ngc=${x.gaz}${x.cap}|${n ? n.gaz + n.cap : "$"}`,
    `psh=${p ? p.shape : "^"}|${x.shape}`,
    `nsh=${x.shape}|${n ? n.shape : "$"}`,
    `gp=${gaps(tokens, i, norm)}`,
    `pwc=${p ? p.w : "^"}|${x.cap}`,
    `nwc=${x.cap}|${n ? n.w : "$"}`,
  ];
  if (rules) {
    // What the rule-based finder said (0 no name, 1 a name begins, 2 goes on), for this word and the next.
    const rv = rules[i]!;
    f.push(
      `r=${rv}`,
      `rc=${rv}${x.cap}${style}`,
      `rn=${rv}${rules[i + 1] ?? 9}`,
      `rp=${rules[i - 1] ?? 9}${rv}`,
    );
  }
  if (n?.tag) f.push("ntag");
  if (p?.tag) f.push("ptag");
  return f;
}

/** Every feature of token i (for training). */
export function features(
  tokens: readonly Token[],
  v: readonly TokenView[],
  i: number,
  style: CaseStyle,
  norm: string,
  rules?: Uint8Array,
): string[] {
  return [...wordFeatures(v[i]!, style), ...contextFeatures(tokens, v, i, style, norm, rules)];
}

// ---------- The same features, scored without building their strings ----------
// At run time the tagger does not need a feature's name, only its weights. FeatureTable holds the model's
// features under a 64-bit hash of their names (two 32-bit lanes over the UTF-16 units, so no string is ever
// cut or joined), and scoreWord / scoreContext below walk exactly the features wordFeatures and
// contextFeatures list, in the same order, feeding the table each name's parts. The sums are therefore the
// same numbers as the string path's (tested against it in tagger.test.ts). The trainer keeps the strings.

const LANE_A = 2166136261 | 0;
const LANE_B = 0x9747b28c | 0;

/** The model's feature weights by the hash of each feature's name (open addressing). */
export class FeatureTable {
  private readonly mask: number;
  /** Per slot: the two hash lanes side by side (both 0: empty), so a probe reads one cache line. */
  private readonly keys: Int32Array;
  /** Per slot: the weight for B, then for I. */
  private readonly weights: Float64Array;
  /** The hash of the feature being read. */
  private a = LANE_A;
  private b = LANE_B;
  /** The sums of the weights of the features read so far (for B and for I). */
  sumB = 0;
  sumI = 0;

  /** `names[n]` has weights `wB[n]` (for B) and `wI[n]` (for I); a name given twice keeps its last weights. */
  constructor(names: readonly string[], wB: Float64Array, wI: Float64Array) {
    let size = 16;
    while (size < names.length * 2) size *= 2;
    this.mask = size - 1;
    this.keys = new Int32Array(size * 2);
    this.weights = new Float64Array(size * 2);
    const owner = new Int32Array(size);
    names.forEach((name, n) => {
      this.begin(name);
      this.fixEmpty();
      let k = this.home();
      while (this.keys[2 * k] || this.keys[2 * k + 1]) {
        if (this.keys[2 * k] === this.a && this.keys[2 * k + 1] === this.b) {
          const other = owner[k]!;
          // Two different names under one 64-bit hash would mix their weights: refuse such a model.
          if (names[other] !== name)
            throw new Error(`tagger features "${names[other]}" and "${name}" collide`);
          break;
        }
        k = (k + 1) & this.mask;
      }
      this.keys[2 * k] = this.a;
      this.keys[2 * k + 1] = this.b;
      this.weights[2 * k] = wB[n]!;
      this.weights[2 * k + 1] = wI[n]!;
      owner[k] = n;
    });
  }

  /** (0, 0) marks an empty slot, so a name hashing to it is moved to (1, 0), at load and at lookup alike. */
  private fixEmpty(): void {
    if (this.a === 0 && this.b === 0) this.a = 1;
  }

  private home(): number {
    return (Math.imul(this.a ^ (this.a >>> 16), 0x85ebca6b) ^ this.b) & this.mask;
  }

  /** Starts a feature name with its first part. */
  begin(s: string): void {
    this.a = LANE_A;
    this.b = LANE_B;
    this.part(s);
  }

  /** Goes on with the next part of the name. */
  part(s: string): void {
    let a = this.a;
    let b = this.b;
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      a = Math.imul(a ^ c, 16777619);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    this.a = a;
    this.b = b;
  }

  /** Goes on with the code units [from, to) of s (what s.slice(from, to) would add). */
  range(s: string, from: number, to: number): void {
    let a = this.a;
    let b = this.b;
    for (let k = Math.max(0, from); k < to && k < s.length; k++) {
      const c = s.charCodeAt(k);
      a = Math.imul(a ^ c, 16777619);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    this.a = a;
    this.b = b;
  }

  /** The name is complete: adds its weights, if the model has it, to sumB and sumI. */
  end(): void {
    this.fixEmpty();
    const a = this.a;
    const b = this.b;
    const keys = this.keys;
    for (let k = this.home(); ; k = (k + 1) & this.mask) {
      const ka = keys[2 * k]!;
      const kb = keys[2 * k + 1]!;
      if (ka === a && kb === b) {
        this.sumB += this.weights[2 * k]!;
        this.sumI += this.weights[2 * k + 1]!;
        return;
      }
      if (!ka && !kb) return;
    }
  }

  /** A feature that is one whole string. */
  one(s: string): void {
    this.begin(s);
    this.end();
  }
}

const num = (n: number): string => String(n);

/** What wordFeatures(x, style) lists, scored into t.sumB / t.sumI (in that order). */
export function scoreWord(t: FeatureTable, x: TokenView, style: CaseStyle): void {
  const w = x.w;
  const n = w.length;
  t.one("b");
  t.begin("w=");
  t.part(w);
  t.end();
  t.begin("sh=");
  t.part(x.shape);
  t.end();
  t.begin("c=");
  t.part(x.cap);
  t.part(style);
  t.end();
  t.begin("g=");
  t.part(x.gaz);
  t.end();
  t.begin("gc=");
  t.part(x.gaz);
  t.part(x.cap);
  t.part(style);
  t.end();
  t.begin("p3=");
  t.range(w, 0, 3);
  t.end();
  t.begin("s2=");
  t.range(w, n - 2, n);
  t.end();
  t.begin("s3=");
  t.range(w, n - 3, n);
  t.end();
  t.begin("s4=");
  t.range(w, n - 4, n);
  t.end();
  t.begin("l=");
  t.part(num(Math.min(n, 10)));
  t.end();
  if (x.tag) t.one("tag");
  if (x.poss) t.one("poss");
}

/** The gap before each token as gapKind gives it (index tokens.length: after the last). */
export function gapsBefore(tokens: readonly Token[], norm: string): string[] {
  const out: string[] = new Array<string>(tokens.length + 1);
  for (let k = 0; k <= tokens.length; k++) out[k] = gapKind(norm, tokens[k - 1], tokens[k]);
  return out;
}

/** What contextFeatures(tokens, v, i, style, norm, rules) lists, scored into t.sumB / t.sumI (in order);
 * `gap` is gapsBefore(tokens, norm). */
export function scoreContext(
  t: FeatureTable,
  tokens: readonly Token[],
  v: readonly TokenView[],
  i: number,
  style: CaseStyle,
  gap: readonly string[],
  rules?: Uint8Array,
): void {
  const x = v[i]!;
  const p = v[i - 1];
  const p2 = v[i - 2];
  const n = v[i + 1];
  const n2 = v[i + 2];
  const first = tokens[i]!.first ? "1" : "0";
  t.begin("gs=");
  t.part(x.gaz);
  t.part(x.cap);
  t.part(first);
  t.end();
  t.begin("cs=");
  t.part(x.cap);
  t.part(first);
  t.part(style);
  t.end();
  t.begin("pw=");
  t.part(p ? p.w : "^");
  t.end();
  t.begin("nw=");
  t.part(n ? n.w : "$");
  t.end();
  t.begin("ppw=");
  t.part(p2 ? p2.w : "^");
  t.part("|");
  t.part(p ? p.w : "^");
  t.end();
  t.begin("nnw=");
  t.part(n ? n.w : "$");
  t.part("|");
  t.part(n2 ? n2.w : "$");
  t.end();
  t.begin("pg=");
  if (p) {
    t.part(p.gaz);
    t.part(p.cap);
  } else t.part("^");
  t.end();
  t.begin("ng=");
  if (n) {
    t.part(n.gaz);
    t.part(n.cap);
  } else t.part("$");
  t.end();
  t.begin("pgc=");
  if (p) {
    t.part(p.gaz);
    t.part(p.cap);
  } else t.part("^");
  t.part("|");
  t.part(x.gaz);
  t.part(x.cap);
  t.end();
  t.begin("ngc=");
  t.part(x.gaz);
  t.part(x.cap);
  t.part("|");
  if (n) {
    t.part(n.gaz);
    t.part(n.cap);
  } else t.part("$");
  t.end();
  t.begin("psh=");
  t.part(p ? p.shape : "^");
  t.part("|");
  t.part(x.shape);
  t.end();
  t.begin("nsh=");
  t.part(x.shape);
  t.part("|");
  t.part(n ? n.shape : "$");
  t.end();
  t.begin("gp=");
  t.part(gap[i]!);
  t.part(gap[i + 1]!);
  t.end();
  t.begin("pwc=");
  t.part(p ? p.w : "^");
  t.part("|");
  t.part(x.cap);
  t.end();
  t.begin("nwc=");
  t.part(x.cap);
  t.part("|");
  t.part(n ? n.w : "$");
  t.end();
  if (rules) {
    const rv = num(rules[i]!);
    t.begin("r=");
    t.part(rv);
    t.end();
    t.begin("rc=");
    t.part(rv);
    t.part(x.cap);
    t.part(style);
    t.end();
    t.begin("rn=");
    t.part(rv);
    t.part(num(rules[i + 1] ?? 9));
    t.end();
    t.begin("rp=");
    t.part(num(rules[i - 1] ?? 9));
    t.part(rv);
    t.end();
  }
  if (n?.tag) t.one("ntag");
  if (p?.tag) t.one("ptag");
}
