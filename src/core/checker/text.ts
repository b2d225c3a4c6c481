// Normalisation and tokenising. The checker reads a folded copy of the text (lower case, accents and
// look-alike letters folded, zero-width characters dropped) and keeps a map back to the original offsets,
// so every span it reports points into the text the person typed.

/** A folded copy of the text with, for each folded code unit, its offset in the original. */
export interface Folded {
  text: string;
  norm: string;
  /** map[i] = offset in `text` of norm[i]; map[norm.length] = text.length. */
  map: Int32Array;
}

const DROP = 0; // in FOLD: drop the code unit
const FOLD = buildFoldTable();

function buildFoldTable(): Uint16Array {
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) t[c] = c;
  for (let c = 0x41; c <= 0x5a; c++) t[c] = c + 32; // A-Z
  // Latin-1 and Latin Extended: strip accents, lower-case.
  for (let c = 0xc0; c <= 0x24f; c++) {
    const f = String.fromCharCode(c)
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
    if (f.length === 1) t[c] = f.charCodeAt(0);
  }
  t[0xdf] = 0x73; // ß → s (close enough for matching)
  // Combining marks, zero-width and invisible characters, soft hyphen, bidi controls, variation selectors.
  for (let c = 0x300; c <= 0x36f; c++) t[c] = DROP;
  for (const c of [
    0xad, 0x34f, 0x61c, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0x2061, 0x2062, 0x2063,
    0x2064, 0xfeff,
  ])
    t[c] = DROP;
  for (let c = 0x202a; c <= 0x202e; c++) t[c] = DROP;
  for (let c = 0x2066; c <= 0x2069; c++) t[c] = DROP;
  for (let c = 0xfe00; c <= 0xfe0f; c++) t[c] = DROP;
  // Look-alike letters from Cyrillic and Greek (both cases) that spell English words.
  const alike: Record<string, string> = {
    а: "a",
    в: "b",
    е: "e",
    ё: "e",
    к: "k",
    м: "m",
    н: "h",
    о: "o",
    р: "p",
    с: "c",
    т: "t",
    у: "y",
    х: "x",
    і: "i",
    ї: "i",
    ј: "j",
    ѕ: "s",
    ԁ: "d",
    ԛ: "q",
    ԝ: "w",
    ӏ: "l",
    А: "a",
    В: "b",
    Е: "e",
    К: "k",
    М: "m",
    Н: "h",
    О: "o",
    Р: "p",
    С: "c",
    Т: "t",
    У: "y",
    Х: "x",
    І: "i",
    Ј: "j",
    Ѕ: "s",
    α: "a",
    β: "b",
    ε: "e",
    ι: "i",
    κ: "k",
    ν: "v",
    ο: "o",
    ρ: "p",
    τ: "t",
    υ: "u",
    χ: "x",
    ω: "w",
    Α: "a",
    Β: "b",
    Ε: "e",
    Ζ: "z",
    Η: "h",
    Ι: "i",
    Κ: "k",
    Μ: "m",
    Ν: "n",
    Ο: "o",
    Ρ: "p",
    Τ: "t",
    Υ: "y",
    Χ: "x",
    ɡ: "g",
    ı: "i",
    ł: "l",
    ø: "o",
    đ: "d",
    ħ: "h",
    ŀ: "l",
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u2032": "'",
    "`": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
  };
  for (const [k, v] of Object.entries(alike)) t[k.charCodeAt(0)] = v.charCodeAt(0);
  // Fullwidth ASCII.
  for (let c = 0xff01; c <= 0xff5e; c++) {
    const a = c - 0xff01 + 0x21;
    t[c] = a >= 0x41 && a <= 0x5a ? a + 32 : a;
  }
  return t;
}

