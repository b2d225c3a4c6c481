// Replies to patients (issue 10, part 4): the practice's reply templates with their placeholders, the defaults a
// practice starts with (the built-in replies), the rule for sending without a second person, and a reply's
// states. Pure: the store, the use cases, the web page and the CLI read the same lists. See docs/inbox.md.
import { z } from "zod";
import { EMERGENCY_REPLY, REPLY_TEMPLATES, URGENT_MENTAL_REPLY, URGENT_REPLY } from "../checker/messages";
import { MEDICAL_INFORMATION_REPLY, SAFEGUARDING_REPLY } from "./route";
import { INBOX_CATEGORIES, type InboxCategory } from "./types";

/** What placeholders fill from: the practice's name and the contact routes in its settings. */
export interface ReplyDetails {
  name: string;
  phone?: string | undefined;
  website?: string | undefined;
  onlineConsultationUrl?: string | undefined;
  complaintsProcedureUrl?: string | undefined;
  nhsWebsiteUrl?: string | undefined;
}

const orList = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;

const form = (d: ReplyDetails): string | null =>
  d.onlineConsultationUrl ? `our online consultation form (${d.onlineConsultationUrl})` : null;

/**
 * Every placeholder a template may use, what it means (for the settings page) and how it fills. A setting the
 * practice has not filled in gives words that still read well ("call the surgery"), never an empty gap.
 */
export const REPLY_PLACEHOLDERS: Record<string, { label: string; fill: (d: ReplyDetails) => string }> = {
  practice: { label: "the practice's name", fill: (d) => d.name || "the practice" },
  phone: { label: "the practice's phone number", fill: (d) => d.phone ?? "the surgery" },
  callUs: {
    label: '"call us on …" with the phone number',
    fill: (d) => (d.phone ? `call us on ${d.phone}` : "call the surgery"),
  },
  website: { label: "the practice's website", fill: (d) => d.website ?? "our website" },
  onlineConsultation: {
    label: "the online consultation link",
    fill: (d) => d.onlineConsultationUrl ?? "our online consultation form",
  },
  nhsApp: { label: "the NHS App", fill: () => "the NHS App" },
  nhsUkPage: {
    label: "the practice's page on nhs.uk (for reviews)",
    fill: (d) => d.nhsWebsiteUrl ?? "the nhs.uk website",
  },
  complaintsRoute: {
    label: "the complaints procedure, with its link",
    fill: (d) =>
      d.complaintsProcedureUrl
        ? `our complaints procedure (${d.complaintsProcedureUrl})`
        : "our complaints procedure",
  },
  complaints: {
    label: 'the complaints link in brackets, after "complaints procedure" (nothing when there is none)',
    fill: (d) => (d.complaintsProcedureUrl ? ` (${d.complaintsProcedureUrl})` : ""),
  },
  routes: {
    label: "the NHS App or the online consultation form",
    fill: (d) => orList(["the NHS App", ...(form(d) ? [form(d)!] : [])]),
  },
  rxRoutes: {
    label: "the NHS App, the nominated pharmacy or the online consultation form",
    fill: (d) => orList(["the NHS App", "your nominated pharmacy", ...(form(d) ? [form(d)!] : [])]),
  },
  online: {
    label: '" or our online consultation form (link)" (nothing when there is none)',
    fill: (d) => (form(d) ? ` or ${form(d)}` : ""),
  },
};

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** Fills a template's {placeholders} from the practice's details; an unknown name stays as written. */
export function fillReplyTemplate(text: string, details: ReplyDetails): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => REPLY_PLACEHOLDERS[name]?.fill(details) ?? whole);
}

/** The {names} in a text that are not placeholders safepost knows. */
export function unknownPlaceholders(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) if (!REPLY_PLACEHOLDERS[m[1]!]) out.add(m[1]!);
  return [...out];
}

/** One of the templates every practice starts with: the built-in replies, keyed so they are seeded once. */
export interface DefaultReplyTemplate {
  key: string;
  category: InboxCategory;
  name: string;
  text: string;
}

/** The built-in replies as the practice's first templates, one or more per inbox category. */
export const DEFAULT_REPLY_TEMPLATES: readonly DefaultReplyTemplate[] = [
  { key: "crisis-urgent", category: "crisis", name: "Urgent symptoms: NHS 111 first", text: URGENT_REPLY },
  { key: "crisis-emergency", category: "crisis", name: "An emergency: 999 now", text: EMERGENCY_REPLY },
  {
    key: "crisis-mental-health",
    category: "crisis",
    name: "Thoughts of suicide or self-harm",
    text: URGENT_MENTAL_REPLY,
  },
  {
    key: "safeguarding",
    category: "safeguarding",
    name: "Safeguarding concern",
    text: SAFEGUARDING_REPLY,
  },
  { key: "abuse", category: "abuse", name: "Comment hidden", text: REPLY_TEMPLATES.abuse },
  {
    key: "medical-information",
    category: "medical-information",
    name: "Medical details hidden",
    text: MEDICAL_INFORMATION_REPLY,
  },
  {
    key: "complaint",
    category: "complaint",
    name: "The complaints procedure",
    text: REPLY_TEMPLATES.complaint,
  },
  {
    key: "appointment-request",
    category: "appointment-request",
    name: "How to book",
    text: REPLY_TEMPLATES["appointment-request"],
  },
  {
    key: "prescription-request",
    category: "prescription-request",
    name: "How to order medicines",
    text: REPLY_TEMPLATES["prescription-request"],
  },
  {
    key: "medical-query",
    category: "medical-query",
    name: "No medical advice here",
    text: REPLY_TEMPLATES["medical-query"],
  },
  { key: "review", category: "review", name: "Thank you", text: REPLY_TEMPLATES.review },
  {
    key: "general-enquiry",
    category: "general-enquiry",
    name: "General answer",
    text: REPLY_TEMPLATES["general-enquiry"],
  },
];

