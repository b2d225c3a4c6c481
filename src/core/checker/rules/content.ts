// Rules about what a post says: clinical stories, medical details in comments, abuse, bullying, venting,
// defamation, misinformation, invitations to share medical details, and sick-leave conflicts.
import type { Doc } from "../analyse";
import { patientRefs, practiceMentions } from "./identifiers";
import {
  healthHits,
  mergeSpans,
  near,
  negatedAt,
  sentOf,
  sentencesOf,
  span,
  storyHits,
  type Hit,
  type RawFinding,
  type Rule,
} from "./util";

export const clinicalDetail: Rule = (doc) => {
  if (doc.context === "comment") return [];
  const refs = patientRefs(doc);
  if (!refs.length) return [];
  // Indexed by sentence, and each hit taken once: a long text of many references and many clinical words
  // costs their number, not its square.
  const refSentences = sentencesOf(doc, refs);
  const story = storyHits(doc).filter((h) => h.value !== "care" || refSentences.has(sentOf(doc, h)));
  const storyBySentence = new Map<number, Hit[]>();
  for (const h of story) {
    const s = sentOf(doc, h);
    const list = storyBySentence.get(s);
    if (list) list.push(h);
    else storyBySentence.set(s, [h]);
  }
  const pairs: Hit[] = [];
  const taken = new Set<number>(); // sentences whose story hits are already in `pairs`
  for (const r of refs) {
    const s = sentOf(doc, r);
    const near3 = [s - 1, s, s + 1].filter((k) => storyBySentence.has(k));
    if (!near3.length) continue;
    pairs.push(r);
    for (const k of near3)
      if (!taken.has(k)) {
        taken.add(k);
        pairs.push(...storyBySentence.get(k)!);
      }
  }
  if (!pairs.length) return [];
  return [
    {
      rule: "clinical-detail",
      severity: "breach",
      spans: mergeSpans(pairs.map(span)),
      reason: "patient-story",
    },
  ];
};

