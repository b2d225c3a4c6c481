// Person names: titles ("Dr Patel"), cues ("my name is …", "thanks …"), first-name and surname lexicons
// with capitalisation, and the practice's own staff names.
import { COMMON_WORDS, FIRST_NAMES, NOT_NAMES, SURNAMES } from "../lexicon";
import type { Token } from "../text";
import type { Found } from "./identifiers";

export interface PersonFound extends Found {
  /** Token range of the name. */
  from: number;
  to: number;
  /** Preceded by a title such as Dr or Mrs (the title is not inside the span). */
  title?: string;
  /** A name the practice lists as staff. */
  staff?: boolean;
}

const TITLES = new Set([
  "mr",
  "mrs",
  "ms",
  "miss",
  "mx",
  "dr",
  "doctor",
  "prof",
  "professor",
  "sir",
  "dame",
  "lady",
  "lord",
  "nurse",
  "sister",
  "matron",
  "rev",
  "reverend",
  "father",
  "fr",
  "mister",
  "madam",
  "mrs.",
  "dr.",
  "cllr",
  "councillor",
]);
const PARTICLES = new Set([
  "de",
  "van",
  "von",
  "der",
  "den",
  "da",
  "di",
  "du",
  "le",
  "la",
  "del",
  "della",
  "dos",
  "das",
  "al",
  "el",
  "bin",
  "ibn",
  "ben",
  "mac",
  "st",
  "ter",
  "ten",
  "y",
]);
// Words after which a capitalised word is very likely a name.
const CUES: string[][] = [
  ["my", "name", "is"],
  ["name", "is"],
  ["name"],
  ["names"],
  ["hi"],
  ["hello"],
  ["hey"],
  ["dear"],
  ["thanks"],
  ["thank", "you"],
  ["thankyou"],
  ["cheers"],
  ["says"],
  ["said"],
  ["asks"],
  ["asked"],
  ["calls", "me"],
  ["call", "me"],
  ["called"],
  ["named"],
  ["i", "am"],
  ["i'm"],
  ["im"],
  ["this", "is"],
  ["meet"],
  ["welcome"],
  ["congratulations"],
  ["congrats"],
  ["to"],
  ["with"],
  ["by"],
  ["from"],
  ["and"],
];
const STRONG_CUES = new Set([
  "my name is",
  "name is",
  "name",
  "names",
  "calls me",
  "call me",
  "called",
  "named",
  "i am",
  "i'm",
  "im",
  "hi",
  "hello",
  "hey",
  "dear",
  "says",
  "said",
  "asks",
  "asked",
  "welcome",
  "meet",
  "congratulations",
  "congrats",
  "thanks",
  "thank you",
  "thankyou",
  "cheers",
]);

interface Opts {
  /** Folded forms of practice staff names (first names and full names). */
  staff: ReadonlySet<string>;
  /** Token indexes that may not be part of a name (URLs, emails, places, practice names). */
  blocked: ReadonlySet<number>;
  /** The folded text, to look at the characters around tokens. */
  norm: string;
  /** The original text. */
  text: string;
}