/** The longest reply safepost sends (Facebook allows 8,000; the shortest platforms less, which the checker says). */
export const REPLY_MAX_CHARS = 2_000;
export const TEMPLATE_NAME_MAX_CHARS = 100;
export const CHANGES_NOTE_MAX_CHARS = 1_000;

const replyText = (what: string) =>
  z
    .string({ error: `Write the ${what}.` })
    .trim()
    .min(1, `Write the ${what}: it is empty.`)
    .max(REPLY_MAX_CHARS, `Keep the ${what} to ${REPLY_MAX_CHARS.toLocaleString("en-GB")} characters.`);

/** A template as the admin writes it. */
export const replyTemplateInputSchema = z.object({
  category: z.enum(INBOX_CATEGORIES, {
    error: `Choose the kind of comment it answers: one of ${INBOX_CATEGORIES.join(", ")}.`,
  }),
  name: z
    .string({ error: "Give the template a name." })
    .trim()
    .min(1, "Give the template a name.")
    .max(TEMPLATE_NAME_MAX_CHARS, `Keep the name to ${TEMPLATE_NAME_MAX_CHARS} characters.`),
  text: replyText("template's text").refine((t) => unknownPlaceholders(t).length === 0, {
    error: (issue) =>
      `${unknownPlaceholders(String(issue.input))
        .map((n) => `{${n}}`)
        .join(", ")} is not a placeholder safepost knows. Use ${Object.keys(REPLY_PLACEHOLDERS)
        .map((n) => `{${n}}`)
        .join(", ")}.`,
  }),
  preApproved: z
    .boolean({ error: "Say whether the template is pre-approved (true or false)." })
    .default(false),
});
export type ReplyTemplateInput = z.infer<typeof replyTemplateInputSchema>;

/** A reply as a poster writes it: its words, and the template it started from (if any). */
export const replyInputSchema = z.object({
  text: replyText("reply"),
  templateId: z.string().max(64).nullable().optional(),
});

/** A reply's life. */
export const REPLY_STATES = [
  "awaiting-approval",
  "changes-requested",
  /** Approved (or pre-approved) and queued to be sent. */
  "approved",
  /** The platform is being called; nothing sends a reply in this state again. */
  "sending",
  "sent",
  /** Known not sent (refused, reconnect, try later): a person sends it again. */
  "failed",
  /** The platform's answer was lost and the reply was not found there: a person checks. */
  "needs-check",
  /** A channel safepost cannot answer on: a person copies it there and says so. */
  "post-by-hand",
  /** Sent back, then replaced by a new reply. */
  "replaced",
] as const;
export type ReplyState = (typeof REPLY_STATES)[number];

/** States in which a conversation has a reply under way (one at a time). */
export const OPEN_REPLY_STATES: readonly ReplyState[] = [
  "awaiting-approval",
  "changes-requested",
  "approved",
  "sending",
  "failed",
  "needs-check",
  "post-by-hand",
];

export const REPLY_STATE_LABELS: Record<ReplyState, string> = {
  "awaiting-approval": "Waiting for a second person to approve it",
  "changes-requested": "Sent back with a note",
  approved: "Approved, being sent",
  sending: "Being sent",
  sent: "Sent",
  failed: "Not sent",
  "needs-check": "Check whether it was posted",
  "post-by-hand": "Approved: post it by hand",
  replaced: "Replaced by a newer reply",
};

/** How long a reply may stay "sending" before a person may say whether it went (the runner may have died). */
export const SENDING_STUCK_MS = 15 * 60_000;

/** The template a reply started from, as the pre-approved rule reads it. */
export interface TemplateFacts {
  category: string;
  preApproved: boolean;
  archived: boolean;
  /** The template's text filled with the practice's details now. */
  filled: string;
}

/**
 * Whether a reply may be sent without a second person: it is a pre-approved, current template for the
 * conversation's category, sent exactly as filled in (any edit needs approval).
 */
export function sendsWithoutApproval(
  text: string,
  template: TemplateFacts | null,
  conversationCategory: string,
): boolean {
  return (
    template !== null &&
    template.preApproved &&
    !template.archived &&
    template.category === conversationCategory &&
    text.trim() === template.filled.trim()
  );
}
