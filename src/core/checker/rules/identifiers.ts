// Rules about who is identified: patients, the writer's employer, work contact details, staff in comments.
import type { Doc } from "../analyse";
import type { Found } from "../detect/identifiers";
import type { PersonFound } from "../detect/names";
import { phoneDigits } from "../profile";
import { SIG } from "../lexicon";
import {
  anyNear,
  findInWindow,
  findNear,
  firstNear,
  healthHits,
  longestHit,
  near,
  span,
  storyHits,
  type Hit,
  type RawFinding,
  type Rule,
} from "./util";

const LABEL: Record<string, string> = {
  person: "[name]",
  "nhs-number": "[NHS number]",
  date: "[date]",
  age: "[age]",
  postcode: "[postcode]",
  address: "[address]",
  phone: "[phone]",
  email: "[email]",
  "ni-number": "[NI number]",
  place: "[place]",
  url: "[link]",
};
/** An entity's span in findings and redactions: for an age, the whole phrase ("87 year old"). */
const entSpan = (e: Found): { start: number; end: number } => (e.phrase ? { ...e.phrase } : span(e));
const redactOf = (e: Found): { span: { start: number; end: number }; label: string } => ({
  span: entSpan(e),
  label: LABEL[e.type] ?? "[removed]",
});

const CLINICIAN_TITLES = new Set(["dr", "doctor", "nurse", "sister", "matron", "prof", "professor"]);

/** Token range of an entity, found from its offsets. */
function tokRange(doc: Doc, found: Found): Hit | null {
  const e = entSpan(found);
  const toks = doc.tokens;
  // The first token ending after the entity's start, by binary search (tokens are in text order).
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (toks[mid]!.end <= e.start) lo = mid + 1;
    else hi = mid;
  }
  let from = -1;
  let to = -1;
  for (let k = lo; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.start >= e.end) break;
    if (from < 0) from = t.i;
    to = t.i + 1;
  }
  return from < 0 ? null : { from, to, start: e.start, end: e.end };
}

/** Singular patient references: "a patient", "this lady", "an 80 year old man", "the rudest patient". */
export function patientRefs(doc: Doc): Hit[] {
  let refs = REFS.get(doc);
  if (!refs) REFS.set(doc, (refs = findPatientRefs(doc)));
  return refs;
}
const REFS = new WeakMap<Doc, Hit[]>();

function findPatientRefs(doc: Doc): Hit[] {
  const refs: Hit[] = [...doc.hits.patientCue];
  const toks = doc.tokens;
  for (const t of toks) {
    if (t.norm === "patient" || t.norm === "patient's") {
      for (let k = Math.max(0, t.i - 4); k < t.i; k++) {
        const w = toks[k]!.norm;
        if (toks[k]!.sent === t.sent && /^(a|an|the|this|that|one|my|our|same)$/.test(w)) {
          refs.push({ from: k, to: t.i + 1, start: toks[k]!.start, end: t.end });
          break;
        }
      }
    }
  }
  // An individual's age followed by a person word: "an 80 year old man", "a 29 year old dad";
  // or standing for the person: "a 67 year old found by…", "An 84yo from Selby".
  for (const a of individualAges(doc)) {
    const r = tokRange(doc, a);
    if (!r) continue;
    let found = false;
    for (let k = r.to; k < Math.min(toks.length, r.to + 4); k++) {
      if (toks[k]!.sent !== toks[r.from]!.sent) break;
      if (doc.forms(toks[k]!).some((w) => PERSON_NOUNS.has(w))) {
        refs.push({ from: r.from, to: k + 1, start: a.start, end: toks[k]!.end });
        found = true;
        break;
      }
    }
    if (found || ownFamily(doc, r)) continue;
    const before = toks[r.from - 1];
    const after = toks[r.to];
    if (
      (before &&
        before.sent === toks[r.from]!.sent &&
        /^(a|an|one|this|that|the|another)$/.test(before.norm)) ||
      (after && after.sent === toks[r.from]!.sent && AGE_FOLLOW.test(after.norm))
    )
      refs.push(r);
  }
  refs.push(...nounRefs(doc));
  // "Mrs Khan", "Mr Ogden": a titled name that is not a member of staff.
  for (const p of doc.persons)
    if (p.title && LAY_TITLES.has(p.title) && !staffLike(doc, p)) {
      const t = tokRange(doc, p);
      if (t) refs.push({ ...t, from: Math.max(0, t.from - 1), start: toks[Math.max(0, t.from - 1)]!.start });
    }
  return refs;
}
const AGE_FOLLOW = /^(from|with|in|on|who|whose|came|presented|presenting|living|admitted|brought)$/;
const LAY_TITLES = new Set(["mr", "mrs", "miss", "ms", "mx", "master", "mister"]);
const DETERMINER = /^(a|an|one|this|that|the|another|same|some|each|every)$/;
const POSSESSIVE = /^(my|our|your|his|her|their|mine|ours|me|us)$/;
const NOUN_FOLLOW =
  /^(with|who|whose|from|in|came|comes|on|aged|presenting|presented|i|we|had|has|rang|brought|turned|whom|at|was|is|needs|needed|keeps|kept|asked|told|wanted|wants|refused|refuses|died|collapsed|fell)$/;

