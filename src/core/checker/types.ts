// The checker's contract (../shared/eval/README.md). Ids are stable: add fields if needed, never rename.

export const RULE_IDS = [
  "patient-identifier",
  "clinical-detail",
  "abuse",
  "bullying",
  "venting",
  "defamation",
  "misinformation",
  "employer-identification",
  "work-contact-details",
  "staff-identification",
  "medical-information-shared",
  "insecure-channel",
  "sick-leave-conflict",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const ENTITY_TYPES = [
  "person",
  "nhs-number",
  "date",
  "age",
  "postcode",
  "address",
  "phone",
  "email",
  "ni-number",
  "place",
  "url",
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const TRIAGE_CATEGORIES = [
  "complaint",
  "appointment-request",
  "prescription-request",
  "medical-query",
  "review",
  "abuse",
  "general-enquiry",
] as const;
export type TriageCategory = (typeof TRIAGE_CATEGORIES)[number];

export type CheckContext = "personal" | "practice" | "comment";
export type Severity = "advice" | "warning" | "breach";
export type Verdict = "ok" | "review" | "do-not-post";

export interface Span {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
}

export interface Entity extends Span {
  type: EntityType;
  text: string;
}

/** A policy clause the finding cites, e.g. { number: "4.2", title: "Clinical stories" }. */
export interface ClauseRef {
  number: string;
  title: string;
}

export interface Finding extends Span {
  rule: RuleId;
  /** Stable kebab-case code for why the rule fired, e.g. "nhs-number", "jigsaw", "threat". */
  reason: string;
  severity: Severity;
  /** Every span that contributed (the first is also start/end). */
  spans: Span[];
  /** The clause number as a string (contract field), e.g. "4.2". */
  clause: string;
  clauseTitle: string;
  message: string;
  suggestion: string;
}

export interface CheckInput {
  text: string;
  context?: CheckContext;
  author?: { onSickLeave?: boolean };
  /** Today's date (ISO), so dated hot topics apply only while active. Optional. */
  date?: string;
}

export interface Triage {
  category: TriageCategory;
  reply: string;
  /** Moderation advice: hide the comment, preserve it as evidence, escalate (and to whom). */
  moderation: { hide: boolean; preserve: boolean; escalate: boolean; escalateTo?: string; advice: string };
}

export interface CheckResult {
  verdict: Verdict;
  findings: Finding[];
  entities: Entity[];
  triage?: Triage;
}

/** A hot topic (e.g. pandemic misinformation) with its active dates, from the practice's policy. */
export interface HotTopic {
  id: string;
  label: string;
  /** Words or phrases that mark a claim on this topic as contrary to NHS guidance. */
  claims: string[];
  start?: string; // ISO date
  end?: string; // ISO date
}

/** What the practice tells the checker about itself. Every field optional; defaults are used otherwise. */
export interface PracticeProfile {
  practiceNames?: string[];
  staffNames?: string[];
  places?: string[];
  phones?: string[];
  emailDomains?: string[];
  hotTopics?: HotTopic[];
  /** Which clause of the practice's published policy each rule cites. */
  clauses?: Partial<Record<RuleId, ClauseRef>>;
  /** Reply templates per triage category, from the practice's settings ({practice}, {phone}… filled in). */
  replyTemplates?: Partial<Record<TriageCategory, string>>;
  /** Practice details used in replies. */
  details?: {
    name?: string;
    phone?: string;
    onlineConsultationUrl?: string;
    complaintsProcedureUrl?: string;
  };
}