const base = (t: Token): string => (t.norm.endsWith("'s") ? t.norm.slice(0, -2) : t.norm);
const isInitial = (t: Token, norm: string): boolean => t.cap && t.norm.length === 1 && norm[t.nEnd] === ".";
const isHashOrHandle = (t: Token, norm: string): boolean =>
  t.nStart > 0 && /[#@_/]/.test(norm[t.nStart - 1]!);
const nameLike = (w: string): boolean => !COMMON_WORDS.has(w) && /^\p{L}[\p{L}'-]*$/u.test(w);
const known = (w: string): boolean => (FIRST_NAMES.has(w) || SURNAMES.has(w)) && !NOT_NAMES.has(w);

/** Finds person names in the tokens. */
export function findPersons(tokens: readonly Token[], opts: Opts): PersonFound[] {
  const out: PersonFound[] = [];
  const { staff, blocked, norm } = opts;
  const ok = (t: Token | undefined): t is Token =>
    !!t && !blocked.has(t.i) && !isHashOrHandle(t, norm) && !/\d/.test(t.norm);
  // Extends a name from token i over following capitalised name parts; returns the end (exclusive).
  const extend = (i: number): number => {
    let j = i + 1;
    while (j < tokens.length && j - i < 4) {
      const t = tokens[j]!;
      if (!ok(t) || t.sent !== tokens[i]!.sent) break;
      const w = base(t);
      if (isInitial(t, norm)) {
        j++;
        continue;
      }
      if (PARTICLES.has(w) && !t.cap && tokens[j + 1]?.cap && ok(tokens[j + 1])) {
        j += 2;
        continue;
      }
      if (t.cap && !t.allCaps && (known(w) || nameLike(w))) {
        j++;
        continue;
      }
      break;
    }
    // Do not end on an initial's full stop-less particle.
    return j;
  };
  const add = (from: number, to: number, extra: Partial<PersonFound> = {}): void => {
    const a = tokens[from]!;
    const b = tokens[to - 1]!;
    let end = b.end;
    if (b.norm.endsWith("'s")) end -= 2;
    const text = opts.text.slice(a.start, end);
    const names = tokens.slice(from, to).map(base);
    const isStaff = names.some((n) => staff.has(n)) || staff.has(names.join(" "));
    out.push({
      type: "person",
      start: a.start,
      end,
      text,
      from,
      to,
      ...(isStaff ? { staff: true } : {}),
      ...extra,
    });
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!ok(t)) continue;
    const w = base(t);

    // 1. Title + name: "Dr Patel", "Mrs Edith Marsden".
    if (TITLES.has(w) && (t.cap || w === "dr")) {
      const n = tokens[i + 1];
      if (
        ok(n) &&
        n.sent === t.sent &&
        n.cap &&
        !n.allCaps &&
        (known(base(n)) || nameLike(base(n)) || FIRST_NAMES.has(base(n)))
      ) {
        const to = extend(i + 1);
        add(i + 1, to, { title: w });
        i = to - 1;
        continue;
      }
    }

    // 2. Staff names the practice gave us, in any case.
    if (staff.has(w) && (t.cap || !COMMON_WORDS.has(w))) {
      const to = t.cap ? extend(i) : i + 1;
      add(i, to, { staff: true });
      i = to - 1;
      continue;
    }

    if (!t.cap || t.allCaps) {
      // 3. Lower-case first name in informal text ("asked daniel if …"): only unambiguous names.
      if (
        !t.cap &&
        w.length >= 4 &&
        FIRST_NAMES.has(w) &&
        !COMMON_WORDS.has(w) &&
        !NOT_NAMES.has(w) &&
        cueBefore(tokens, i)
      ) {
        add(i, i + 1);
      }
      continue;
    }

    const cue = cueBefore(tokens, i);
    const isFirst = FIRST_NAMES.has(w) && !NOT_NAMES.has(w);
    const isSur = SURNAMES.has(w) && !NOT_NAMES.has(w);
    const common = COMMON_WORDS.has(w);
    const to = extend(i);
    const multi = to - i > 1;
    const nextKnown = multi && tokens.slice(i + 1, to).some((x) => known(base(x)));

    let accept = false;
    if (cue && STRONG_CUES.has(cue) && !common)
      accept = true; // "My name is Rubija"
    else if (isFirst && !common) accept = true;
    else if (isFirst && common && multi && nextKnown)
      accept = true; // "Will Smith"
    else if (isSur && !common && (!t.first || multi || cue))
      accept = true; // "says Iwase", "Gerrard used to"
    else if (isSur && !common && t.first && !multi) accept = looksLikeSubject(tokens, i);
    else if (!common && multi && nextKnown && !t.first) accept = true; // "Calquín Cazares"
    if (!accept && common && multi) {
      // "Will Colin Doyle": the name starts at the next token.
      continue;
    }
    if (accept) {
      add(i, to);
      i = to - 1;
    }
  }
  return out;
}

/** The cue phrase that ends just before token i, if any. */
function cueBefore(tokens: readonly Token[], i: number): string | null {
  for (const cue of CUES) {
    const n = cue.length;
    if (i - n < 0) continue;
    let match = true;
    for (let k = 0; k < n; k++) {
      const t = tokens[i - n + k]!;
      if (t.norm !== cue[k] || t.sent !== tokens[i]!.sent) {
        match = false;
        break;
      }
    }
    if (match) return cue.join(" ");
  }
  return null;
}

/** A sentence-initial surname followed by a verb-like word ("Gerrard used to …"). */
function looksLikeSubject(tokens: readonly Token[], i: number): boolean {
  const n = tokens[i + 1];
  if (!n || n.sent !== tokens[i]!.sent) return false;
  return (
    /^(?:is|was|has|had|says|said|will|would|should|could|can|does|did|scores|scored|looks|used|needs|just|really|actually|gets|got|made|makes|wants|wanted|thinks|thought|told|tells|played|plays|signed|joins|joined|and|'s)$/.test(
      n.norm,
    ) || n.norm.endsWith("ed")
  );
}