/** "a lovely gent", "the old boy from the farm", "Young mum came in", "…: toddler with a rash" — never "my son". */
function nounRefs(doc: Doc): Hit[] {
  const toks = doc.tokens;
  const out: Hit[] = [];
  for (const h of doc.hits.patientNoun) {
    const head = toks[h.to - 1]!;
    const noun = toks
      .slice(h.from, h.to)
      .map((t) => t.norm)
      .join(" ")
      .replace(/'s$/, "");
    const kin = SIG.kinNoun.has(noun);
    if (noun === "couple" && toks[h.to]?.norm === "of") continue;
    if (doc.hits.clinical.some((c) => c.from <= h.from && h.to <= c.to && c.to - c.from > h.to - h.from))
      continue;
    // Walk back over adjectives to a determiner, a possessive, or the start of the clause.
    let k = h.from - 1;
    let adj = 0;
    while (k >= 0 && toks[k]!.sent === head.sent && SIG.personAdj.has(toks[k]!.norm) && adj < 3) {
      k--;
      adj++;
    }
    const prev = k >= 0 && toks[k]!.sent === head.sent ? toks[k]! : null;
    let ok = false;
    if (prev && POSSESSIVE.test(prev.norm)) ok = prev.norm === "our" && SIG.ourNoun.has(noun);
    else if (prev && (DETERMINER.test(prev.norm) || prev.norm.endsWith("'s")))
      ok = !prev.norm.endsWith("'s") || !kin;
    else if (adj > 0) ok = !prev || clauseBreak(doc, prev.end, toks[k + 1]!.start);
    else if (!kin) {
      const next = toks[h.to];
      const opens = !prev || clauseBreak(doc, prev.end, toks[h.from]!.start);
      ok = opens && !!next && next.sent === head.sent && NOUN_FOLLOW.test(next.norm);
    }
    if (ok) {
      const from = prev && DETERMINER.test(prev.norm) ? prev.i : k + 1;
      out.push({ from, to: h.to, start: toks[from]!.start, end: head.end });
    }
  }
  return out;
}
const clauseBreak = (doc: Doc, a: number, b: number): boolean =>
  /[:;,(\u2013\u2014-]/.test(doc.text.slice(a, b));
const PERSON_NOUNS = SIG.personNoun;

/** Ages of individuals, leaving out group ages and the writer's own family ("my 4 year old"). */
export function individualAges(doc: Doc): Found[] {
  return doc.entities.filter((e) => e.type === "age" && !e.group);
}

const ownFamily = (doc: Doc, h: Hit): boolean => {
  // A relative word starting at most 3 + its own length tokens before h (searched in that window only).
  const rel = doc.hits.relative;
  return (
    (rel.length > 0 &&
      findInWindow(
        rel,
        h.from - 3 - longestHit(rel),
        h.from,
        (r) => r.from < h.from + 1 && h.from - r.to <= 3 && near(doc, r, h, 0),
      ) !== undefined) ||
    doc.tokens[h.from - 1]?.norm === "my"
  );
};

/** Whether each person is a member of staff, worked out once per person. */
const STAFF_LIKE = new WeakMap<PersonFound, boolean>();

const staffLike = (doc: Doc, p: PersonFound): boolean => {
  let s = STAFF_LIKE.get(p);
  if (s === undefined) STAFF_LIKE.set(p, (s = isStaffLike(doc, p)));
  return s;
};

function isStaffLike(doc: Doc, p: PersonFound): boolean {
  if (p.staff || (p.title && CLINICIAN_TITLES.has(p.title))) return true;
  // "Priya, our nurse", "Dawn on reception", "Dawn the nurse"
  const roles = doc.hits.staffRole;
  if (
    roles.length &&
    findInWindow(
      roles,
      p.from - 2 - longestHit(roles),
      p.to + 4,
      (r) => r.to >= p.from - 2 && r.from <= p.to + 4 && near(doc, r, p, 0),
    )
  )
    return true;
  return atStaffPost(doc, p.to);
}

const POST_PREP = /^(on|at|from|behind|in|manning|running|answering|covering)$/;
/** A name followed by where staff work: "Kelly on reception", "Dave, at the front desk", "Jo in dispensary". */
function atStaffPost(doc: Doc, k: number): boolean {
  const toks = doc.tokens;
  const sent = toks[k - 1]?.sent;
  if (!toks[k] || toks[k]!.sent !== sent || !POST_PREP.test(toks[k]!.norm)) return false;
  let j = k + 1;
  if (toks[j]?.norm === "the") j++;
  const at = toks[j];
  if (!at || at.sent !== sent) return false;
  return SIG.staffPost.matchAll(toks.slice(j, j + 3)).some((m) => m.from === 0);
}

export const patientIdentifier: Rule = (doc) => {
  const out: RawFinding[] = [];
  const ents = doc.entities;
  const comment = doc.context === "comment";
  // Always: NHS and NI numbers, dates of birth.
  for (const e of ents) {
    if (e.type === "nhs-number" || e.type === "ni-number")
      out.push({
        rule: "patient-identifier",
        severity: "breach",
        spans: [span(e)],
        reason: e.type,
        redact: [redactOf(e)],
      });
    else if (e.type === "date" && e.birth)
      out.push({
        rule: "patient-identifier",
        severity: "breach",
        spans: [span(e)],
        reason: "date-of-birth",
        redact: [redactOf(e)],
      });
  }
  if (comment) return out;

  const refs = patientRefs(doc);
  const health = healthHits(doc);
  const story = storyHits(doc);
  const frame: Hit[] = [...refs, ...story];
  if (doc.tokens.some((t) => t.norm === "patient" || t.norm === "patient's"))
    frame.push(
      ...doc.tokens
        .filter((t) => t.norm.startsWith("patient"))
        .map((t) => ({ from: t.i, to: t.i + 1, start: t.start, end: t.end })),
    );
  const inFrame = (h: Hit, dist = 1): boolean => anyNear(doc, frame, h, dist);
  const practiceContact = (e: Found): boolean =>
    (e.type === "phone" && (doc.profile.phones.has(phoneDigits(e.text)) || doc.context === "practice")) ||
    (e.type === "email" &&
      (doc.profile.emailDomains.has(e.text.split("@")[1]!.toLowerCase()) || doc.context === "practice")) ||
    e.type === "url";

  // A named person in a patient story (not a member of staff).
  const patientWords: Hit[] = doc.tokens
    .filter((t) => t.norm.startsWith("patient"))
    .map((t) => ({ from: t.i, to: t.i + 1, start: t.start, end: t.end }));
  for (const p of doc.persons) {
    if (staffLike(doc, p)) continue;
    const cued =
      anyNear(doc, refs, p, 1) || (anyNear(doc, health, p, 0) && (doc.context === "practice" || !!p.title));
    const ourPatient = anyNear(doc, patientWords, p, 0);
    if (cued || ourPatient)
      out.push({
        rule: "patient-identifier",
        severity: "breach",
        spans: [span(p)],
        reason: "name",
        redact: [redactOf(p)],
      });
  }
  // Contact details or an address in a patient story.
  for (const e of ents) {
    if (!["address", "postcode", "phone", "email"].includes(e.type) || practiceContact(e)) continue;
    const r = tokRange(doc, e);
    if (r && inFrame(r))
      out.push({
        rule: "patient-identifier",
        severity: "breach",
        spans: [span(e)],
        reason: e.type,
        redact: [redactOf(e)],
      });
  }
  // Jigsaw: an individual's age + a health detail + a place or time, with no name needed.
  const places = entityFinder(
    doc,
    ents.filter((e) => e.type === "place" || e.type === "address" || e.type === "postcode"),
  );
  const dates = entityFinder(
    doc,
    ents.filter((e) => e.type === "date"),
  );
  for (const a of individualAges(doc)) {
    const r = tokRange(doc, a);
    if (!r || ownFamily(doc, r)) continue;
    const h = findNear(doc, health, r, 1);
    if (!h) continue;
    const where = places(r, 1);
    const when = findNear(doc, doc.hits.timeCue, r, 1) ?? dates(r, 1);
    const other = where ?? when;
    if (!other) continue;
    const spans = [entSpan(a), span(h), span(other)].sort((x, y) => x.start - y.start);
    const redact = [redactOf(a), ...(where ? [redactOf(where as Found)] : [])];
    out.push({ rule: "patient-identifier", severity: "breach", spans, reason: "jigsaw", redact });
  }
  // Jigsaw without an age: a particular person ("a young lad", "Mrs Khan") + a health detail + a named place.
  if (!out.some((f) => f.reason === "jigsaw")) {
    const homes = entityFinder(
      doc,
      ents.filter(
        (e) => (e.type === "place" || e.type === "address" || e.type === "postcode") && !hospital(doc, e),
      ),
    );
    for (const r of refs) {
      if (ownFamily(doc, r) || r.to - r.from > 6) continue;
      const h = findNear(doc, health, r, 1);
      if (!h) continue;
      const where = homes(r, 0);
      if (!where) continue;
      const spans = [span(r), span(h), span(where)].sort((x, y) => x.start - y.start);
      out.push({
        rule: "patient-identifier",
        severity: "breach",
        spans,
        reason: "jigsaw",
        redact: [redactOf(where)],
      });
      break;
    }
  }
  return dedupe(out);
};

/**
 * The first of these entities (in their order) within `dist` sentences of a hit, as
 * `list.find((e) => near(doc, tokRange(doc, e) ?? h, h, dist))` answers: an entity without tokens is near
 * anything. Indexed once, so each question costs a few lookups.
 */
function entityFinder(doc: Doc, list: readonly Found[]): (h: Hit, dist: number) => Found | undefined {
  const hits: Hit[] = [];
  const at: number[] = [];
  let loose = -1; // the first entity without tokens
  list.forEach((e, i) => {
    const r = tokRange(doc, e);
    if (r) {
      hits.push(r);
      at.push(i);
    } else if (loose < 0) loose = i;
  });
  return (h, dist) => {
    const k = firstNear(doc, hits, h, dist);
    const i = k < 0 ? loose : loose < 0 ? at[k]! : Math.min(at[k]!, loose);
    return i < 0 ? undefined : list[i];
  };
}

/** "Leeds General", "the Royal Infirmary": a hospital says where care is given, not where someone lives. */
function hospital(doc: Doc, e: Found): boolean {
  const r = tokRange(doc, e);
  if (!r) return false;
  const word = /^(?:general|infirmary|hospital|royal|a&e|hospice)$/;
  const next = doc.tokens[r.to];
  return (
    word.test(doc.tokens[r.to - 1]!.norm) ||
    (!!next && next.sent === doc.tokens[r.from]!.sent && word.test(next.norm))
  );
}

function dedupe(list: RawFinding[]): RawFinding[] {
  const seen = new Set<string>();
  return list.filter((f) => {
    const k = `${f.spans[0]!.start}:${f.spans[0]!.end}:${f.reason}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** An organisation named like a practice: capitalised words before "Surgery", "Medical Practice"… */
export function practiceMentions(doc: Doc): Hit[] {
  const out: Hit[] = [...doc.profile.practiceNames.matchAll(doc.tokens, doc.forms)];
  for (const m of doc.hits.practiceWord) {
    const first = doc.tokens[m.from]!;
    if (!first.cap) continue;
    let k = m.from;
    while (
      k > 0 &&
      m.from - k < 3 &&
      doc.tokens[k - 1]!.cap &&
      doc.tokens[k - 1]!.sent === first.sent &&
      !doc.tokens[k - 1]!.first
    )
      k--;
    if (
      k > 0 &&
      k === m.from &&
      doc.tokens[k - 1]!.cap &&
      doc.tokens[k - 1]!.first &&
      doc.tokens[k - 1]!.sent === first.sent
    )
      k--;
    if (k < m.from) out.push({ from: k, to: m.to, start: doc.tokens[k]!.start, end: m.end });
  }
  return out;
}

export const employerIdentification: Rule = (doc) => {
  if (doc.context !== "personal") return [];
  const named = practiceMentions(doc);
  if (!named.length) return [];
  const cue =
    doc.hits.employerCue.find((c) => named.some((n) => near(doc, c, n, 1))) ??
    doc.hits.colleague.find(
      (c) =>
        named.some((n) => near(doc, c, n, 0)) &&
        [doc.tokens[c.from - 1]?.norm, doc.tokens[c.from]!.norm].some((w) => w === "my" || w === "our"),
    );
  if (!cue) return [];
  const n = named.find((x) => near(doc, cue, x, 1))!;
  return [
    {
      rule: "employer-identification",
      severity: "warning",
      spans: [span(cue), span(n)].sort((a, b) => a.start - b.start),
      reason: "names-employer",
    },
  ];
};

export const workContactDetails: Rule = (doc) => {
  if (doc.context !== "personal") return [];
  const out: RawFinding[] = [];
  for (const e of doc.entities) {
    if (e.type === "email") {
      const domain = e.text.split("@")[1]!.toLowerCase();
      if (
        domain === "nhs.net" ||
        domain.endsWith(".nhs.net") ||
        domain.endsWith(".nhs.uk") ||
        doc.profile.emailDomains.has(domain)
      )
        out.push({
          rule: "work-contact-details",
          severity: "warning",
          spans: [span(e)],
          reason: "work-email",
          redact: [redactOf(e)],
        });
    } else if (e.type === "phone" && doc.profile.phones.has(phoneDigits(e.text))) {
      out.push({
        rule: "work-contact-details",
        severity: "warning",
        spans: [span(e)],
        reason: "practice-phone",
        redact: [redactOf(e)],
      });
    }
  }
  return out;
};

export const staffIdentification: Rule = (doc) => {
  if (doc.context !== "comment") return [];
  const out: RawFinding[] = [];
  for (const p of doc.persons) {
    if (!staffLike(doc, p)) continue;
    out.push({
      rule: "staff-identification",
      severity: "warning",
      spans: [span(p)],
      reason: p.staff ? "staff-name" : p.title ? "titled-name" : "role-and-name",
      redact: [redactOf(p)],
    });
  }
  return out;
};
