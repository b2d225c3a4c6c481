// Person names. A trained sequence tagger (models/tagger.ts, data/models/names.json) decides where names
// are; the name lists are among its features. Rules stay where the form is fixed or the practice told us:
// a strong title before a word ("Dr Okafor", "Mrs [name]"), the practice's own staff names, and a name the
// text has already shown being repeated. The older rule-based finder below is kept for those three.
import frequentSurnames from "../../../../data/names/frequent-surnames.json" with { type: "json" };
import streetWords from "../../../../data/places/street-words.json" with { type: "json" };
import famousPeople from "../../../../data/names/famous.json" with { type: "json" };
import { PhraseMatcher } from "../phrases";
import { COMMON_WORDS, FIRST_NAMES, NOT_NAMES, ORGANISATIONS, PLACE_WORDS, SURNAMES } from "../lexicon";
import type { Token } from "../text";
import type { Found } from "./identifiers";
import namesModel from "../../../../data/models/names.json" with { type: "json" };
import { loadTagger, tagNames, type Tagger } from "../models/tagger";

export interface PersonFound extends Found {
  /** Token range of the name. */
  from: number;
  to: number;
  /** Preceded by a title such as Dr or Mrs (the title is not inside the span). */
  title?: string;
  /** A name the practice lists as staff. */
  staff?: boolean;
}

interface Opts {
  /** Folded forms of practice staff names (first names, surnames and full names). */
  staff: ReadonlySet<string>;
  /** Token indexes that may not be part of a name (URLs, emails, places, practice names). */
  blocked: ReadonlySet<number>;
  /** The folded text, to look at the characters around tokens. */
  norm: string;
  /** The original text. */
  text: string;
}

/** The commonest surnames (by census frequency): the only ordinary words ("Young", "Hill") a name may end in. */
const FREQUENT_SURNAMES: ReadonlySet<string> = new Set(frequentSurnames);
/** Well-known people, in any case: "beyonce", "Usain Bolt". */
const FAMOUS = new PhraseMatcher<true>(famousPeople.map((n): [string, true] => [n, true]));
/** Street words ("Creek", "Crossing"): a capitalised word before one names a street, not a person. */
const STREET_WORDS: ReadonlySet<string> = new Set(streetWords);

