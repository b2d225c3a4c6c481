// Builds the shared analysis of one text: folded copy, tokens, entities and every lexicon signal.
// Rules read this; nothing here decides policy.
import type { CheckContext, PracticeProfile } from "./types";
import { fold, tokenise, unleet, type Folded, type Token } from "./text";
import type { PhraseMatch } from "./phrases";
import { ABUSE_WORDS, BODY, CLINICAL, COUNTED, SIGNALS, TRIAGE, type ClinicalKind } from "./lexicon";
import {
  findAges,
  findDates,
  findEmails,
  findNhsNumbers,
  findNiNumbers,
  findPhones,
  findPostcodes,
  findUrls,
  type Found,
} from "./detect/identifiers";
import { findPersons, type PersonFound } from "./detect/names";
import { addressBlocks, findPlaces } from "./detect/places";
import { compileProfile, type CompiledProfile } from "./profile";

type M = PhraseMatch<true>[];

export interface Doc {
  text: string;
  /** Today's date (ISO) when the caller gave one; dated hot topics apply only while active. */
  date?: string;
  context: CheckContext;
  onSickLeave: boolean;
  f: Folded;
  tokens: Token[];
  forms: (t: Token) => readonly string[];
  profile: CompiledProfile;
  entities: Found[];
  persons: PersonFound[];
  /** Lexicon hits. */
  hits: {
    clinical: PhraseMatch<ClinicalKind>[];
    abuse: { start: number; end: number; kind: "profanity" | "slur" | "insult"; from: number; to: number }[];
  } & Record<SigKey, M>;
}

type SigKey =
  | "patientCue"
  | "patientNoun"
  | "urgentMental"
  | "exasperationStrong"
  | "exasperationWeak"
  | "ventTarget"
  | "colleague"
  | "staffRole"
  | "insultMild"
  | "threat"
  | "threatMarker"
  | "allegation"
  | "orgRole"
  | "employerCue"
  | "practiceWord"
  | "activity"
  | "restCue"
  | "socialInvite"
  | "sensitiveRequest"
  | "socialChannel"
  | "demean"
  | "weakClaim"
  | "relative"
  | "timeCue"
  | "complaintStrong"
  | "complaintWeak"
  | "praise"
  | "appointment"
  | "appointmentAsk"
  | "prescription"
  | "prescriptionAsk"
  | "medicalQuery"
  | "urgent"
  | "emergency"
  | "review"
  | "enquiry"
  | "elsewhere"
  | "claimTopic"
  | "claim"
  | "debunk"
  | "strongClaim";

const ABUSE_BY_FIRST = new Map<string, string[]>();
for (const w of ABUSE_WORDS) {
  const k = w[0]!;
  const a = ABUSE_BY_FIRST.get(k);
  if (a) a.push(w);
  else ABUSE_BY_FIRST.set(k, [w]);
}