const SELF = /^(i|i'm|im|i've|ive|i'd|my|me|mine|myself|we|our|us)$/;

export const medicalInformationShared: Rule = (doc) => {
  if (doc.context !== "comment") return [];
  // A test or procedure asked for in a booking ("an appointment for a smear test") is not someone's health.
  const booking = new Set([...doc.hits.appointment, ...doc.hits.appointmentAsk].map((a) => sentOf(doc, a)));
  // Nor is a procedure asked about as a service: "are you still offering ear syringing?"
  const asked = (h: Hit): boolean => doc.hits.enquiry.some((e) => e.to <= h.from && h.from - e.to <= 1);
  const health: Hit[] = [
    ...healthHits(doc).filter((h) => h.value !== "procedure" || (!booking.has(sentOf(doc, h)) && !asked(h))),
    ...doc.hits.urgent,
    ...doc.hits.urgentMental,
  ];
  if (!health.length) return [];
  const selfSents = new Set<number>();
  for (const t of doc.tokens) if (SELF.test(t.norm)) selfSents.add(t.sent);
  for (const r of doc.hits.relative) selfSents.add(sentOf(doc, r));
  const own = health.filter((h) => {
    const s = sentOf(doc, h);
    return selfSents.has(s) || selfSents.has(s - 1);
  });
  if (!own.length) return [];
  return [
    {
      rule: "medical-information-shared",
      severity: "warning",
      spans: mergeSpans(own.map(span)),
      reason: "own-health",
    },
  ];
};

const PERSON_REF = /^(you|u|ya|yous|youse|he|she|they|him|her|them|you're|youre|ur|your)$/;

/** Is the hit aimed at a person: "you … idiot", "she is useless", "that receptionist … cow", a name nearby? */
function aimed(doc: Doc, h: Hit): boolean {
  const sent = doc.tokens[h.from]!.sent;
  for (let k = Math.max(0, h.from - 5); k < Math.min(doc.tokens.length, h.to + 3); k++) {
    const t = doc.tokens[k]!;
    if (t.sent === sent && PERSON_REF.test(t.norm)) return true;
  }
  if (doc.persons.some((p) => near(doc, p, h, 0))) return true;
  return (
    doc.hits.staffRole.some((r) => near(doc, r, h, 0)) || doc.hits.colleague.some((r) => near(doc, r, h, 0))
  );
}

const SINGLE_WORD_THREAT = /^(punch|bomb|stab|shoot|blow up|kill)$/;
const INTENT = /^(i'll|ill|i|will|gonna|going|wanna|want|should|shall|to)$/;

export const abuse: Rule = (doc) => {
  const out: RawFinding[] = [];
  for (const h of doc.hits.abuse) {
    if (h.kind === "slur") out.push({ rule: "abuse", severity: "breach", spans: [span(h)], reason: "slur" });
    else
      out.push({
        rule: "abuse",
        severity: aimed(doc, h) ? "breach" : "warning",
        spans: [span(h)],
        reason: h.kind,
      });
  }
  for (const h of doc.hits.insultMild) {
    if (!aimed(doc, h) || negatedAt(doc, h.from, 2)) continue;
    // "an appalling wait" is a complaint, not abuse: the insult must describe a person.
    const next = doc.tokens[h.to];
    if (
      next &&
      /^(service|system|website|app|phone|phones|line|wait|waiting|care|place|practice|surgery|building|parking|policy|process|experience|how|that|the|to|when|what|it|this|waits|times|queue|queues|delays)$/.test(
        next.norm,
      )
    )
      continue;
    out.push({ rule: "abuse", severity: "warning", spans: [span(h)], reason: "insult" });
  }
  for (const h of doc.hits.threat) {
    const text = doc.f.norm.slice(doc.tokens[h.from]!.nStart, doc.tokens[h.to - 1]!.nEnd);
    if (SINGLE_WORD_THREAT.test(text)) {
      const sent = doc.tokens[h.from]!.sent;
      let intent = doc.hits.threatMarker.some((m) => sentOf(doc, m) === sent);
      for (let k = Math.max(0, h.from - 3); k < h.from && !intent; k++)
        if (INTENT.test(doc.tokens[k]!.norm)) intent = true;
      if (!intent) continue;
    }
    out.push({ rule: "abuse", severity: "breach", spans: [span(h)], reason: "threat" });
  }
  if (!out.length) return [];
  const severity = out.some((f) => f.severity === "breach") ? "breach" : "warning";
  const reason =
    out.find((f) => f.reason === "threat")?.reason ??
    out.find((f) => f.reason === "slur")?.reason ??
    out[0]!.reason;
  return [{ rule: "abuse", severity, spans: mergeSpans(out.flatMap((f) => f.spans)), reason }];
};

export const bullying: Rule = (doc) => {
  if (doc.context === "comment") return [];
  const colleagues = doc.hits.colleague.filter(
    (c) => doc.tokens[c.from]!.norm !== "work" || c.to - c.from > 1,
  );
  if (!colleagues.length) return [];
  const put = [...doc.hits.demean, ...doc.hits.abuse.filter((a) => a.kind !== "profanity")];
  const hits = put.filter(
    (d) => colleagues.some((c) => near(doc, c, d, 1)) && subjectOf(doc, d, colleagues) !== "public",
  );
  if (!hits.length) return [];
  const c = colleagues.find((x) => hits.some((d) => near(doc, x, d, 1)))!;
  return [
    {
      rule: "bullying",
      severity: "breach",
      spans: mergeSpans([span(c), ...hits.map(span)]),
      reason: "demeans-colleague",
    },
  ];
};

const PUBLIC_SUBJECT =
  /^(patient|patients|public|punters|punter|people|relatives|families|parents|customers|attenders|members|visitors|callers|scum|idiots|morons)$/;

/** Who a put-down is about: the first person word of its sentence (or, if it has none, of the one before).
 * "Patients who swear at my receptionists are vermin" is about patients, not receptionists. */
function subjectOf(doc: Doc, d: Hit, colleagues: Hit[]): "public" | "colleague" | null {
  for (const s of [sentOf(doc, d), sentOf(doc, d) - 1]) {
    for (const t of doc.tokens) {
      if (t.sent !== s || t.i >= d.from) continue;
      if (colleagues.some((c) => c.from === t.i)) return "colleague";
      if (PUBLIC_SUBJECT.test(t.norm)) return "public";
    }
  }
  return null;
}

const PATIENT_TARGET =
  /^(patient|patients|public|parents|relatives|families|punters|customers|attenders|dna|dnas|no-show|no-shows|lady|gentleman|man|woman|bloke|chap|mum|dad|missed|didn't|didnt|don't|dont|not|never|failed|these|this|the|members)$/;

export const venting: Rule = (doc) => {
  if (doc.context === "comment") return [];
  const bullied = bullying(doc);
  const putDowns = bullied.flatMap((b) => b.spans);
  const inPutDown = (h: Hit): boolean => putDowns.some((p) => p.start <= h.start && h.end <= p.end);
  // Insults aimed at patients or the public are venting as well as abuse.
  const insults = doc.hits.abuse.filter(
    (a) => a.kind === "insult" && doc.hits.ventTarget.some((t) => near(doc, t, a, 1)),
  );
  const strong = [
    ...doc.hits.exasperationStrong.filter((h) => !inPutDown(h)),
    ...insults.filter((h) => !inPutDown(h)),
  ];
  const weak = doc.hits.exasperationWeak.filter((h) => !inPutDown(h));
  if (!strong.length && weak.length < 2) return [];
  let targets = [...doc.hits.ventTarget, ...patientRefs(doc)];
  // Anger at a colleague is bullying, not venting about patients: then "people" alone is not a patient target.
  if (bullied.length)
    targets = targets.filter(
      (t) => PATIENT_TARGET.test(doc.tokens[t.from]!.norm) && doc.tokens[t.from]!.norm !== "people",
    );
  if (!targets.length) return [];
  const ex = [...strong, ...weak];
  return [
    {
      rule: "venting",
      severity: "warning",
      spans: mergeSpans([...ex.map(span), ...targets.slice(0, 2).map(span)]),
      reason: "frustration-about-patients",
    },
  ];
};

export const defamation: Rule = (doc) => {
  const alleg = doc.hits.allegation.filter((a) => !negatedAt(doc, a.from, 2));
  if (!alleg.length) return [];
  const targets: Hit[] = [...doc.persons, ...doc.hits.orgRole, ...practiceMentions(doc)];
  const found = alleg.filter((a) => targets.some((t) => near(doc, t, a, 1)));
  if (!found.length) return [];
  const t = targets.find((x) => found.some((a) => near(doc, x, a, 1)))!;
  return [
    {
      rule: "defamation",
      severity: "breach",
      spans: mergeSpans([span(t), ...found.map(span)]),
      reason: "allegation",
    },
  ];
};

export const misinformation: Rule = (doc) => {
  const { claimTopic, claim, weakClaim, debunk, strongClaim } = doc.hits;
  // A debunking word inside a claim ("hospitals won't admit it") does not debunk it.
  const inClaim = (d: Hit): boolean =>
    [...claim, ...strongClaim].some((c) => c.from <= d.from && d.to <= c.to);
  const debunked = new Set(debunk.filter((d) => !inClaim(d)).map((d) => sentOf(doc, d)));
  const found: Hit[] = [];
  for (const c of claim) {
    const s = sentOf(doc, c);
    if (debunked.has(s) || negatedAt(doc, c.from, 3)) continue;
    if (
      claimTopic.some((t) => near(doc, t, c, 0) && !(t.from >= c.from && t.to <= c.to)) ||
      strongClaim.some((x) => x.from === c.from)
    )
      found.push(c);
  }
  for (const c of strongClaim)
    if (!debunked.has(sentOf(doc, c)) && !found.some((f) => f.from === c.from)) found.push(c);
  const weak = weakClaim.filter((w) => !debunked.has(sentOf(doc, w)) && !negatedAt(doc, w.from, 3));
  if (!found.length && weak.length >= 2 && claimTopic.length) found.push(...weak);
  // The practice's own hot topics (e.g. a local outbreak), active today or with no dates.
  const today = doc.date?.slice(0, 10);
  const active = (t: { start?: string; end?: string }): boolean =>
    !today || ((!t.start || t.start.slice(0, 10) <= today) && (!t.end || today <= t.end.slice(0, 10)));
  for (const { topic, claims } of doc.profile.hotTopics)
    if (active(topic))
      for (const h of claims.matchAll(doc.tokens, doc.forms))
        if (!debunked.has(sentOf(doc, h))) found.push(h);
  if (!found.length) return [];
  return [
    {
      rule: "misinformation",
      severity: "breach",
      spans: mergeSpans(found.map(span)),
      reason: "health-claim",
    },
  ];
};

export const insecureChannel: Rule = (doc) => {
  if (doc.context !== "practice") return [];
  const out: Hit[] = [];
  const channelSents = new Set(doc.hits.socialChannel.map((c) => sentOf(doc, c)));
  const hasChannel = channelSents.size > 0;
  for (const inv of doc.hits.socialInvite) {
    const s = sentOf(doc, inv);
    const req = doc.hits.sensitiveRequest.filter((r) => Math.abs(sentOf(doc, r) - s) <= 1);
    if (!req.length) continue;
    if (
      doc.tokens.some(
        (t) =>
          t.sent === s &&
          (t.norm === "not" || t.norm === "never" || t.norm.endsWith("n't") || t.norm === "dont"),
      )
    )
      continue;
    const generic = /^(send|share|leave|post|contact|get)$/.test(doc.tokens[inv.from]!.norm);
    if (generic && !hasChannel) continue;
    out.push(inv, ...req);
  }
  if (!out.length) return [];
  return [
    {
      rule: "insecure-channel",
      severity: "breach",
      spans: mergeSpans(out.map(span)),
      reason: "invites-medical-details",
    },
  ];
};

export const sickLeaveConflict: Rule = (doc) => {
  if (doc.context !== "personal" || !doc.onSickLeave) return [];
  const act = doc.hits.activity;
  if (!act.length) return [];
  return [
    {
      rule: "sick-leave-conflict",
      severity: "warning",
      spans: mergeSpans(act.map(span)),
      reason: "activity-while-off-sick",
    },
  ];
};