const TITLES = new Set(
  "mr mrs ms miss mx dr doctor prof professor sir dame lady lord nurse sister matron rev reverend father fr mister madam cllr councillor".split(
    " ",
  ),
);
/** Titles that stand before a surname whatever it is ("Mr Baker", "Dr Ferrow"), also in lower case. */
const STRONG_TITLES = new Set("mr mrs ms mx dr prof".split(" "));
const PARTICLES = new Set(
  "de van von der den da di du le la del della dos das al el bin ibn ben mac ter ten y".split(" "),
);
const ORG_WORDS = new Set(
  "inc ltd llc plc corp corporation company group orchestra band associates university college school hospital surgery practice centre center trust foundation bank limited gmbh club fc society institute academy council media records studios labs solutions systems technologies consulting services healthcare pharma news magazine weekly street road avenue lane drive close way software investments partners chemist chemists pharmacy opticians optician dental dentist dentists clinic garage hotel cafe restaurant pub inn salon shop store stores supermarket hall church chapel".split(
    " ",
  ),
);
// Words after which a capitalised word is very likely a name; the strong ones accept names no lexicon knows.
const CUES: [string[], boolean][] = [
  [["my", "name", "is"], true],
  [["name", "is"], true],
  [["name"], true],
  [["names"], true],
  [["hi"], true],
  [["hello"], true],
  [["hey"], true],
  [["dear"], true],
  [["thanks"], true],
  [["thank", "you"], true],
  [["thankyou"], true],
  [["cheers"], true],
  [["says"], true],
  [["said"], true],
  [["asks"], true],
  [["asked"], true],
  [["calls", "me"], true],
  [["named", "him"], true],
  [["named", "her"], true],
  [["called", "him"], true],
  [["called", "her"], true],
  [["call", "him"], true],
  [["call", "her"], true],
  [["call", "me"], true],
  [["called"], true],
  [["named"], true],
  [["i", "am"], true],
  [["i'm"], true],
  [["im"], true],
  [["meet"], true],
  [["welcome"], true],
  [["congratulations"], true],
  [["congrats"], true],
  [["assistant", "to"], true],
  [["change", "it", "to"], true],
  [["talk", "to"], true],
  [["speak", "to"], true],
  [["spoke", "to"], true],
  [["spoke", "with"], true],
  ...[
    "son",
    "daughter",
    "kid",
    "child",
    "wife",
    "husband",
    "brother",
    "boyfriend",
    "girlfriend",
    "partner",
  ].flatMap((r): [string[], boolean][] => [
    [["my", r], true],
    [["our", r], true],
    [["his", r], true],
    [["her", r], true],
  ]),
  [["saw"], false],
  [["this", "is"], false],
  [["to"], false],
  [["with"], false],
  [["by"], false],
  [["from"], false],
  [["and"], false],
  [["at"], false],
  [["under"], false],
  [["add"], false],
];
const VERBISH =
  /^(?:is|was|has|had|says|said|will|would|should|could|can|does|did|lives|lived|spent|shouted|told|tells|asked|says|scores|scored|looks|used|needs|just|really|actually|gets|got|made|makes|wants|wanted|thinks|thought|played|plays|signed|joins|joined|and|'s|went|came|is|isn't|wasn't|loves|hates|knows|works|worked|called|rang|sent|gave|gives|began|begins|started|explained|flew|arrived|died|won|wrote|writes|sang|sings|left|replied|added|announced|admitted|insisted|claimed|broke|became|walked|stayed)$/;

/** Verbs after which a first name that is also a word ("Christian", "Nick") is a person. */
const SUBJECT_VERB =
  /^(?:has|had|is|was|says|said|told|tells|asked|wants|wanted|thinks|thought|loves|hates|knows|looks|gave|sent|rang|replied|just)$/;
/** Works named after their maker or star: "the Brontë novels", "a Hendrix concert". */
const WORKS =
  /^(?:novel|novels|film|films|movie|song|songs|album|concert|gig|tour|fan|fans|version|biography|painting|play|book|books|record|interview|show|documentary|memoir|track)$/;
const DETERMINERS =
  /^(?:the|a|an|this|that|these|those|my|your|our|his|her|their|its|every|each|no|some|any)$/;
const base = (t: Token): string => (t.norm.endsWith("'s") ? t.norm.slice(0, -2) : t.norm);
const isInitial = (t: Token, norm: string): boolean =>
  t.cap && t.norm.length === 1 && (norm[t.nEnd] === "." || norm[t.nEnd] === " ");
const isHashOrHandle = (t: Token, norm: string): boolean =>
  (t.nStart > 0 && /[#@_/]/.test(norm[t.nStart - 1]!)) || norm[t.nEnd] === "_";
const LETTERS = /^\p{L}+$/u;
const TRIPLE = /(\p{L})\1\1/u;
/** A capitalised part after a name's first part: ordinary words only when they are common surnames ("Young"). */
const capPart = (w: string): boolean =>
  COMMON_WORDS.has(w) ? FREQUENT_SURNAMES.has(w) : known(w) || nameLike(w);
/** A street word ("Creek", "Crossing") that is not also a common surname or first name. */
const streetWord = (w: string): boolean =>
  STREET_WORDS.has(w) && !FREQUENT_SURNAMES.has(w) && !FIRST_NAMES.has(w);
/** Mostly words that are neither English nor names: another language. */
function isForeign(tokens: readonly Token[]): boolean {
  let words = 0;
  let unknown = 0;
  for (const t of tokens) {
    const w = t.norm;
    if (w.length < 2 || !LETTERS.test(w)) continue;
    words++;
    if (!COMMON_WORDS.has(w) && !FIRST_NAMES.has(w) && !SURNAMES.has(w)) unknown++;
  }
  return words >= 4 && unknown > words * 0.5;
}
/** A capitalised token with a capital inside it ("JoBloggs"), memoised per token in `memo`. */
function isCamelToken(t: Token, text: string, memo: Int8Array): boolean {
  if (!t.cap || t.allCaps) return false;
  if (!memo[t.i]) {
    let inner = false;
    for (let k = t.start + 1; k < t.end && !inner; k++) {
      const c = text.charCodeAt(k);
      inner = (c >= 65 && c <= 90) || (c > 127 && text[k] !== text[k]!.toLowerCase());
    }
    memo[t.i] = inner && isCamel(text.slice(t.start, t.end)) ? 1 : 2;
  }
  return memo[t.i] === 1;
}
/** After "#", or "# " as tokenised tweets write it. */
const isHashtag = (t: Token, norm: string): boolean =>
  norm[t.nStart - 1] === "#" || (norm[t.nStart - 1] === " " && norm[t.nStart - 2] === "#");
/** "JoBloggs", "ProfAnnSmith": a capital inside a word marks a user name or hashtag, not a name in running text. */
const isCamel = (s: string): boolean =>
  /\p{Ll}\p{Lu}/u.test(s.replace(/^(?:Mc|Mac|O'|D'|De|Di|Da|Du|La|Le|Van|Von)/, ""));
/** A hashtag that spells a person's name: "#JoBloggs", "#jobloggs" (first name + surname from the lists). */
function hashtagName(orig: string, w: string): boolean {
  if (/[^\p{L}]/u.test(orig)) return false;
  const parts = orig.match(/\p{Lu}\p{Ll}*/gu);
  if (parts && parts.join("") === orig && parts.length >= 2 && parts.length <= 3) {
    const a = parts[0]!.toLowerCase();
    const b = parts[parts.length - 1]!.toLowerCase();
    return (
      a.length >= 3 &&
      b.length >= 3 &&
      FIRST_NAMES.has(a) &&
      !NOT_NAMES.has(a) &&
      (SURNAMES.has(b) || (!COMMON_WORDS.has(b) && nameShaped(b)))
    );
  }
  if (orig !== orig.toLowerCase() || w.length < 8) return false;
  for (let k = 4; k <= w.length - 4; k++) {
    const a = w.slice(0, k);
    const b = w.slice(k);
    if (FIRST_NAMES.has(a) && !COMMON_WORDS.has(a) && SURNAMES.has(b) && !COMMON_WORDS.has(b)) return true;
  }
  return false;
}
const nameLike = (w: string): boolean =>
  !COMMON_WORDS.has(w) && !ORGANISATIONS.has(w) && /^\p{L}[\p{L}'-]*$/u.test(w);
const known = (w: string): boolean => (FIRST_NAMES.has(w) || SURNAMES.has(w)) && !NOT_NAMES.has(w);
/** Two tokens are parts of one name only when just spaces (or a hyphen, or an initial's full stop) separate them. */
const joined = (a: Token, b: Token, norm: string): boolean => {
  const gap = norm.slice(a.nEnd, b.nStart);
  return /^ {1,2}$/.test(gap) || gap === "-" || (/^\. ?$/.test(gap) && a.norm.length === 1);
};

const DEFAULT_TAGGER: Tagger = loadTagger(namesModel);
let TAGGER: Tagger | null = DEFAULT_TAGGER;

/** Replaces the tagger's model: another model (a training script measuring the one it has just trained),
 * `null` for the rule-based finder alone (to compare with, and to test the rules), or `undefined` for the
 * committed model. */
export function useNameModel(t: Tagger | null | undefined): void {
  TAGGER = t === undefined ? DEFAULT_TAGGER : t;
}

/** Finds person names in the tokens: the tagger's names, with titled and staff names from the rules. */
export function findPersons(tokens: readonly Token[], opts: Opts): PersonFound[] {
  const { norm, text } = opts;
  if (!TAGGER) return findPersonsByRules(tokens, opts);
  const tagger = TAGGER;
  const ruled = findPersonsByRules(tokens, opts).filter((p) => p.title || p.staff);
  const camel = new Int8Array(tokens.length);
  const free = (t: Token): boolean =>
    !opts.blocked.has(t.i) && !isHandle(t, norm) && !/\d/.test(t.norm) && !isCamelToken(t, text, camel);
  // A name's parts are joined by spaces, a hyphen or an initial's stop: "Ann, Bob" is two names.
  const tagged: [number, number][] = [];
  for (const [a, b] of tagNames(tagger, tokens, text, norm, (k) => !free(tokens[k]!))) {
    let s = a;
    for (let k = a + 1; k < b; k++)
      if (!joined(tokens[k - 1]!, tokens[k]!, norm) && !TITLES.has(tokens[k - 1]!.norm)) {
        tagged.push([s, k]);
        s = k;
      }
    tagged.push([s, b]);
  }
  const out: PersonFound[] = [];
  // Both sorted by position: walk them together, one name per overlapping pair (the tagger's span, the
  // rule's title and staff marks).
  let r = 0;
  for (const [from0, to0] of tagged) {
    let from = from0;
    let to = to0;
    const t0 = tokens[from]!;
    let title: string | undefined;
    // A title alone ("Sir", "Nurse") is a way of addressing someone, not their name.
    if (tokens.slice(from, to).every((t) => TITLES.has(t.norm))) continue;
    // A title the tagger put inside the name ("President Obama") is reported as the name's title.
    if (TITLES.has(t0.norm) && to - from > 1) title = t0.norm;
    while (r < ruled.length && ruled[r]!.to <= from) out.push(withTitle(ruled[r++]!));
    let staff = false;
    while (r < ruled.length && ruled[r]!.from < to) {
      const q = ruled[r++]!;
      title ??= q.title;
      staff ||= !!q.staff;
      from = Math.min(from, q.title ? q.from - 1 : q.from);
      to = Math.max(to, q.to);
    }
    const a = tokens[from]!;
    const b = tokens[to - 1]!;
    const end = b.norm.endsWith("'s") ? b.end - 2 : b.end;
    const names = tokens.slice(from, to).map(base);
    staff ||= names.some((n) => opts.staff.has(n)) || opts.staff.has(names.join(" "));
    out.push({
      type: "person",
      start: a.start,
      end,
      text: text.slice(a.start, end),
      from,
      to,
      ...(title ? { title } : {}),
      ...(staff ? { staff: true } : {}),
    });
  }
  while (r < ruled.length) out.push(withTitle(ruled[r++]!));
  return out;

  /** The rules leave the title out of a name's span; with the tagger it is part of it ("Mrs Okafor"). */
  function withTitle(p: PersonFound): PersonFound {
    const t = tokens[p.from - 1];
    if (!p.title || !t) return p;
    return { ...p, start: t.start, text: text.slice(t.start, p.end), from: p.from - 1 };
  }
}

/** A handle: "@name" or "@ name" (tweets as tokenised), or a word joined to one by "_". */
const isHandle = (t: Token, norm: string): boolean =>
  isHashOrHandle(t, norm) || (t.nStart > 1 && norm.slice(t.nStart - 2, t.nStart) === "@ ");

/** Finds person names in the tokens by rules (titles, cues, lists and capitals). */
export function findPersonsByRules(tokens: readonly Token[], opts: Opts): PersonFound[] {
  const out: PersonFound[] = [];
  const { staff, blocked, norm } = opts;
  // In text that is mostly not English, uncommon lower-case words are no sign of a name (looked at once, lazily).
  let foreign: boolean | undefined;
  const camel = new Int8Array(tokens.length); // 0 not yet looked at, 1 camel case, 2 not
  const ok = (t: Token | undefined): t is Token =>
    !!t &&
    !blocked.has(t.i) &&
    !isHashOrHandle(t, norm) &&
    !/\d/.test(t.norm) &&
    !isCamelToken(t, opts.text, camel);
  /** Extends a name from token i over following name parts; -1 when the run turns out to be an organisation. */
  const extend = (i: number): number => {
    const lower = !tokens[i]!.cap;
    let j = i + 1;
    while (j < tokens.length && j - i < 4) {
      const t = tokens[j]!;
      const prev = tokens[j - 1]!;
      if (!ok(t) || t.sent !== tokens[i]!.sent || !joined(prev, t, norm) || prev.norm.endsWith("'s")) break;
      const w = base(t);
      if ((ORG_WORDS.has(w) || streetWord(w)) && t.cap) return -1;
      // "Soo I said": the pronoun I, not an initial, when a lower-case word follows.
      const pronoun = t.norm === "i" && norm[t.nEnd] !== "." && !!tokens[j + 1] && !tokens[j + 1]!.cap;
      if (pronoun) break;
      if (isInitial(t, norm) && !lower) j++;
      else if (PARTICLES.has(w) && !t.cap && tokens[j + 1]?.cap && ok(tokens[j + 1])) j += 2;
      else if (!lower && t.cap && !t.allCaps && (capPart(w) || isInitial(prev, norm)))
        j++; // "J. Whitcombe"
      else if (lower && !t.cap && w.length > 2 && !COMMON_WORDS.has(w) && (SURNAMES.has(w) || nameShaped(w)))
        j++;
      else if (lower && !t.cap && w.length === 1 && norm[t.nEnd] === ".") j++;
      else break;
    }
    return j;
  };
  const add = (from: number, to: number, extra: Partial<PersonFound> = {}): void => {
    const a = tokens[from]!;
    const b = tokens[to - 1]!;
    const end = b.norm.endsWith("'s") ? b.end - 2 : b.end;
    const names = tokens.slice(from, to).map(base);
    const isStaff = names.some((n) => staff.has(n)) || staff.has(names.join(" "));
    out.push({
      type: "person",
      start: a.start,
      end,
      text: opts.text.slice(a.start, end),
      from,
      to,
      ...(isStaff ? { staff: true } : {}),
      ...extra,
    });
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // 0. A hashtag that spells a name: "#JoBloggs".
    if (
      !blocked.has(t.i) &&
      isHashtag(t, norm) &&
      norm[t.nEnd] !== "_" &&
      hashtagName(opts.text.slice(t.start, t.end), t.norm)
    ) {
      add(i, i + 1);
      continue;
    }
    if (!ok(t)) continue;
    const w = base(t);
    if (w.length < 2 || (w.includes("'") && !t.norm.endsWith("'s")) || ORGANISATIONS.has(w)) continue;
    // "Wahaaay", "Sooo": a letter three times over is a drawn-out word, not a name.
    if (TRIPLE.test(w) && !staff.has(w)) continue;

    // 1. Title + name: "Dr Okafor", "Mrs Ada Pennington".
    const strongTitle = STRONG_TITLES.has(w);
    const prevT = tokens[i - 1];
    const afterCapital = !!prevT && prevT.cap && !prevT.first && prevT.sent === t.sent; // "Larkfield Dr" (a street)
    if (TITLES.has(w) && (t.cap || strongTitle) && !(w === "dr" && afterCapital)) {
      const n = tokens[i + 1];
      const nb = n ? base(n) : "";
      if (
        ok(n) &&
        n.sent === t.sent &&
        !n.allCaps &&
        !ORG_WORDS.has(nb) &&
        !streetWord(nb) &&
        (n.cap
          ? strongTitle || known(nb) || nameLike(nb)
          : strongTitle && nb.length > 2 && !COMMON_WORDS.has(nb) && (SURNAMES.has(nb) || nameShaped(nb)))
      ) {
        const to = Math.max(i + 2, extend(i + 1));
        add(i + 1, to, { title: w });
        i = to - 1;
        continue;
      }
    }

    // 2. Staff names the practice gave us, in any case.
    if (staff.has(w) && (t.cap || !COMMON_WORDS.has(w))) {
      const to = t.cap ? Math.max(i + 1, extend(i)) : i + 1;
      add(i, to, { staff: true });
      i = to - 1;
      continue;
    }
    if (ORG_WORDS.has(w)) continue;

    const cue = cueBefore(tokens, i);
    const placeWordBefore = !!prevT && /^(?:in|at|near|from|to|around|outside|towards|via)$/.test(prevT.norm);
    if (
      t.allCaps &&
      w.length >= 4 &&
      FIRST_NAMES.has(w) &&
      !COMMON_WORDS.has(w) &&
      !NOT_NAMES.has(w) &&
      !placeWordBefore
    ) {
      // 3a. A first name in capitals: "WELL DONE MAISIE".
      let to = i + 1;
      const n = tokens[to];
      if (
        n &&
        ok(n) &&
        n.allCaps &&
        joined(t, n, norm) &&
        n.sent === t.sent &&
        known(base(n)) &&
        (!COMMON_WORDS.has(base(n)) || FREQUENT_SURNAMES.has(base(n)))
      )
        to++;
      add(i, to);
      i = to - 1;
      continue;
    }
    if (!t.cap || t.allCaps) {
      // 3. Lower-case names in informal text: a known first name after a cue, or first name + surname.
      if (
        t.allCaps ||
        w.length < 3 ||
        !FIRST_NAMES.has(w) ||
        COMMON_WORDS.has(w) ||
        NOT_NAMES.has(w) ||
        PLACE_WORDS.has(w)
      )
        continue;
      if ((foreign ??= isForeign(tokens))) continue;
      const to = extend(i);
      // "tom : see you there": a lower-case first name that opens a line and speaks.
      const speaks = t.first && /^ ?:(?!\/)/.test(norm.slice(t.nEnd, t.nEnd + 3));
      if (to > i + 1 || (cue && w.length >= 4) || speaks) {
        add(i, Math.max(to, i + 1));
        i = Math.max(to, i + 1) - 1;
      }
      continue;
    }

    const isFirst = FIRST_NAMES.has(w) && !NOT_NAMES.has(w);
    const isSur = SURNAMES.has(w) && !NOT_NAMES.has(w);
    const common = COMMON_WORDS.has(w);
    const ext = extend(i);
    if (ext < 0) {
      i = skipOrg(tokens, i);
      continue;
    }
    const to = ext;
    const multi = to - i > 1;
    const nextKnown = multi && tokens.slice(i + 1, to).some((x) => known(base(x)));
    const subject = looksLikeSubject(tokens, i, to);
    const speaker = t.first && norm[t.nEnd] === ":" && !common; // "Ubul: What a wife."
    const answer = !common && answersNameQuestion(tokens, i, to);
    const last = tokens[to - 1]!;
    const allUncommon = tokens.slice(i, to).every((x) => !COMMON_WORDS.has(base(x)));
    // "Pat 's", "Pat's": a possessive marks a name (or an organisation's, which the lists exclude).
    const possessive =
      last.norm.endsWith("'s") ||
      (tokens[to]?.norm === "s" && /^ ?'$/.test(norm.slice(last.nEnd, tokens[to]!.nStart)));
    // "Remember me, Pat?": a first name addressed at the end of a sentence.
    const vocative =
      !multi &&
      FIRST_NAMES.has(w) &&
      i > 0 &&
      /^, ?$/.test(norm.slice(tokens[i - 1]!.nEnd, t.nStart)) &&
      /^ ?(?:[?!.]|$)/.test(norm.slice(t.nEnd, t.nEnd + 2));
    // "14 Harlow Creek", "9 Sandy Lane": a word right after a house number names a street.
    const afterNumber =
      !!prevT && /^\d+$/.test(prevT.norm) && prevT.sent === t.sent && joined(prevT, t, norm);

    // "in Ashby", "near Hollins": a lone surname after a word of place is more often a town.
    const afterPlaceWord =
      !multi &&
      !!prevT &&
      (/^(?:in|near|around|outside|towards|via)$/.test(prevT.norm) ||
        (/^(?:at|from)$/.test(prevT.norm) && !isFirst));

    let accept = false;
    if (afterNumber || (afterPlaceWord && !possessive && !subject)) accept = false;
    else if (cue && cue[1] && (!common || isFirst))
      accept = true; // "my name is Tamsin"
    else if (speaker || answer || vocative) accept = true;
    else if (possessive && !common && (known(w) || nameShaped(w)))
      accept = true; // "Shona 's goal"
    else if (allUncommon && multi && !(foreign ??= isForeign(tokens)) && (nextKnown || cue) && nameShaped(w))
      accept = true; // "with Oksana Drevin"
    else if (allUncommon && to - i >= 3 && hasMiddleInitial(tokens, i, to, norm))
      accept = true; // "Ilse K. Brandvold"
    else if (isFirst && !common) accept = true;
    else if (isFirst && common && multi && nextKnown)
      accept = true; // "Will Smith"
    else if (
      isFirst &&
      common &&
      !multi &&
      subject &&
      SUBJECT_VERB.test(tokens[to]!.norm) &&
      !(prevT && prevT.sent === t.sent && DETERMINERS.test(prevT.norm))
    )
      accept = true; // "Nick is late again"
    else if (isSur && !common && (!t.first || multi || cue))
      accept = true; // "says Fennimore", "Fennimore used to"
    else if (
      !common &&
      (isSur || multi) &&
      (subject || (multi && /^(?:from|of)$/.test(tokens[to]?.norm ?? "")))
    )
      accept = true; // "Keiko Aldana lives at …"
    else if (!common && !t.first && multi && nextKnown)
      accept = true; // "… Bartek Ulloa"
    else if (!common && !multi && subject && !t.first && cue) accept = true;
    else if (!common && subject && t.first && !isFirst && nameShaped(w)) accept = true; // "Zorvan is always on time."
    if (accept) {
      add(i, to);
      i = to - 1;
    }
  }
  // Well-known people the lists do not know as names: "pictures of beyonce".
  let famousAdded = false;
  for (const m of FAMOUS.matchAll(tokens)) {
    let free = true;
    for (let k = m.from; k < m.to && free; k++) free = ok(tokens[k]) && !isHashtag(tokens[k]!, norm);
    if (!free || out.some((p) => p.from < m.to && m.from < p.to)) continue;
    add(m.from, m.to);
    famousAdded = true;
  }
  // "the Dickens novel", "a Tom Odell concert": a name before a work.
  for (let i = 1; i < tokens.length; i++) {
    const det = tokens[i - 1]!;
    if (!/^(?:the|a|an)$/.test(det.norm)) continue;
    let j = i;
    while (j < tokens.length && j - i < 3 && tokens[j]!.sent === det.sent && tokens[j]!.cap && ok(tokens[j]))
      j++;
    const work = tokens[j];
    if (j === i || !work || work.sent !== det.sent || !WORKS.test(work.norm)) continue;
    const parts = tokens.slice(i, j).map(base);
    const last = parts[parts.length - 1]!;
    if (out.some((p) => p.from < j && i < p.to)) continue;
    if (parts.some((w) => ORG_WORDS.has(w) || ORGANISATIONS.has(w) || PLACE_WORDS.has(w) || NOT_NAMES.has(w)))
      continue;
    if (COMMON_WORDS.has(parts[0]!) && !FIRST_NAMES.has(parts[0]!)) continue;
    if (COMMON_WORDS.has(last) ? !FREQUENT_SURNAMES.has(last) : !(known(last) || nameShaped(last))) continue;
    add(i, j);
    famousAdded = true;
  }
  // A letter's or signature's first line that is only a name: "Ines Varga⏎Physio⏎12 …".
  if (signatureName(tokens, norm, ok, out, add)) famousAdded = true;
  if (famousAdded) out.sort((a, b) => a.start - b.start);
  const kept = dropByContext(tokens, out, norm);
  if (kept !== out) out.splice(0, out.length, ...kept);
  const n = out.length;
  addListNeighbours(tokens, out, norm, add, ok);
  addRepeats(tokens, out, add, ok);
  return out.length === n ? out : dropByContext(tokens, out, norm);
}

/** Nouns that say what an organisation or a work is: "Verdafero is a design agency", "… is a 2017 film". */
const ORG_NOUNS = new Set(
  "agency company firm multinational brand band film movie charity startup start-up business organisation organization brainchild corporation consultancy studio publisher label retailer manufacturer bank newspaper magazine app website platform novel album restaurant hotel".split(
    " ",
  ),
);
/** Words that end a description before its noun: "is a member of the band" is about a person. */
const PHRASE_BREAK = /^(?:of|in|for|with|who|that|which|at|on|to|from|and|but|or|player|fan)$/;
/** Phrases after which a capitalised word is a place: "originally from", "flew to", "based in". */
const PLACE_CUES: string[][] = [
  "originally from",
  "flew to",
  "flown to",
  "fly to",
  "flying to",
  "returned to",
  "travelled to",
  "traveled to",
  "moved to",
  "based in",
  "home city",
  "city of",
  "town of",
  "village of",
  "university of",
  "born in",
  "lives in",
  "living in",
  "live in",
  "trip to",
  "holiday in",
  "headquartered in",
  "located in",
  "i'm in",
  "im in",
  "i am in",
  "we're in",
].map((c) => c.split(" "));
/** "works for X", "employed by X", "recorded for X": X is an organisation. */
const ORG_CUES: string[][] = [
  "work for",
  "works for",
  "worked for",
  "working for",
  "employed by",
  "recorded for",
  "job at",
  "year at",
  "years at",
].map((c) => c.split(" "));

const endsWith = (tokens: readonly Token[], i: number, cue: string[]): boolean => {
  const n = cue.length;
  if (i - n < 0) return false;
  for (let k = 0; k < n; k++) {
    const t = tokens[i - n + k]!;
    if (t.norm !== cue[k] || t.sent !== tokens[i]!.sent) return false;
  }
  return true;
};

/** "… is a bakery chain", "… was a 1990s film": what follows token `to` names an
 * organisation or a work. */
function describedAsOrg(tokens: readonly Token[], to: number, sent: number): boolean {
  const v = tokens[to];
  const art = tokens[to + 1];
  if (!v || !art || v.sent !== sent || art.sent !== sent) return false;
  if (!/^(?:is|was)$/.test(v.norm) || !/^(?:a|an|the)$/.test(art.norm)) return false;
  for (let k = to + 2; k < Math.min(tokens.length, to + 8); k++) {
    const t = tokens[k]!;
    if (t.sent !== sent || PHRASE_BREAK.test(t.norm)) return false;
    if (ORG_NOUNS.has(t.norm)) return true;
  }
  return false;
}

/** Drops names that the words around them show to be an organisation, a work or a place:
 * "Brindle is a bakery chain", "I work for Harte-Lyle", "The Davis, Reynolds and Wu Orchestra",
 * "Harte-Lyle hired", "originally from Quellburg", "a manager from Allianz". */
function dropByContext(tokens: readonly Token[], found: PersonFound[], norm: string): PersonFound[] {
  if (!found.length) return found;
  const drop = new Set<PersonFound>();
  const startsAt = new Map<number, PersonFound>();
  const endsAt = new Map<number, PersonFound>();
  const inPerson = new Map<number, number>(); // token → length of the name it is in
  const listed = new Set<number>(); // tokens of a list of names already judged
  for (const p of found) {
    startsAt.set(p.from, p);
    endsAt.set(p.to, p);
    for (let k = p.from; k < p.to; k++) inPerson.set(k, p.to - p.from);
  }
  for (const p of found) {
    if (p.title || p.staff || drop.has(p)) continue;
    const first = tokens[p.from]!;
    const sent = first.sent;
    // Words before: a place cue, an organisation cue, or "<person> from|of|at".
    if (
      PLACE_CUES.some((c) => endsWith(tokens, p.from, c)) ||
      ORG_CUES.some((c) => endsWith(tokens, p.from, c))
    ) {
      drop.add(p);
      continue;
    }
    const prev = tokens[p.from - 1];
    if (prev && prev.sent === sent && /^(?:from|of|at)$/.test(prev.norm) && endsAt.has(p.from - 1)) {
      drop.add(p);
      continue;
    }
    // A possessive before a full name: "Tesco's Amy Dorne".
    const last = tokens[p.to - 1]!;
    const split = tokens[p.to]?.norm === "s" && /^ ?'$/.test(norm.slice(last.nEnd, tokens[p.to]!.nStart));
    const nextP = startsAt.get(split ? p.to + 1 : p.to);
    if (p.to - p.from === 1 && (last.norm.endsWith("'s") || split) && nextP && nextP.to - nextP.from >= 2) {
      drop.add(p);
      continue;
    }
    // "won the Oscar", "an Oscar and a Bafta": a lone name part after an article, with no noun after it
    // ("the Dickens novel" is about a person), is a thing.
    const nx = tokens[p.to];
    if (
      p.to - p.from === 1 &&
      prev &&
      prev.sent === sent &&
      /^(?:the|a|an)$/.test(prev.norm) &&
      (!nx ||
        nx.sent !== sent ||
        /^(?:and|or|but|for|in|at|on|to|is|was|with|of|this|last|today|tonight)$/.test(nx.norm))
    ) {
      drop.add(p);
      continue;
    }
    // Part of a hyphenated pair of surnames, or such a pair on its own: "Harte-Lyle".
    const before = norm.slice(Math.max(0, first.nStart - 2), first.nStart);
    const hyphenParts =
      p.to - p.from >= 2 &&
      tokens.slice(p.from + 1, p.to).every((t, k) => norm.slice(tokens[p.from + k]!.nEnd, t.nStart) === "-");
    if (
      (/\p{L}-$/u.test(before) && prev?.cap) ||
      (hyphenParts &&
        !(
          prev &&
          prev.sent === sent &&
          (endsAt.has(prev.i + 1) || (prev.cap && FIRST_NAMES.has(base(prev))))
        ))
    ) {
      drop.add(p);
      continue;
    }
    // "X is a bakery chain", "X is a 1990s film", "X is the brainchild of …".
    if (describedAsOrg(tokens, p.to, sent)) {
      drop.add(p);
      continue;
    }
    // A list of bare surnames that names a firm: "The Davis, Reynolds and Wu Orchestra", "Hawkins, Reyes
    // and Shah" after "from", or on a line of its own; "Thomas and Sons".
    if (p.to - p.from !== 1) continue;
    const sep = (x: Token | undefined, y: Token | undefined): boolean =>
      !!x && !!y && x.sent === sent && y.sent === sent && /^, ?$/.test(norm.slice(x.nEnd, y.nStart));
    const isAnd = (t: Token | undefined): boolean =>
      !!t && t.sent === sent && (t.norm === "and" || t.norm === "&");
    const member = (t: Token | undefined): boolean => !!t && t.cap && t.sent === sent && !/\d/.test(t.norm);
    // Every member of a list leads to the same list: it is judged once (else a long list costs n²).
    if (listed.has(p.from)) continue;
    let a = p.from;
    while (true) {
      if (member(tokens[a - 1]) && sep(tokens[a - 1], tokens[a])) a--;
      else if (isAnd(tokens[a - 1]) && member(tokens[a - 2])) a -= 2;
      else break;
    }
    let b = p.to;
    while (true) {
      if (member(tokens[b]) && sep(tokens[b - 1], tokens[b])) b++;
      else if (isAnd(tokens[b]) && member(tokens[b + 1])) b += 2;
      else break;
    }
    for (let k = a; k < b; k++) listed.add(k);
    const names = tokens.slice(a, b).filter((t) => !isAnd(t));
    const after = tokens[b];
    const afterWord = after && after.sent === sent ? base(after) : "";
    const sons = names.length >= 2 && /^(?:sons|son|co|partners|associates)$/.test(base(tokens[b - 1]!));
    if (names.length < 2) continue;
    // Bare surnames only: no part of a longer name found, no first name that is not also a surname.
    const bare = names.every(
      (t) => (inPerson.get(t.i) ?? 1) === 1 && (!FIRST_NAMES.has(base(t)) || SURNAMES.has(base(t))),
    );
    if (!bare && !sons) continue;
    const beforeList = tokens[a - 1];
    const lineAlone =
      names.length >= 3 &&
      (a === 0 || /\n/.test(norm.slice(tokens[a - 1]!.nEnd, tokens[a]!.nStart))) &&
      (!after || /\n/.test(norm.slice(tokens[b - 1]!.nEnd, after.nStart)));
    const orgBefore =
      !!beforeList &&
      beforeList.sent === sent &&
      (beforeList.norm === "the" || /^(?:from|for|at|of)$/.test(beforeList.norm));
    if (
      sons ||
      ORG_WORDS.has(afterWord) ||
      ORG_NOUNS.has(afterWord) ||
      describedAsOrg(tokens, b, sent) ||
      lineAlone ||
      (orgBefore && names.length >= 3)
    )
      for (let k = a; k < b; k++) {
        const q = startsAt.get(k);
        if (q && !q.title && !q.staff) drop.add(q);
      }
  }
  return drop.size ? found.filter((p) => !drop.has(p)) : found;
}

/** The first line of a text of three lines or more, when it is only a name (two to four parts: first name,
 * initials, particles, surname): the head of a letter, a signature or an address label. */
function signatureName(
  tokens: readonly Token[],
  norm: string,
  ok: (t: Token | undefined) => t is Token,
  found: PersonFound[],
  add: (from: number, to: number) => void,
): boolean {
  if (tokens.length < 4) return false;
  const lines = (norm.match(/\n\s*\S/g) ?? []).length + 1;
  if (lines < 3) return false;
  let end = 1;
  while (end < tokens.length && !/\n/.test(norm.slice(tokens[end - 1]!.nEnd, tokens[end]!.nStart))) end++;
  if (
    end < 2 ||
    end > 4 ||
    !/\n/.test(norm.slice(tokens[end - 1]!.nEnd, (tokens[end] ?? tokens[end - 1]!).nStart + 1))
  )
    return false;
  const line = tokens.slice(0, end);
  if (found.some((p) => p.from < end)) return false;
  if (!line.every((t) => ok(t) && LETTERS.test(t.norm) && !t.allCaps)) return false;
  const capital = line[0]!.cap;
  const firstW = base(line[0]!);
  const lastW = base(line[end - 1]!);
  if (line.some((t) => t.norm.length > 1 && t.cap !== capital)) return false;
  if (line.some((t) => ORG_WORDS.has(t.norm) || streetWord(t.norm) || NOT_NAMES.has(t.norm))) return false;
  const firstOk = capital
    ? (FIRST_NAMES.has(firstW) || (nameLike(firstW) && nameShaped(firstW))) && !COMMON_WORDS.has(firstW)
    : FIRST_NAMES.has(firstW) && !COMMON_WORDS.has(firstW);
  const lastOk =
    lastW.length > 1 &&
    (COMMON_WORDS.has(lastW) ? FREQUENT_SURNAMES.has(lastW) : known(lastW) || nameShaped(lastW));
  const middleOk = line
    .slice(1, -1)
    .every(
      (t) => t.norm.length === 1 || PARTICLES.has(t.norm) || (!COMMON_WORDS.has(t.norm) && nameLike(t.norm)),
    );
  if (!firstOk || !lastOk || !middleOk) return false;
  add(0, end);
  return true;
}

/** "Priya, Tom and Aisha": a capitalised first name listed beside a found name is a name too. */
function addListNeighbours(
  tokens: readonly Token[],
  found: PersonFound[],
  norm: string,
  add: (from: number, to: number) => void,
  ok: (t: Token | undefined) => t is Token,
): void {
  const taken = new Set<number>();
  for (const p of found) for (let k = p.from; k < p.to; k++) taken.add(k);
  const listed = (a: Token, b: Token): boolean => {
    const gap = norm.slice(a.nEnd, b.nStart);
    return gap === ", " || gap === " and " || gap === " & " || gap === ",";
  };
  // Names found per sentence, kept up to date as names are added (not recounted for every word).
  const perSentence = new Map<number, number>();
  for (const q of found) {
    const s = tokens[q.from]!.sent;
    perSentence.set(s, (perSentence.get(s) ?? 0) + 1);
  }
  for (const p of [...found]) {
    for (const [k, dir] of [
      [p.from - 1, -1],
      [p.to, 1],
    ] as const) {
      let j = k;
      while (true) {
        const t = tokens[j];
        const near = tokens[j - dir];
        if (!ok(t) || !near || taken.has(j) || !t.cap || t.allCaps) break;
        // A first name, or, in a list of two or more names already found, any word shaped like a name
        // ("They had three: Gaetane, Hannah and Derek").
        const w = base(t);
        const inList = (perSentence.get(t.sent) ?? 0) >= 2;
        if (!FIRST_NAMES.has(w) && !(inList && nameLike(w) && nameShaped(w) && !PLACE_WORDS.has(w))) break;
        if (!(dir === 1 ? listed(near, t) : listed(t, near))) break;
        add(j, j + 1);
        perSentence.set(t.sent, (perSentence.get(t.sent) ?? 0) + 1);
        taken.add(j);
        j += dir;
      }
    }
  }
  found.sort((a, b) => a.start - b.start);
}

/** "Ilse K. Brandvold": a single capital between two name parts. */
function hasMiddleInitial(tokens: readonly Token[], i: number, to: number, norm: string): boolean {
  for (let k = i + 1; k < to - 1; k++) if (isInitial(tokens[k]!, norm)) return true;
  return false;
}

/** A name found once is a name again: "directed by Ilse Brandvold and starring Brandvold". */
function addRepeats(
  tokens: readonly Token[],
  found: PersonFound[],
  add: (from: number, to: number) => void,
  ok: (t: Token | undefined) => t is Token,
): void {
  const parts = new Map<string, boolean>(); // name part → seen capitalised
  const taken = new Set<number>();
  for (const p of found)
    for (let k = p.from; k < p.to; k++) {
      taken.add(k);
      const t = tokens[k]!;
      const w = base(t);
      if (w.length >= 3 && !COMMON_WORDS.has(w)) parts.set(w, t.cap || !!parts.get(w));
    }
  if (!parts.size) return;
  let added = false;
  // A full name repeated in full is one name again ("Oline Mikaelsen … Oline Mikaelsen"): each window of
  // tokens is looked up among the full names found, one pass per name length (linear in the text).
  const key = (k: number, len: number): string => {
    let out = "";
    for (let m = 0; m < len; m++) out += `${tokens[k + m]!.cap ? "^" : ""}${tokens[k + m]!.norm}\u0000`;
    return out;
  };
  const fullNames = new Map<number, Set<string>>(); // length → keys
  for (const p of found) {
    const len = p.to - p.from;
    if (len < 2) continue;
    let keys = fullNames.get(len);
    if (!keys) fullNames.set(len, (keys = new Set()));
    keys.add(key(p.from, len));
  }
  for (const [len, keys] of [...fullNames].sort((a, b) => b[0] - a[0]))
    for (let k = 0; k + len <= tokens.length; k++) {
      let free = true;
      for (let m = 0; m < len && free; m++)
        free = !taken.has(k + m) && ok(tokens[k + m]) && (m === 0 || tokens[k + m]!.sent === tokens[k]!.sent);
      if (!free || !keys.has(key(k, len))) continue;
      add(k, k + len);
      for (let m = 0; m < len; m++) taken.add(k + m);
      added = true;
      k += len - 1;
    }
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (taken.has(k) || t.allCaps) continue;
    const cap = parts.get(base(t));
    if (cap === undefined || (cap && !t.cap) || !ok(t)) continue;
    add(k, k + 1);
    added = true;
  }
  if (added) found.sort((a, b) => a.start - b.start);
}

/** Skips the rest of an organisation's name. */
function skipOrg(tokens: readonly Token[], i: number): number {
  let j = i;
  while (j + 1 < tokens.length && tokens[j + 1]!.cap && tokens[j + 1]!.sent === tokens[i]!.sent && j - i < 5)
    j++;
  return j;
}

/** The cues indexed by their last word, in list order. */
const CUES_BY_LAST = new Map<string, [string[], boolean][]>();
for (const c of CUES) {
  const last = c[0][c[0].length - 1]!;
  const list = CUES_BY_LAST.get(last);
  if (list) list.push(c);
  else CUES_BY_LAST.set(last, [c]);
}

/** The cue phrase that ends just before token i, with whether it is strong. */
function cueBefore(tokens: readonly Token[], i: number): [string, boolean] | null {
  const before = tokens[i - 1];
  const candidates = before && CUES_BY_LAST.get(before.norm);
  if (!candidates) return null;
  for (const [cue, strong] of candidates) {
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
    if (match) return [cue.join(" "), strong];
  }
  return null;
}

/** A name followed by a verb-like word ("Fennimore used to …", "Zorvan shouted"). */
function looksLikeSubject(tokens: readonly Token[], i: number, to: number): boolean {
  const n = tokens[to];
  if (!n || n.sent !== tokens[i]!.sent) return false;
  return VERBISH.test(n.norm);
}

/** A short sentence right after a question about a name: "And your surname? Thistlewood". */
function answersNameQuestion(tokens: readonly Token[], i: number, to: number): boolean {
  const t = tokens[i]!;
  if (!t.first || tokens[to]?.sent === t.sent) return false;
  for (let k = i - 1; k >= 0 && k >= i - 8; k--)
    if (tokens[k]!.norm === "name" && tokens[k]!.sent === t.sent - 1) return true;
  return false;
}

/** Looks like a name rather than a word: no English-looking suffix. */
const nameShaped = (w: string): boolean =>
  w.length >= 4 && !/(?:ing|ed|ly|tion|ness|ment|able|ous|ful|less|ers|ies)$/.test(w);