/** Folds the text for matching, keeping a map to original offsets. Linear time. */
export function fold(text: string): Folded {
  const n = text.length;
  const map = new Int32Array(n + 1);
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // Mathematical alphanumeric letters (bold, italic, script…) arrive as surrogate pairs.
    if (c === 0xd835 && i + 1 < n) {
      const lo = text.charCodeAt(i + 1);
      const cp = 0x1d400 + ((0xd835 - 0xd835) << 10) + (lo - 0xdc00);
      if (lo >= 0xdc00 && cp <= 0x1d6a3) {
        const k = (cp - 0x1d400) % 52;
        out.push(k < 26 ? 0x61 + k : 0x61 + k - 26);
        map[j++] = i;
        i++;
        continue;
      }
    }
    const f = FOLD[c]!;
    if (f === DROP) continue;
    out.push(f);
    map[j++] = i;
  }
  map[j] = n;
  let norm = "";
  for (let k = 0; k < out.length; k += 8192) norm += String.fromCharCode(...out.slice(k, k + 8192));
  return { text, norm, map: map.subarray(0, j + 1) };
}

export interface Token {
  /** Index in the token list. */
  i: number;
  /** Folded form (lower case, no accents). */
  norm: string;
  /** Offsets into the original text. */
  start: number;
  end: number;
  /** Offsets into the folded text. */
  nStart: number;
  nEnd: number;
  /** Sentence number (a sentence ends at . ! ? or a line break). */
  sent: number;
  /** First letter is upper case in the original. */
  cap: boolean;
  /** Every letter is upper case in the original (and there are at least two). */
  allCaps: boolean;
  /** The token starts a sentence. */
  first: boolean;
  /** Contains a masking character (* # @ $) between letters: "f***", "sh*t". */
  masked: boolean;
}

// Words: letters and digits, joined by apostrophes or masking characters; masks may trail ("f***").
const WORD =
  /[\p{L}\p{N}]+(?:['*@$#]+[\p{L}\p{N}]+)*[*#]*|[@$]{1,3}\p{L}[\p{L}\p{N}]*|\p{Extended_Pictographic}/gu;
const SENTENCE_END = /[.!?\n]/;

/** Splits the folded text into word tokens with original offsets, sentence numbers and case flags. */
export function tokenise(f: Folded): Token[] {
  const tokens: Token[] = [];
  let sent = 0;
  let last = 0;
  let first = true;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(f.norm); m; m = WORD.exec(f.norm)) {
    const nStart = m.index;
    const nEnd = nStart + m[0].length;
    // Did a sentence end in the gap before this token? ("Dr." and initials are not sentence ends.)
    const gap = f.norm.slice(last, nStart);
    if (tokens.length && SENTENCE_END.test(gap)) {
      const prev = tokens[tokens.length - 1]!;
      const abbreviation =
        gap.startsWith(".") && !gap.includes("\n") && (prev.norm.length === 1 || TITLES.has(prev.norm));
      if (!abbreviation) {
        sent++;
        first = true;
      }
    }
    last = nEnd;
    const start = f.map[nStart]!;
    const end = f.map[nEnd - 1]! + 1 + (isHighSurrogate(f.text.charCodeAt(f.map[nEnd - 1]!)) ? 1 : 0);
    const orig = f.text.slice(start, end);
    const c0 = orig.charAt(0);
    const cap = c0 !== c0.toLowerCase();
    const letters = orig.replace(/[^\p{L}]/gu, "");
    const allCaps =
      letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
    const norm = m[0];
    tokens.push({
      i: tokens.length,
      norm,
      start,
      end,
      nStart,
      nEnd,
      sent,
      cap,
      allCaps,
      first,
      masked: /[*@$#]/.test(norm) && /\p{L}/u.test(norm),
    });
    first = false;
  }
  return tokens;
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

/** Titles that end in a full stop without ending the sentence. */
export const TITLES = new Set([
  "mr",
  "mrs",
  "ms",
  "miss",
  "mx",
  "dr",
  "prof",
  "rev",
  "st",
  "sr",
  "jr",
  "no",
  "vs",
  "etc",
  "eg",
  "ie",
  "apt",
  "nr",
  "approx",
]);

const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "8": "b",
  "@": "a",
  $: "s",
  "!": "i",
  "|": "l",
};

/** "c0vid" → "covid", "sh1t" → "shit": only for tokens that mix letters with digits or symbols. */
export function unleet(word: string): string {
  if (!/\p{L}/u.test(word) || !/[0-9@$!|]/.test(word)) return word;
  let out = "";
  for (const ch of word) out += LEET[ch] ?? ch;
  return out;
}
