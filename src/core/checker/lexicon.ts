// The checker's lexicons, loaded from data/ by import (so the same code runs in the browser) and indexed once.
import firstNames from "../../../data/names/first-names.json" with { type: "json" };
import surnames from "../../../data/names/surnames.json" with { type: "json" };
import commonWords from "../../../data/english/common-words.json" with { type: "json" };
import notNames from "../../../data/english/not-names.json" with { type: "json" };
import organisations from "../../../data/english/organisations.json" with { type: "json" };
import clinical from "../../../data/clinical/terms.json" with { type: "json" };
import signals from "../../../data/signals/en.json" with { type: "json" };
import triage from "../../../data/signals/triage.json" with { type: "json" };
import claims from "../../../data/claims/misinformation.json" with { type: "json" };
import places from "../../../data/places/uk.json" with { type: "json" };
import world from "../../../data/places/world.json" with { type: "json" };
import { PhraseMatcher } from "./phrases";

export type ClinicalKind =
  "condition" | "symptom" | "medication" | "procedure" | "result" | "service" | "care";

/** "{pro}" in a phrase stands for any possessive pronoun: "pain in {pro} chest" → "pain in my chest", "… his chest"… */
const PRONOUNS = ["my", "his", "her", "their", "your", "our"];
export const expand = (list: readonly string[]): string[] =>
  list.flatMap((p) => (p.includes("{pro}") ? PRONOUNS.map((w) => p.replace(/\{pro\}/g, w)) : [p]));
const tag = <T>(list: readonly string[], value: T): [string, T][] => expand(list).map((p) => [p, value]);
const matcher = (list: readonly string[]): PhraseMatcher<true> => new PhraseMatcher(tag(list, true as const));

export const FIRST_NAMES: ReadonlySet<string> = new Set(firstNames);
export const SURNAMES: ReadonlySet<string> = new Set(surnames);
/** Ordinary English words: a capitalised one is not taken for a name on its own. */
export const COMMON_WORDS: ReadonlySet<string> = new Set([...commonWords, ...notNames]);
export const NOT_NAMES: ReadonlySet<string> = new Set(notNames);
/** Organisation and team names (one word), which look like names when capitalised. */
export const ORGANISATIONS: ReadonlySet<string> = new Set(organisations.filter((o) => !o.includes(" ")));

const CLINICAL_KINDS: ClinicalKind[] = [
  "condition",
  "symptom",
  "medication",
  "procedure",
  "result",
  "service",
  "care",
];
/** Clinical phrases by kind; "none" marks phrases that contain a clinical word but are not clinical ("burn it down"). */
export const CLINICAL = new PhraseMatcher<ClinicalKind | "none">([
  ...CLINICAL_KINDS.flatMap((k) => tag(clinical[k], k)),
  ...tag(clinical.notClinical, "none" as const),
]);
/** Counted events: "second fall", "another fit", "two falls", "his third bad UTI" are a patient's history. */
export const COUNTED = {
  ordinal: new Set(clinical.ordinal),
  adj: new Set(clinical.ordinalAdj),
  event: new PhraseMatcher(tag(clinical.ordinalEvent, true as const)),
};
/** Body parts, and the words that make one a symptom: "with her chest", "bad back", "knee pain", "cut his hand". */
export const BODY = {
  part: new Set(clinical.bodyPart),
  left: new Set(clinical.bodyLeft),
  verb: new Set(clinical.bodyVerb),
  right: new Set(clinical.bodyRight),
};

export const SIG = {
  patientCue: matcher(signals.patientCue),
  personNoun: new Set(signals.personNoun),
  /** Kin words ("mum", "husband") are a patient reference only with an article or adjective ("a young mum"). */
  kinNoun: new Set(signals.kinNoun),
  /** Nouns that stay a patient reference after "our" ("our frequent flyer"). */
  ourNoun: new Set(signals.ourNoun),
  personAdj: new Set(signals.personAdj),
  exasperationStrong: matcher(signals.exasperationStrong),
  exasperationWeak: matcher(signals.exasperationWeak),
  ventTarget: matcher(signals.ventTarget),
  colleague: matcher(signals.colleague),
  staffRole: matcher(signals.staffRole),
  /** Where a member of staff works: "Kelly on reception", "Dave at the front desk", "Jo in dispensary". */
  staffPost: matcher(signals.staffPost),
  insultStrong: matcher(signals.insultStrong),
  insultMild: matcher(signals.insultMild),
  profanity: matcher(signals.profanity),
  slur: matcher(signals.slur),
  threat: matcher(signals.threat),
  threatMarker: matcher(signals.threatMarker),
  allegation: matcher(signals.allegation),
  orgRole: matcher(signals.orgRole),
  employerCue: matcher(signals.employerCue),
  practiceWord: matcher(signals.practiceWord),
  activity: matcher(signals.activity),
  restCue: matcher(signals.restCue),
  socialInvite: matcher(signals.socialInvite),
  socialChannel: matcher(signals.socialChannel),
  demean: matcher(signals.demean),
  sensitiveRequest: matcher(signals.sensitiveRequest),
  negation: new Set(signals.negation),
  firstPerson: new Set(signals.firstPerson),
  relative: matcher(signals.relative),
  timeCue: matcher(signals.timeCue),
};

