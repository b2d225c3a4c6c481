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
  /** Everything the word's own features depend on, as one string (a cache key). */
  key: string;
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
    return {
      w,
      shape: m[0],
      cap,
      gaz: m[1],
      tag,
      poss,
      key: `${w}\u0001${m[1]}\u0001${cap}${m[0]}${tag ? 1 : 0}${poss ? 1 : 0}`,
    };
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

/** Everything the context features of token i depend on, as one string (a cache key). */
export function contextKey(
  tokens: readonly Token[],
  v: readonly TokenView[],
  i: number,
  norm: string,
): string {
  return `${v[i - 2]?.w ?? "^"}\u0002${v[i - 1]?.key ?? "^"}\u0002${v[i]!.key}\u0002${v[i + 1]?.key ?? "$"}\u0002${
    v[i + 2]?.w ?? "$"
  }\u0002${gaps(tokens, i, norm)}${tokens[i]!.first ? 1 : 0}`;
}

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
