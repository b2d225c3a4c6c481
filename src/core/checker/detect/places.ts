// Places and addresses: UK towns, the practice's local places, named institutions ("St Mary's primary",
// "Oakwood Care Home") and street addresses ("14 Crown Street", "Hawthorn Close", "Flat 3").
import { PLACES } from "../lexicon";
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
  for (const m of PLACES.institution.matchAll(tokens)) {
    const k = capRun(m.from, 3);
    if (k < m.from) add(k, m.to, "place");
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // Street names that start with the street word: "Rue de la Gare 12", "Via Roma 131", "ul. Miła 53".
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