/** Single words of the abuse lexicons, for unmasking "f***" and spaced-out letters. */
export const ABUSE_WORDS: readonly string[] = [
  ...signals.profanity,
  ...signals.slur,
  ...signals.insultStrong,
].filter((w) => !w.includes(" "));

export const TRIAGE = {
  complaintStrong: matcher(triage.complaintStrong),
  complaintWeak: matcher(triage.complaintWeak),
  praise: matcher(triage.praise),
  imperative: new Set(triage.imperative),
  negator: new Set(triage.negator),
  appointment: matcher(triage.appointment),
  appointmentAsk: matcher(triage.appointmentAsk),
  prescription: matcher(triage.prescription),
  prescriptionAsk: matcher(triage.prescriptionAsk),
  medicalQuery: matcher(triage.medicalQuery),
  urgent: matcher([...triage.urgent, ...triage.emergency]),
  emergency: matcher(triage.emergency),
  /** Lips, face or skin near blue or grey ("her lips look a bit blue"): an emergency sign. */
  colourPart: new Set(triage.emergencyColour.part),
  colour: new Set(triage.emergencyColour.colour),
  urgentMental: matcher(triage.urgentMental),
  review: matcher(triage.review),
  enquiry: matcher(triage.enquiry),
  /** Somewhere else to get a service: "or should I go private?", "book in at a pharmacy". */
  elsewhere: matcher(triage.elsewhere),
};

export const CLAIMS = {
  topic: matcher(claims.topic),
  claim: matcher(claims.claim),
  debunk: matcher(claims.debunk),
  strong: matcher(claims.strongClaim),
  weak: matcher(claims.weakClaim),
};

/** One-word town, city and country names, in lower case: "london" in a tweet is a place, not a name. */
export const PLACE_WORDS: ReadonlySet<string> = new Set(
  [...places.towns, ...world].filter((w) => !w.includes(" ")),
);

export const PLACES = {
  towns: matcher([...places.towns, ...world]),
  streetSuffix: new Set(places.streetSuffix),
  institution: matcher(places.institution),
};

/** Every phrase lexicon the rules read, tagged with its name, so one pass over the tokens finds them all. */
const SIGNAL_LISTS: [string, readonly string[]][] = [
  ["profanity", signals.profanity],
  ["slur", signals.slur],
  ["insultStrong", signals.insultStrong],
  ["patientCue", signals.patientCue],
  ["patientNoun", signals.patientNoun],
  ["exasperationStrong", signals.exasperationStrong],
  ["exasperationWeak", signals.exasperationWeak],
  ["ventTarget", signals.ventTarget],
  ["colleague", signals.colleague],
  ["staffRole", signals.staffRole],
  ["insultMild", signals.insultMild],
  ["threat", signals.threat],
  ["threatMarker", signals.threatMarker],
  ["allegation", signals.allegation],
  ["orgRole", signals.orgRole],
  ["employerCue", signals.employerCue],
  ["practiceWord", signals.practiceWord],
  ["activity", signals.activity],
  ["restCue", signals.restCue],
  ["socialInvite", signals.socialInvite],
  ["sensitiveRequest", signals.sensitiveRequest],
  ["socialChannel", signals.socialChannel],
  ["demean", signals.demean],
  ["weakClaim", claims.weakClaim],
  ["relative", signals.relative],
  ["timeCue", signals.timeCue],
  ["complaintStrong", triage.complaintStrong],
  ["complaintWeak", triage.complaintWeak],
  ["praise", triage.praise],
  ["appointment", triage.appointment],
  ["appointmentAsk", triage.appointmentAsk],
  ["prescription", triage.prescription],
  ["prescriptionAsk", triage.prescriptionAsk],
  ["medicalQuery", triage.medicalQuery],
  ["urgent", triage.urgent],
  ["emergency", triage.emergency],
  ["urgentMental", triage.urgentMental],
  ["review", triage.review],
  ["enquiry", triage.enquiry],
  ["elsewhere", triage.elsewhere],
  ["claimTopic", claims.topic],
  ["claim", claims.claim],
  ["debunk", claims.debunk],
  ["strongClaim", claims.strongClaim],
];
export const SIGNALS = new PhraseMatcher<string>(
  SIGNAL_LISTS.flatMap(([key, list]) => expand(list).map((p): [string, string] => [p, key])),
);