/** "f***" → "fuck", "sh*t" → "shit": a masked word read as the abuse word it hides, if exactly one letter pattern fits. */
export function unmask(word: string): string | null {
  const w = unleet(word.replace(/[@$]/g, (c) => (c === "@" ? "a" : "s")));
  const first = w[0];
  if (!first || first === "*" || first === "#") return null;
  const trailing = /[*#]+$/.exec(w)?.[0].length ?? 0;
  for (const cand of ABUSE_BY_FIRST.get(first) ?? []) {
    if (trailing ? cand.length < w.length - trailing + 1 : cand.length !== w.length) continue;
    let ok = true;
    for (let i = 0; i < w.length - trailing; i++) {
      const c = w[i]!;
      if (c !== "*" && c !== "#" && c !== cand[i]) {
        ok = false;
        break;
      }
    }
    if (ok && (trailing === 0 || cand.length <= w.length + 1)) return cand;
  }
  return null;
}

const REPEATS = /(\p{L})\1{2,}/gu;

function formsOf(t: Token): readonly string[] {
  const n = t.norm;
  let out: string[] | null = null;
  const add = (x: string): void => {
    if (x === n || (out && out.includes(x))) return;
    (out ??= [n]).push(x);
  };
  if (n.endsWith("'s")) add(n.slice(0, -2));
  if (/[0-9@$!|]/.test(n) && /\p{L}/u.test(n)) add(unleet(n));
  if (t.masked) {
    const u = unmask(n);
    if (u) add(u);
  }
  if (n.length > 3 && REPEATS.test(n)) {
    REPEATS.lastIndex = 0;
    add(n.replace(REPEATS, "$1"));
    add(n.replace(REPEATS, "$1$1"));
  }
  REPEATS.lastIndex = 0;
  if (n.includes("'")) add(n.replace(/'/g, ""));
  return out ?? [n];
}

/** Runs of single letters ("f u c k", "f.u.c.k") joined, when they spell an abuse word. */
function spacedAbuse(tokens: readonly Token[], norm: string): Doc["hits"]["abuse"] {
  const out: Doc["hits"]["abuse"] = [];
  let i = 0;
  while (i < tokens.length) {
    let j = i;
    while (
      j < tokens.length &&
      tokens[j]!.norm.length === 1 &&
      /\p{L}/u.test(tokens[j]!.norm) &&
      (j === i || tokens[j]!.nStart - tokens[j - 1]!.nEnd <= 2)
    )
      j++;
    if (j - i >= 3) {
      const word = tokens
        .slice(i, j)
        .map((t) => t.norm)
        .join("");
      const hit = ABUSE_WORDS.find((w) => word === w || (word.startsWith(w) && w.length >= 4));
      if (hit && !/[\n]/.test(norm.slice(tokens[i]!.nStart, tokens[j - 1]!.nEnd)))
        out.push({ start: tokens[i]!.start, end: tokens[j - 1]!.end, kind: "profanity", from: i, to: j });
    }
    i = Math.max(j, i + 1);
  }
  return out;
}

const POSS3 = /^(his|her|their|my|your)$/;

/** Clinical lexicon hits, less those inside a non-clinical phrase ("burn it down", "back to work"), plus
 * body-part symptoms: "with her chest", "bad back", "knee pain", "cut his hand". */
function clinicalHits(
  tokens: readonly Token[],
  forms: (t: Token) => readonly string[],
): PhraseMatch<ClinicalKind>[] {
  const all = CLINICAL.matchAll(tokens, forms);
  const none = all.filter((h) => h.value === "none");
  if (!none.length) {
    const plain = all as PhraseMatch<ClinicalKind>[];
    return countedHits(
      tokens,
      bodyHits(tokens, plain, () => false),
    );
  }
  const out = all.filter(
    (h): h is PhraseMatch<ClinicalKind> =>
      h.value !== "none" && !none.some((n) => n.from <= h.from && h.to <= n.to),
  );
  return countedHits(
    tokens,
    bodyHits(tokens, out, (i) => none.some((n) => n.from <= i && i < n.to)),
  );
}

/** A counted event is a patient's history: "his second fall", "another nasty fit", "two falls this month",
 * "his fourth chest infection" (not "another stroke of luck"). */
function countedHits(
  tokens: readonly Token[],
  out: PhraseMatch<ClinicalKind>[],
): PhraseMatch<ClinicalKind>[] {
  let events: PhraseMatch<true>[] | null = null;
  let added = false;
  for (const t of tokens) {
    if (!COUNTED.ordinal.has(t.norm)) continue;
    let k = t.i + 1;
    if (tokens[k] && tokens[k]!.sent === t.sent && COUNTED.adj.has(tokens[k]!.norm)) k++;
    events ??= COUNTED.event.matchAll(tokens);
    const e = events.find((x) => x.from === k && tokens[x.from]!.sent === t.sent);
    if (!e || tokens[e.to]?.norm === "of") continue;
    // A longer clinical phrase over the event decides ("fit note" is paperwork).
    if (out.some((h) => h.from <= e.from && e.from < h.to && h.to > e.to)) continue;
    const from = t.i;
    out.push({ from, to: e.to, start: t.start, end: e.end, value: "condition" });
    added = true;
  }
  return added ? out.sort((a, b) => a.from - b.from || b.to - a.to) : out;
}

function bodyHits(
  tokens: readonly Token[],
  out: PhraseMatch<ClinicalKind>[],
  inNone: (i: number) => boolean,
): PhraseMatch<ClinicalKind>[] {
  let added = false;
  for (const t of tokens) {
    if (!BODY.part.has(t.norm) || inNone(t.i)) continue;
    const prev = tokens[t.i - 1];
    const next = tokens[t.i + 1];
    const same = (x: Token | undefined): x is Token => !!x && x.sent === t.sent;
    let from = -1;
    let to = t.i + 1;
    if (same(prev) && BODY.left.has(prev.norm)) from = prev.i;
    else if (same(prev) && POSS3.test(prev.norm)) {
      const verb = tokens[t.i - 2];
      // "with her chest" (the British idiom for chest trouble) needs his/her/their; "cut my hand" may be anyone's.
      if (same(verb) && BODY.verb.has(verb.norm) && (verb.norm !== "with" || !/^(my|your)$/.test(prev.norm)))
        from = verb.i;
    }
    if (same(next) && BODY.right.has(next.norm)) {
      if (from < 0) from = t.i;
      to = next.i + 1;
    }
    if (from < 0 || out.some((h) => h.from <= from && to <= h.to)) continue;
    out.push({ from, to, start: tokens[from]!.start, end: tokens[to - 1]!.end, value: "symptom" });
    added = true;
  }
  return added ? out.sort((a, b) => a.from - b.from || b.to - a.to) : out;
}

/** "his lips look blue", "her face has gone a grey colour", "blue around the lips": an emergency sign. */
function colourHits(tokens: readonly Token[]): M {
  const out: M = [];
  for (const t of tokens) {
    if (!TRIAGE.colourPart.has(t.norm)) continue;
    for (let k = Math.max(0, t.i - 4); k < Math.min(tokens.length, t.i + 5); k++) {
      const c = tokens[k]!;
      if (c.sent !== t.sent || !TRIAGE.colour.has(c.norm)) continue;
      const from = Math.min(t.i, k);
      const to = Math.max(t.i, k) + 1;
      out.push({ from, to, start: tokens[from]!.start, end: tokens[to - 1]!.end, value: true });
      break;
    }
  }
  return out;
}

/** Analyses one text. */
export function analyse(
  text: string,
  context: CheckContext,
  onSickLeave: boolean,
  profileIn?: PracticeProfile,
  date?: string,
): Doc {
  const f = fold(text);
  const tokens = tokenise(f);
  const profile = compileProfile(profileIn);
  const formCache: (readonly string[])[] = tokens.map(formsOf);
  const forms = (t: Token): readonly string[] => formCache[t.i]!;
  // Every signal lexicon in one pass over the tokens, then sorted into buckets by lexicon.
  const buckets = new Map<string, M>();
  for (const h of SIGNALS.matchAll(tokens, forms)) {
    const b = buckets.get(h.value);
    const hit = { from: h.from, to: h.to, start: h.start, end: h.end, value: true as const };
    if (b) b.push(hit);
    else buckets.set(h.value, [hit]);
  }
  const g = (key: string): M => buckets.get(key) ?? [];

  // Identifiers first; a later, weaker pattern may not overlap an earlier one.
  const ids: Found[] = [];
  const covered = new Uint8Array(text.length + 1);
  const free = (e: Found): boolean => {
    for (let k = e.start; k < e.end; k++) if (covered[k]) return false;
    return true;
  };
  const addAll = (list: Found[]): void => {
    for (const e of list) {
      if (!free(e)) continue;
      ids.push(e);
      covered.fill(1, e.start, e.end);
    }
  };
  addAll(findEmails(f));
  addAll(findUrls(f));
  addAll(findNhsNumbers(f));
  addAll(findNiNumbers(f));
  addAll(findPostcodes(f));
  // Full dates outrank phone numbers; a bare year or weekday gives way to them.
  const dates = findDates(f);
  addAll(dates.filter((d) => /\d/.test(d.text) && !/^\d{4}s?$/.test(d.text)));
  addAll(findPhones(f));
  addAll(dates);
  addAll(findAges(f));

  const inId = new Set<number>();
  for (const t of tokens) if (!free({ type: "url", start: t.start, end: t.end, text: "" })) inId.add(t.i);

  const places = findPlaces(tokens, f, profile, inId);
  const blocked = new Set(inId);
  for (const p of places) for (let k = p.from; k < p.to; k++) blocked.add(k);
  // Words inside an address block are parts of the address, not people ("Rua Augusta 210, 1100 Lisboa").
  const blocks = addressBlocks(tokens, f, places, inId);
  for (const b of blocks) for (let k = b.from; k < b.to; k++) blocked.add(k);
  // The whole block is one address: it replaces the streets, units and places found inside it.
  for (const b of blocks) {
    const start = tokens[b.from]!.start;
    const end = tokens[b.to - 1]!.end;
    for (let k = places.length - 1; k >= 0; k--)
      if (places[k]!.start < end && start < places[k]!.end) places.splice(k, 1);
    places.push({ type: "address", start, end, text: text.slice(start, end), from: b.from, to: b.to });
  }
  for (const pm of profile.practiceNames.matchAll(tokens, forms))
    for (let k = pm.from; k < pm.to; k++) blocked.add(k);

  const persons = findPersons(tokens, { staff: profile.staffNames, blocked, norm: f.norm, text });
  // "Joan Hartley, 84, of …": a number set off by commas straight after a name is that person's age.
  for (const p of persons) {
    const m = /^,\s*(\d{1,3})\s*(?:,|\.(?!\d)|;|$|\)|\s(?:and|who|from|with|was|is|has|had)\b)/.exec(
      text.slice(p.end, p.end + 12),
    );
    if (!m || Number(m[1]) > 110) continue;
    const start = p.end + m[0].indexOf(m[1]!);
    const age: Found = { type: "age", start, end: start + m[1]!.length, text: m[1]! };
    if (free(age)) {
      ids.push(age);
      covered.fill(1, age.start, age.end);
    }
  }
  const entities: Found[] = [...ids, ...places, ...persons].sort(
    (a, b) => a.start - b.start || b.end - a.end,
  );

  const abuse: Doc["hits"]["abuse"] = [];
  for (const h of g("profanity"))
    abuse.push({ start: h.start, end: h.end, kind: "profanity", from: h.from, to: h.to });
  for (const h of g("slur")) abuse.push({ start: h.start, end: h.end, kind: "slur", from: h.from, to: h.to });
  for (const h of g("insultStrong"))
    abuse.push({ start: h.start, end: h.end, kind: "insult", from: h.from, to: h.to });
  abuse.push(...spacedAbuse(tokens, f.norm));

  const emergency = [...g("emergency"), ...colourHits(tokens)];
  return {
    text,
    ...(date ? { date } : {}),
    context,
    onSickLeave,
    f,
    tokens,
    forms,
    profile,
    entities,
    persons,
    hits: {
      clinical: clinicalHits(tokens, forms),
      abuse,
      patientCue: g("patientCue"),
      patientNoun: g("patientNoun"),
      urgentMental: g("urgentMental"),
      exasperationStrong: g("exasperationStrong"),
      exasperationWeak: g("exasperationWeak"),
      ventTarget: g("ventTarget"),
      colleague: g("colleague"),
      staffRole: g("staffRole"),
      insultMild: g("insultMild"),
      threat: g("threat"),
      threatMarker: g("threatMarker"),
      allegation: g("allegation"),
      orgRole: g("orgRole"),
      employerCue: g("employerCue"),
      practiceWord: g("practiceWord"),
      activity: g("activity"),
      restCue: g("restCue"),
      socialInvite: g("socialInvite"),
      sensitiveRequest: g("sensitiveRequest"),
      socialChannel: g("socialChannel"),
      demean: g("demean"),
      weakClaim: g("weakClaim"),
      relative: g("relative"),
      timeCue: g("timeCue"),
      complaintStrong: g("complaintStrong"),
      complaintWeak: g("complaintWeak"),
      praise: g("praise"),
      appointment: g("appointment"),
      appointmentAsk: g("appointmentAsk"),
      prescription: g("prescription"),
      prescriptionAsk: g("prescriptionAsk"),
      medicalQuery: g("medicalQuery"),
      // Urgent symptoms include the emergencies; emergencies alone send the reply to 999 first.
      urgent: [...g("urgent"), ...emergency].sort((a, b) => a.from - b.from || b.to - a.to),
      emergency,
      review: g("review"),
      enquiry: g("enquiry"),
      elsewhere: g("elsewhere"),
      claimTopic: g("claimTopic"),
      claim: g("claim"),
      debunk: g("debunk"),
      strongClaim: g("strongClaim"),
    },
  };
}
