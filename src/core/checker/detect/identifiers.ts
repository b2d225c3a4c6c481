// Pattern detectors for identifiers: email, URL, NHS number, phone, NI number, postcode, date, age.
// Every pattern is linear: bounded repeats, no nested quantifiers over the same characters.
import type { Entity, EntityType } from "../types";
import type { Folded } from "../text";

/** An entity with detector detail the rules use (not part of the contract output). */
export interface Found extends Entity {
  /** Age of a group ("the over 80s", "everyone aged 50 or more"), not of a person. */
  group?: boolean;
  /** A date given as a date of birth ("born 9 June 1931", "DOB 01/02/1950"). */
  birth?: boolean;
  /** NHS number that fails its check digit but is labelled as one. */
  unverified?: boolean;
  /** For an age, the whole phrase ("87 year old", "40 y/o"); the entity itself is the number, as labelled. */
  phrase?: { start: number; end: number };
}

const mk = (f: Folded, type: EntityType, ns: number, ne: number, extra?: Partial<Found>): Found => {
  const start = f.map[ns]!;
  const end = ne > ns ? f.map[ne - 1]! + 1 : start;
  return { type, start, end, text: f.text.slice(start, end), ...extra };
};

// ---------- email ----------
const EMAIL_LOCAL = /[a-z0-9._%+'-]/;
const EMAIL_DOMAIN = /[a-z0-9.-]/;
export function findEmails(f: Folded): Found[] {
  const s = f.norm;
  const out: Found[] = [];
  let at = s.indexOf("@");
  while (at !== -1) {
    let a = at;
    while (a > 0 && at - a < 64 && EMAIL_LOCAL.test(s[a - 1]!)) a--;
    let b = at + 1;
    while (b < s.length && b - at < 255 && EMAIL_DOMAIN.test(s[b]!)) b++;
    while (b > at + 1 && (s[b - 1] === "." || s[b - 1] === "-")) b--;
    while (a < at && s[a] === ".") a++;
    const domain = s.slice(at + 1, b);
    if (a < at && /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/.test(domain)) out.push(mk(f, "email", a, b));
    at = s.indexOf("@", Math.max(b, at + 1));
  }
  return out;
}

// ---------- url ----------
const URL_RE =
  /\bhttps?:\/\/[^\s<>"'()]{1,2000}|\bwww\.[^\s<>"'()]{1,2000}|\b[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63}){0,4}\.(?:co\.uk|org\.uk|nhs\.uk|gov\.uk|ac\.uk|nhs\.net|com|org|net|uk|io|info|biz|ly|gl)\b(?:\/[^\s<>"']{0,2000})?/g;
