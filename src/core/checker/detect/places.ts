// Places and addresses: UK towns, the practice's local places, named institutions ("St Anne's primary",
// "Oakwood Care Home") and street addresses ("22 Mill Lane", "Rowan Close", "Flat 3").
import { COMMON_WORDS, PLACES } from "../lexicon";
import type { CompiledProfile } from "../profile";
import type { Folded, Token } from "../text";
import type { Found } from "./identifiers";

export interface PlaceFound extends Found {
  from: number;
  to: number;
}

const STREET_PREFIX = new Set([
  "rue",
  "rua",
  "via",
  "avenida",
  "calle",
  "ul",
  "piazza",
  "piazzetta",
  "vicolo",
  "strada",
  "viale",
  "largo",
  "rambla",
  "paseo",
  "chemin",
  "travessa",
  "praca",
  "estrada",
  "carrer",
]);
const STREET_PARTICLE = /^(?:de|da|do|dos|das|du|des|la|le|del|della|di|al|el)$/;
const UNIT = new Set(["flat", "apt", "apartment", "suite", "unit", "room", "box"]);

/** Finds places and street addresses. `skip` holds tokens already inside an identifier. */
export function findPlaces(
  tokens: readonly Token[],
  f: Folded,
  profile: CompiledProfile,
  skip: ReadonlySet<number>,
): PlaceFound[] {
  const out: PlaceFound[] = [];
  const add = (from: number, to: number, type: "place" | "address"): void => {
    if (to <= from) return;
    for (let k = from; k < to; k++) if (skip.has(k)) return;
    const start = tokens[from]!.start;
    const end = tokens[to - 1]!.end;
    const over = out.findIndex((p) => p.start < end && start < p.end);
    if (over >= 0) {
      const p = out[over]!;
      if (p.end - p.start >= end - start) return;
      out.splice(over, 1);
    }
    out.push({ type, start, end, text: f.text.slice(start, end), from, to });
  };
  const capRun = (i: number, max: number): number => {
    // How far back from token i (exclusive) capitalised words run, within the sentence.
    let k = i;
    while (k > 0 && i - k < max) {
      const t = tokens[k - 1]!;
      if (t.sent !== tokens[i]!.sent || !t.cap || /^\d/.test(t.norm)) break;
      if (t.first && (t.norm === "the" || t.norm === "a")) break;
      k--;
    }
    return k;
  };

  for (const m of PLACES.towns.matchAll(tokens)) if (tokens[m.from]!.cap) add(m.from, m.to, "place");
  for (const m of profile.places.matchAll(tokens)) add(m.from, m.to, "place");
  // "in from Millbrook", "lives out in Thornley": a capitalised word after a phrase of coming or living somewhere
  // is a place, even one no list knows.
  for (let i = 2; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.cap || t.allCaps || t.first || skip.has(i) || /\d/.test(t.norm)) continue;
    const a = tokens[i - 2]!;
    const b = tokens[i - 1]!;
    if (a.sent !== t.sent || b.sent !== t.sent) continue;
    const cue =
      (b.norm === "from" && /^(?:in|over|up|down|across|round|out)$/.test(a.norm)) ||
      (b.norm === "in" && /^(?:lives|living|lived|live|out)$/.test(a.norm));
    if (!cue || COMMON_WORDS.has(t.norm)) continue;
    let j = i + 1;
    while (j < tokens.length && j - i < 3 && tokens[j]!.cap && tokens[j]!.sent === t.sent && !skip.has(j))
      j++;
    add(i, j, "place");
  }
  for (const m of PLACES.institution.matchAll(tokens)) {
    const k = capRun(m.from, 3);
    if (k < m.from) add(k, m.to, "place");
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // Street names that start with the street word: "Rue de la Gare 12", "Via Roma 131".
    if (STREET_PREFIX.has(t.norm) && (t.cap || t.norm === "ul") && tokens[i + 1]?.sent === t.sent) {
      let j = i + 1;
      while (
        j < tokens.length &&
        j - i <= 5 &&
        tokens[j]!.sent === t.sent &&
        (tokens[j]!.cap || STREET_PARTICLE.test(tokens[j]!.norm))
      )
        j++;
      if (j > i + 1) {
        if (/^\d{1,5}[a-z]?$/.test(tokens[j]?.norm ?? "") && tokens[j]!.sent === t.sent) j++;
        add(i, j, "address");
        i = j - 1;
        continue;
      }
    }
    if (t.cap && PLACES.streetSuffix.has(t.norm) && !t.first) {
      // "St" before a capitalised word is Saint, not Street.
      if ((t.norm === "st" || t.norm === "dr") && tokens[i + 1]?.cap && tokens[i + 1]!.sent === t.sent)
        continue;
      let k = capRun(i, 3);
      if (k === i) continue;
      if (k > 0 && /^\d{1,4}[a-z]?$/.test(tokens[k - 1]!.norm) && tokens[k - 1]!.sent === t.sent) k--;
      add(k, i + 1, "address");
    } else if (UNIT.has(t.norm) && t.cap && /^\d{1,5}[a-z]?$/.test(tokens[i + 1]?.norm ?? "")) {
      const from =
        t.norm === "box" && tokens[i - 1] && /^(po|p)$/.test(tokens[i - 1]!.norm)
          ? i - 1 - (tokens[i - 2]?.norm === "p" ? 1 : 0)
          : i;
      add(Math.max(0, from), i + 2, "address");
    }
  }
  return out;
}

