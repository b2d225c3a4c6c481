// The practice profile, compiled once per profile object into lookups the rules use.
import { PhraseMatcher } from "./phrases";
import { fold } from "./text";
import type { HotTopic, PracticeProfile } from "./types";

export interface CompiledProfile {
  source: PracticeProfile;
  practiceNames: PhraseMatcher<true>;
  /** Folded staff first names, surnames and full names. */
  staffNames: ReadonlySet<string>;
  places: PhraseMatcher<true>;
  /** Phone numbers as national digits ("01772555123"). */
  phones: ReadonlySet<string>;
  emailDomains: ReadonlySet<string>;
  hotTopics: { topic: HotTopic; claims: PhraseMatcher<true> }[];
}

const cache = new WeakMap<PracticeProfile, CompiledProfile>();
const EMPTY: PracticeProfile = {};

/** UK phone digits in national form: +44 (0)1772 555 123 → 01772555123. */
export function phoneDigits(phone: string): string {
  let d = phone.replace(/\D/g, "");
  if (d.startsWith("440")) d = d.slice(2);
  else if (d.startsWith("44") && phone.trim().startsWith("+")) d = "0" + d.slice(2);
  return d;
}

const words = (list: readonly string[] | undefined): [string, true][] =>
  (list ?? []).filter((s) => s.trim()).map((s) => [s, true]);

/** Compiles (and caches) a practice profile. */
export function compileProfile(profile: PracticeProfile | undefined): CompiledProfile {
  const p = profile ?? EMPTY;
  const hit = cache.get(p);
  if (hit) return hit;
  const staff = new Set<string>();
  for (const name of p.staffNames ?? []) {
    const folded = fold(name.trim()).norm.replace(/\s+/g, " ");
    if (!folded) continue;
    staff.add(folded);
    for (const part of folded.split(" "))
      if (part.length > 1 && !/^(dr|mr|mrs|ms|miss|nurse)\.?$/.test(part)) staff.add(part);
  }
  const compiled: CompiledProfile = {
    source: p,
    practiceNames: new PhraseMatcher(words(p.practiceNames)),
    staffNames: staff,
    places: new PhraseMatcher(words(p.places)),
    phones: new Set((p.phones ?? []).map(phoneDigits).filter((d) => d.length >= 7)),
    emailDomains: new Set(
      (p.emailDomains ?? []).map((d) => d.trim().toLowerCase().replace(/^@/, "")).filter(Boolean),
    ),
    hotTopics: (p.hotTopics ?? []).map((topic) => ({
      topic,
      claims: new PhraseMatcher(words(topic.claims)),
    })),
  };
  cache.set(p, compiled);
  return compiled;
}