export function findUrls(f: Folded): Found[] {
  const out: Found[] = [];
  for (const m of f.norm.matchAll(URL_RE)) {
    const s = m.index;
    let e = s + m[0].length;
    if (s > 0 && /[@.\w-]/.test(f.norm[s - 1]!)) continue; // part of an email or a longer word
    while (e > s && /[.,;:!?'"]/.test(f.norm[e - 1]!)) e--;
    out.push(mk(f, "url", s, e));
  }
  return out;
}

// ---------- NHS number ----------
/** Modulus 11: weights 10..2 on the first nine digits; 11 − (sum mod 11) is the check digit (11 → 0, 10 → invalid). */
export function validNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  if (/^(\d)\1{9}$/.test(digits)) return false; // 999 999 9999-style fillers
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  return check !== 10 && check === Number(digits[9]);
}

const NHS_RE = /(?<![\d+])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d])/g;
const NHS_CUE = /\bnhs\s?(?:number|no\.?|num|#)\s*(?:is|:)?\s*$/;
export function findNhsNumbers(f: Folded): Found[] {
  const out: Found[] = [];
  for (const m of f.norm.matchAll(NHS_RE)) {
    const digits = m[1]! + m[2]! + m[3]!;
    const labelled = NHS_CUE.test(f.norm.slice(Math.max(0, m.index - 20), m.index));
    if (validNhsNumber(digits) && (digits[0] !== "0" || labelled))
      out.push(mk(f, "nhs-number", m.index, m.index + m[0].length));
    else if (labelled && !/^(\d)\1{9}$/.test(digits))
      out.push(mk(f, "nhs-number", m.index, m.index + m[0].length, { unverified: true }));
  }
  return out;
}

// ---------- phone ----------
const PHONE_RE =
  /(?<![\w+£$€.])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d[\d .-]{4,20}\d(?:x\d{1,5})?(?![\w%])/g;
const PHONE_CUE =
  /(?:phone|mobile|mob|tel|telephone|call|ring|text|number|fax|desk|office|contact|whatsapp|landline|cell|no\.?)\s*[:.-]?\s*(?:on|is|me on|us on)?\s*$/;
const IP_LIKE = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const DATE_LIKE = /^(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|(?:19|20)\d\d ?- ?(?:19|20)\d\d)$/;
export function findPhones(f: Folded): Found[] {
  const out: Found[] = [];
  for (const m of f.norm.matchAll(PHONE_RE)) {
    let raw = m[0];
    // Trim a trailing separator run the character class swallowed.
    raw = raw.replace(/[ .-]+$/, "");
    const core = raw.replace(/x\d+$/, "");
    const digits = core.replace(/\D/g, "");
    const intl = raw.startsWith("+");
    const separated = /[ .()-]/.test(core);
    const cued = PHONE_CUE.test(f.norm.slice(Math.max(0, m.index - 24), m.index));
    if (DATE_LIKE.test(core) || IP_LIKE.test(core)) continue;
    // "12 4410 Elm Road": house and street numbers, not a phone number.
    if (
      !cued &&
      !intl &&
      digits[0] !== "0" &&
      /^ +\p{L}/u.test(f.norm.slice(m.index + raw.length, m.index + raw.length + 3)) &&
      core.split(/[ .()-]+/).length <= 2
    )
      continue;
    if (cued && digits.length >= 7 && digits.length <= 15) {
      out.push(mk(f, "phone", m.index, m.index + raw.length));
      continue;
    }
    if (/^\d{1,3}(?:,\d{3})+$/.test(raw) || /^\d+\.\d{1,2}$/.test(raw)) continue; // amounts
    if (intl) {
      if (digits.length < 8 || digits.length > 15) continue;
    } else if (!separated) {
      if (!(digits[0] === "0" && (digits.length === 10 || digits.length === 11))) continue;
    } else {
      if (digits.length < 7 || digits.length > 13) continue;
      const groups = core.split(/[ .()-]+/).filter(Boolean);
      if (groups.length < 2 || groups.some((g) => g.length > 8)) continue;
      if (core.includes(".") && !/^\d{2,5}(?:\.\d{2,5}){2,}$/.test(core)) continue; // "3.5 4.5" and prices
    }
    out.push(mk(f, "phone", m.index, m.index + raw.length));
  }
  return out;
}

// ---------- NI number ----------
const NI_RE = /\b([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])\b/gi;
const NI_BAD_PREFIX = new Set(["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"]);
export function findNiNumbers(f: Folded): Found[] {
  const out: Found[] = [];
  for (const m of f.text.matchAll(NI_RE)) {
    if (NI_BAD_PREFIX.has(m[1]!.toUpperCase())) continue;
    if (
      m[0] !== m[0].toUpperCase() &&
      !/national insurance|\bni\b/i.test(f.text.slice(Math.max(0, m.index - 30), m.index))
    )
      continue;
    out.push({ type: "ni-number", start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

// ---------- postcode ----------
const AREAS = new Set(
  "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE".split(
    " ",
  ),
);
const POSTCODE_RE = /\b([A-Z]{1,2})(\d[A-Z\d]?) ?(\d[ABD-HJLNP-UW-Z]{2})\b/gi;
const OUTWARD_RE = /\b([A-Z]{1,2})(\d[A-Z\d]?)\b/g;
const OUTWARD_CUE = /\b(?:in|near|from|around|postcode|post code|area|live in|lives in|living in)\s+$/i;
export function findPostcodes(f: Folded): Found[] {
  const out: Found[] = [];
  for (const m of f.text.matchAll(POSTCODE_RE)) {
    if (!AREAS.has(m[1]!.toUpperCase())) continue;
    if (
      m[0] !== m[0].toUpperCase() &&
      !/postcode|post code|address/i.test(f.text.slice(Math.max(0, m.index - 30), m.index))
    )
      continue;
    out.push({ type: "postcode", start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  for (const m of f.text.matchAll(OUTWARD_RE)) {
    if (!AREAS.has(m[1]!) || out.some((p) => p.start <= m.index && m.index < p.end)) continue;
    const before = f.text.slice(Math.max(0, m.index - 20), m.index);
    const after = f.text.slice(m.index + m[0].length, m.index + m[0].length + 6);
    if (OUTWARD_CUE.test(before) || /^\s+area\b/i.test(after))
      out.push({ type: "postcode", start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

// ---------- date ----------
const MONTH =
  "(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";
const WEEKDAY =
  "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thu|fri|sat|sun)";
const DATE_RES: RegExp[] = [
  /\b(?:19|20)\d\d-[01]\d-[0-3]\d(?:[ t][0-2]\d:[0-5]\d(?::[0-5]\d)?)?\b/g,
  /\b[0-3]?\d[/.-][01]?\d[/.-](?:19|20)?\d\d\b/g,
  new RegExp(
    `\\b(?:${WEEKDAY},? )?(?:the )?[0-3]?\\d(?:st|nd|rd|th)?(?: of)? ${MONTH}\\b\\.?(?:,? (?:19|20)\\d\\d)?`,
    "g",
  ),
  new RegExp(`\\b(?:${WEEKDAY},? )?${MONTH}\\.? [0-3]?\\d(?:st|nd|rd|th)?\\b(?:,? (?:19|20)\\d\\d)?`, "g"),
  new RegExp(`\\b${MONTH} (?:19|20)\\d\\d\\b`, "g"),
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b/g,
  /\b(?:january|february|april|june|july|august|september|october|november|december)\b/g,
  /(?<![\d£$€#.,-])\b(?:1[89]\d\d|20\d\d)s?\b(?![\d.,-]?\d)/g,
];
const BIRTH_CUE = /\b(?:born(?: on)?|dob|d\.o\.b\.?|date of birth|birthday(?: is)?|b\.)\s*[:(-]?\s*$/;
export function findDates(f: Folded): Found[] {
  const out: Found[] = [];
  const taken = new Uint8Array(f.text.length + 1);
  for (const re of DATE_RES) {
    for (const m of f.norm.matchAll(re)) {
      const s = m.index;
      const e = s + m[0].length;
      if (taken[f.map[s]!] && taken[f.map[e - 1]!]) continue; // inside a longer date
      const birth = BIRTH_CUE.test(f.norm.slice(Math.max(0, s - 20), s));
      const d = mk(f, "date", s, e, birth ? { birth } : undefined);
      taken.fill(1, d.start, d.end);
      out.push(d);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

// ---------- age ----------
interface AgePattern {
  re: RegExp;
  group?: boolean;
}
const AGE_PATTERNS: AgePattern[] = [
  // groups first: their numbers are not a person's age
  { re: /\b(?:over|under)[ -]?(\d{1,3})s\b/g, group: true },
  {
    re: /\b(?:aged |age |people |those |everyone |anyone |adults |children )?(\d{1,3}) ?(?:and|or) (?:over|above|older|under|below|younger)\b/g,
    group: true,
  },
  { re: /\b(?:aged|ages) (\d{1,3}) ?(?:-|to) ?\d{1,3}\b/g, group: true },
  { re: /\b(\d{1,3})\+ ?(?:year|yr)?s?\b/g, group: true },
  {
    re: /\b(?:people|those|patients|adults|anyone|everyone|children) (?:aged |over |under )(\d{1,3})\b/g,
    group: true,
  },
  // a person's age
  { re: /\b(\d{1,3}) ?(?:-|\s)?(?:years?|yrs?|yr)[ -]?old\b/g },
  { re: /\b(\d{1,3}) ?(?:yo|y\/o|y\.o\.?|yrs|years of age)\b/g },
  { re: /\b(\d{1,3})(?:-| )(?:month|week|day)s?[ -]old\b/g },
  { re: /\b(?:aged|age of|age) (\d{1,3})\b/g },
  {
    re: /\b(?:turned|turn|turning|turns) (\d{1,3})\b(?! (?:minutes|mins|hours|pages|times|degrees|percent|%))/g,
  },
  { re: /\b(?:when|since) (?:he|she|i|they) (?:was|were) (\d{1,3})\b(?![ .:]\d)/g },
  {
    re: /\b(?:son|daughter|child|boy|girl|baby|kid|mum|dad|mother|father|nan|gran|brother|sister|he|she) (?:is|was|'s) (?:only |just )?(\d{1,3})\b(?=\s*(?:$|[.,;!?)]|and\b|now\b|yrs?\b|years?\b))/g,
  },
  { re: /\bi'?m (\d{1,3})(?=\s*(?:$|[.,;!?]|and\b|now\b|y\/o|yo\b))/g },
  { re: /\bin (?:his|her|their|my|your|our) (?:early |mid |mid-|late )?(\d0)s\b/g },
  { re: /\b(\d0)[ -]something\b/g },
];
export function findAges(f: Folded): Found[] {
  const out: Found[] = [];
  const starts = new Set<number>();
  for (const { re, group } of AGE_PATTERNS) {
    for (const m of f.norm.matchAll(re)) {
      const num = m[1]!;
      const n = Number(num);
      if (n > 120) continue;
      const off = m.index + m[0].indexOf(num, m[0].search(/\d/));
      let end = off + num.length;
      if (f.norm[end] === "s" && /\d0/.test(num) && !group) end++; // "80s"
      const start = f.map[off]!;
      if (starts.has(start)) continue;
      starts.add(start);
      const age = mk(f, "age", off, end, group ? { group } : undefined);
      // "87 year old", "40 y/o": the words after the number belong to the age when it is redacted.
      const mEnd = m.index + m[0].length;
      if (!group && mEnd > end && m[0].search(/\d/) === 0) age.phrase = { start, end: f.map[mEnd - 1]! + 1 };
      out.push(age);
    }
  }
  return out;
}
