// Triage of a comment: one category, a suggested reply, and moderation advice.
import type { Doc } from "./analyse";
import type { PhraseMatch } from "./phrases";
import {
  EMERGENCY_REPLY,
  fillReply,
  MENTAL_SUPPORT,
  MODERATION_ADVICE,
  REPLY_TEMPLATES,
  URGENT_MENTAL_REPLY,
  URGENT_REPLY,
} from "./messages";
import { healthHits, near, negatedAt, type RawFinding } from "./rules/util";
import type { PracticeProfile, Triage, TriageCategory } from "./types";
import { TRIAGE } from "./lexicon";

/** How strongly a comment reads as a complaint: negative cues up, praise down. */
export function complaintScore(doc: Doc): number {
  const h = doc.hits;
  const strong = h.complaintStrong.filter((x) => !covered(x, h.praise));
  let score = strong.length * 2;
  for (const w of h.complaintWeak) if (!strong.some((s) => s.from <= w.from && w.to <= s.to)) score += 1;
  let praise = 0;
  for (const p of h.praise) {
    if (negatedAt(doc, p.from, 2))
      score += 1.5; // "not helpful"
    else praise += 1;
  }
  score -= praise * 1.5;
  // A suggestion that starts with a verb ("Improve the signage", "Keep to appointment times") is a complaint.
  // "Maybe take more time with patients": a softened suggestion is one too.
  const soft = /^(?:maybe|perhaps)$/.test(doc.tokens[0]?.norm ?? "") ? 1 : 0;
  const t0w = doc.tokens[soft];
  if (
    t0w &&
    TRIAGE.imperative.has(t0w.norm) &&
    !h.praise.some((p) => p.from === soft) &&
    !(t0w.norm === "take" && doc.tokens[soft + 1]?.norm === "care") // "Take care, everyone"
  )
    score += 3;
  // "Nothing", "no", "none" on its own at the start answers "what could we do better?" — nothing.
  const t0 = doc.tokens[0]?.norm;
  if (
    (t0 === "nothing" || t0 === "none" || t0 === "no" || t0 === "n/a" || t0 === "na") &&
    doc.tokens.length <= 12 &&
    !strong.length
  )
    score -= 3;
  return score / Math.sqrt(Math.max(1, doc.tokens.length / 8));
}

const covered = (x: PhraseMatch<true>, list: PhraseMatch<true>[]): boolean =>
  list.some((p) => p.from <= x.from && x.to <= p.to && p.to - p.from > x.to - x.from);

const PAST_UNIT = /^(?:week|weeks|month|months|year|years|summer|winter|spring|autumn|christmas|time)$/;
/** "had a stroke last year", "a seizure two months ago": the event is over, so 999 is not the first thing to say
 * ("ten minutes ago" and "last night" are still now). */
function longAgo(doc: Doc, x: PhraseMatch<true>): boolean {
  const sent = doc.tokens[x.from]!.sent;
  for (const t of doc.tokens) {
    if (t.sent !== sent) continue;
    const next = doc.tokens[t.i + 1];
    const prev = doc.tokens[t.i - 1];
    if (t.norm === "last" && next && next.sent === sent && PAST_UNIT.test(next.norm)) return true;
    if (t.norm === "ago" && prev && /^(?:weeks|months|years|year|month|week)$/.test(prev.norm)) return true;
    if (/^(?:19|20)\d\d$/.test(t.norm) && prev && /^(?:in|since|back)$/.test(prev.norm)) return true;
  }
  return false;
}