const BLOCK_PARTICLE =
  /^(?:de|da|do|dos|das|du|des|la|le|del|della|dei|delle|di|al|el|e|y|u|ul|utca|rkp|str|st|via|rue|rua|avda|avenida|calle|and|the|of|van|von|der|den)$/;
const MILITARY = /^(?:uss|usns|usnv|usnsv|usc?gc)$/;
const MIL_POST = /^(?:fpo|apo|dpo)$/;
const HOUSE = /^\d{1,5}[a-z]?$/;

/** Token ranges of address blocks: from a house number, a unit ("Apt. 12", "PO Box 77"), a street
 * found by findPlaces or a ship's address ("USNS Bergman FPO AA 85844"), on over the lines that continue it:
 * capitalised words, numbers, state codes, countries and postcodes, until ordinary lower-case words resume.
 * Names inside them ("Rua Augusta 210", "St Helens, Merseyside") are parts of the address, not people. */
export function addressBlocks(
  tokens: readonly Token[],
  f: Folded,
  streets: readonly PlaceFound[],
  skip: ReadonlySet<number>,
): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  const starts = new Set<number>();
  for (const s of streets) if (s.type === "address") starts.add(s.from);
  const gap = (a: Token, b: Token): string => f.norm.slice(a.nEnd, b.nStart);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const n1 = tokens[i + 1];
    const n2 = tokens[i + 2];
    let anchor = starts.has(i);
    if (!anchor && n1 && !skip.has(i) && !/\n/.test(gap(t, n1))) {
      if (HOUSE.test(t.norm))
        anchor =
          (n1.cap && /^\p{L}/u.test(n1.norm) && n1.norm.length > 1) ||
          STREET_PREFIX.has(n1.norm) ||
          (HOUSE.test(n1.norm) && !!n2 && n2.cap && /^\p{L}/u.test(n2.norm) && !/\n/.test(gap(n1, n2)));
      else if (UNIT.has(t.norm) || t.norm === "psc") anchor = t.cap && HOUSE.test(n1.norm);
      else if (MILITARY.test(t.norm)) anchor = t.allCaps && n1.cap;
    }
    if (!anchor) continue;
    // Continue while the tokens look like address parts.
    let j = i + 1;
    let lower = 0;
    while (j < tokens.length && j - i < 24) {
      const x = tokens[j]!;
      const g = gap(tokens[j - 1]!, x);
      if (/[?!;:]|\.\s+\S/.test(g) && !/^\.\s*\n?\s*$/.test(g)) break;
      if (/[.]\s/.test(g) && !(tokens[j - 1]!.norm.length <= 4)) break;
      if (/^\d/.test(x.norm) || x.cap || x.allCaps || MIL_POST.test(x.norm) || x.norm === "nan") {
        lower = 0;
        j++;
        continue;
      }
      if (BLOCK_PARTICLE.test(x.norm) && lower === 0) {
        lower++;
        j++;
        continue;
      }
      break;
    }
    while (j > i + 1 && BLOCK_PARTICLE.test(tokens[j - 1]!.norm) && !tokens[j - 1]!.cap) j--;
    // Enough to be sure it is an address: two numbers ("Bahnhofstrasse 9 Apt. 4"), or a street or unit word.
    let numbers = 0;
    let word = starts.has(i) || MILITARY.test(t.norm);
    for (let k = i; k < j; k++) {
      const x = tokens[k]!.norm;
      if (/^\d/.test(x)) numbers++;
      if (UNIT.has(x) || STREET_PREFIX.has(x) || PLACES.streetSuffix.has(x)) word = true;
    }
    if (j - i >= 2 && (numbers >= 2 || word)) {
      out.push({ from: i, to: j });
      i = j - 1;
    }
  }
  return out;
}