/** Chooses the category. */
export function categorise(
  doc: Doc,
  findings: RawFinding[],
): { category: TriageCategory; urgent: boolean; mental?: boolean; emergency?: boolean } {
  const h = doc.hits;
  const question = doc.text.includes("?");
  const mental = h.urgentMental.some((x) => !negatedAt(doc, x.from, 2));
  const live = (x: PhraseMatch<true>): boolean =>
    !negatedAt(doc, x.from, 2) || /^not?$/.test(doc.tokens[x.from]!.norm);
  const urgent = mental || h.urgent.some(live);
  // Not breathing, blue lips, fits, chest pain, stroke signs, severe bleeding, a rash that does not fade,
  // will not wake: the reply starts with 999.
  const emergency = h.emergency.some((x) => live(x) && !longAgo(doc, x));
  const abuse = findings.find((f) => f.rule === "abuse" && f.severity !== "advice");
  // Profanity counts as abuse when it is thrown at someone: "you", "your", the staff or the practice.
  const atSomeone =
    h.staffRole.length > 0 || doc.tokens.some((t) => /^(you|your|yous|youse|u|ur|ya)$/.test(t.norm));
  const abusive =
    !!abuse &&
    (abuse.severity === "breach" || abuse.reason === "insult" || abuse.reason === "threat" || atSomeone);
  if (abusive) return { category: "abuse", urgent, mental, emergency };
  const score = complaintScore(doc);
  const explicit = doc.tokens.some((t) => t.norm.startsWith("complain") && !negatedAt(doc, t.i, 2));
  // Urgent symptoms come first, unless the comment is plainly a complaint about care already given.
  // (The reply still points to 999 / NHS 111 whatever the category.)
  if (urgent && !explicit && score < 4 && h.complaintStrong.length < 3)
    return { category: "medical-query", urgent, mental, emergency };
  if (explicit || score >= 4) return { category: "complaint", urgent, emergency };
  // A damaging allegation about care or a member of staff (drunk, lied, stealing) is a complaint.
  if (h.allegation.some((a) => !negatedAt(doc, a.from, 2)))
    return { category: "complaint", urgent, emergency };
  const ask = (list: PhraseMatch<true>[]): boolean => list.length > 0 || question;
  const health = healthHits(doc).filter(
    (x) =>
      (x.value !== "medication" || !h.prescription.length) &&
      (x.value !== "procedure" || !h.appointment.length),
  );
  const conditions = health.filter((x) => x.value !== "medication");
  // "Do you still do ear syringing?" asks about a service, not about someone's health; so does "or do I
  // need to go private?" (a medical-question cue inside a longer service question does not count, unless a
  // condition or symptom is named).
  // "…or should I book in at a private clinic?" asks where to go, not about health.
  const toElsewhere = (m: PhraseMatch<true>): boolean =>
    h.elsewhere.some((e) => e.from >= m.from && e.from - m.to <= 5 && near(doc, e, m, 0));
  const ownQuery = h.medicalQuery.filter(
    (m) =>
      !h.enquiry.some((e) => e.from <= m.from && m.to <= e.to && e.to - e.from > m.to - m.from) &&
      !toElsewhere(m),
  );
  const booking = h.appointment.filter((a) => !toElsewhere(a));
  // Every health word is a service asked about: "do you still do [ear syringing]".
  const onlyServices = health.every((x) =>
    h.enquiry.some(
      (e) => e.to <= x.from && x.from - e.to <= 1 && (x.value === "procedure" || x.value === "service"),
    ),
  );
  if (
    question &&
    h.enquiry.length &&
    (!h.medicalQuery.length || (!ownQuery.length && onlyServices)) &&
    (!h.appointment.length || (!booking.length && onlyServices)) &&
    !h.prescription.length &&
    !findings.some((f) => f.rule === "medical-information-shared")
  )
    return { category: "general-enquiry", urgent, emergency };
  if (
    h.prescription.length &&
    ask(h.prescriptionAsk) &&
    (h.prescriptionAsk.length || (question && !h.medicalQuery.length && !conditions.length))
  ) {
    const isRx = doc.tokens.some((t) =>
      /^(prescription|prescriptions|repeat|repeats|refill|meds|medication|inhaler|inhalers|tablets|cream|creams|ointment|gel|spray|drops|patches)$/.test(
        t.norm,
      ),
    );
    if (isRx) return { category: "prescription-request", urgent, emergency };
  }
  if (urgent || (health.length && (question || h.medicalQuery.length)))
    return { category: "medical-query", urgent, emergency };
  if (h.medicalQuery.length && question) return { category: "medical-query", urgent, emergency };
  if (h.appointment.length && (h.appointmentAsk.length || question))
    return { category: "appointment-request", urgent, emergency };
  // "Do you have disabled parking?" asks, it does not complain.
  if (question && h.enquiry.length && !h.complaintStrong.length)
    return { category: "general-enquiry", urgent, emergency };
  if (score >= (question ? 2 : 0.5)) return { category: "complaint", urgent, emergency };
  const positive = h.review.length + h.praise.filter((p) => !negatedAt(doc, p.from, 2)).length;
  if (positive && !question) return { category: "review", urgent, emergency };
  if (question || h.enquiry.length) return { category: "general-enquiry", urgent, emergency };
  if (positive) return { category: "review", urgent, emergency };
  return { category: "general-enquiry", urgent, emergency };
}

/** The rules' reading of a comment: its category and whether it is urgent, a mental-health crisis or an emergency. */
export type Categorised = ReturnType<typeof categorise>;

/**
 * Triage with reply and moderation advice. `chosen` is the category the classifiers chose and `ruled` the
 * rules' reading (urgency) when the caller already has them.
 */
export function triage(
  doc: Doc,
  findings: RawFinding[],
  profile?: PracticeProfile,
  chosen?: TriageCategory,
  ruled: Categorised = categorise(doc, findings),
): Triage {
  const { urgent, mental, emergency } = ruled;
  const category = chosen ?? ruled.category;
  const has = (rule: string): boolean => findings.some((f) => f.rule === rule && f.severity !== "advice");
  // A complaint or thanks about care already given is answered as urgent (NHS 111 first), not as an emergency.
  const now = emergency && category !== "complaint" && category !== "review";
  const template = now
    ? mental
      ? `${EMERGENCY_REPLY} ${MENTAL_SUPPORT}`
      : EMERGENCY_REPLY
    : mental
      ? URGENT_MENTAL_REPLY
      : urgent
        ? URGENT_REPLY
        : (profile?.replyTemplates?.[category] ?? REPLY_TEMPLATES[category]);
  const reply = fillReply(template, profile);
  let moderation: Triage["moderation"];
  if (category === "abuse" || has("abuse"))
    moderation = {
      hide: true,
      preserve: true,
      escalate: true,
      escalateTo: "practice manager",
      advice: MODERATION_ADVICE.abuse,
    };
  else if (has("defamation"))
    moderation = {
      hide: true,
      preserve: true,
      escalate: true,
      escalateTo: "practice manager",
      advice: MODERATION_ADVICE.defamation,
    };
  else if (urgent)
    moderation = {
      hide: true,
      preserve: false,
      escalate: true,
      escalateTo: "duty clinician",
      advice: MODERATION_ADVICE.urgent,
    };
  else if (has("medical-information-shared") || has("patient-identifier"))
    moderation = { hide: true, preserve: false, escalate: false, advice: MODERATION_ADVICE.medical };
  else if (has("staff-identification"))
    moderation = { hide: true, preserve: false, escalate: false, advice: MODERATION_ADVICE.staff };
  else if (category === "complaint")
    moderation = {
      hide: false,
      preserve: true,
      escalate: true,
      escalateTo: "complaints lead",
      advice: MODERATION_ADVICE.complaint,
    };
  else moderation = { hide: false, preserve: false, escalate: false, advice: MODERATION_ADVICE.routine };
  return { category, reply, moderation };
}
