// Every sentence the checker says: finding messages, suggested fixes and comment replies.
// Detection never builds wording; it passes stable rule ids and reason codes, and this file words them.
import type { RuleId, TriageCategory, PracticeProfile, Span } from "./types";

export const MESSAGES: Record<RuleId, string> = {
  "patient-identifier":
    "This could identify a patient. Names, NHS numbers, dates of birth, addresses and contact details must never be posted, and neither can a mix of age, condition and place that points to one person.",
  "clinical-detail":
    "This tells a story about a patient's health. Even without a name, clinical details about someone you have cared for must stay out of social media.",
  abuse: "This is abusive, threatening or offensive language.",
  bullying:
    "This singles out or demeans a colleague. Raise problems with a colleague in person or with your manager, not online.",
  venting:
    "This reads as frustration about patients or the public. It reflects on the whole profession, even on a private account.",
  defamation:
    "This makes a damaging allegation about a person or organisation that could be identified. Allegations belong with the proper complaints or whistleblowing route.",
  misinformation: "This makes a health claim that goes against the evidence and NHS guidance.",
  "employer-identification":
    "This identifies you as working at the practice. Our policy asks staff not to name the practice on personal accounts.",
  "work-contact-details":
    "This uses work contact details (an NHSmail address or the practice's number) for a personal purpose.",
  "staff-identification":
    "This comment names or singles out a member of staff. Our comment policy asks people not to identify staff.",
  "medical-information-shared": "This comment shares someone's medical information in public.",
  "insecure-channel":
    "This invites people to send medical details, prescription or appointment requests over social media, which is not secure.",
  "sick-leave-conflict":
    "You are recorded as on sick leave, and this post shows an activity that could look at odds with it.",
};

const SUGGESTIONS: Record<RuleId, string> = {
  "patient-identifier": "Remove every detail that could point to the person.",
  "clinical-detail":
    "Do not post this. If you need support after a hard day, talk to a colleague, your manager or a professional support service.",
  abuse: "Remove the abusive words. If you are upset, say so calmly or step away before posting.",
  bullying: "Do not post this. Talk to your colleague or your manager about what happened.",
  venting: "Keep it general and kind, or do not post it. Talk it through with colleagues offline.",
  defamation:
    "Remove the allegation. Concerns about a person or organisation go through the complaints or Freedom to Speak Up route.",
  misinformation: "Remove the claim, or link to NHS guidance (nhs.uk) instead.",
  "employer-identification": "Remove the practice's name and anything that shows where you work.",
  "work-contact-details": "Use a personal email address or phone number instead.",
  "staff-identification":
    "Hide the comment and reply without naming the member of staff; pass any praise or concern on privately.",
  "medical-information-shared":
    "Hide the comment to protect the person's privacy and offer a private way to get in touch.",
  "insecure-channel":
    "Point people to the NHS App, the online consultation form or the phone instead, and say the page is not monitored for medical matters.",
  "sick-leave-conflict":
    "Think about how this could look to colleagues and your manager. If the activity is part of your recovery, say so or wait until you are back.",
};

/** The text with the given spans replaced by their labels ("[name]", "[age]"). Overlapping spans are merged
 * (the first, longest one's label is kept), so several findings' redactions can be applied at once. */
export function redactText(text: string, redact: readonly { span: Span; label: string }[]): string {
  const sorted = [...redact].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const merged: { start: number; end: number; label: string }[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.span.start < last.end) last.end = Math.max(last.end, r.span.end);
    else merged.push({ start: r.span.start, end: r.span.end, label: r.label });
  }
  let out = "";
  let at = 0;
  for (const m of merged) {
    out += text.slice(at, m.start) + m.label;
    at = m.end;
  }
  return out + text.slice(at);
}

/** The suggestion for a finding: for identifiers, the whole text with them redacted. `redacted` is that text
 * when the caller has already made it (once per check, with every identifier of the rule removed). */
export function suggestionFor(
  rule: RuleId,
  text: string,
  redact?: { span: Span; label: string }[],
  redacted?: string,
): string {
  const out = redacted ?? (redact && redact.length ? redactText(text, redact) : null);
  if (out === null) return SUGGESTIONS[rule];
  return `${SUGGESTIONS[rule]} For example: "${out.length > 400 ? out.slice(0, 400) + "…" : out}"`;
}

/** Default reply templates per triage category. Placeholders are whole phrases, so a reply reads correctly
 * whether or not the practice has given its phone number or online consultation link:
 * - {callUs}: "call us on 01632 960 777", or "call the surgery"
 * - {routes}: "the NHS App or our online consultation form (link)", or "the NHS App"
 * - {rxRoutes}: "the NHS App, your nominated pharmacy or our online consultation form (link)", or
 *   "the NHS App or your nominated pharmacy"
 * - {complaints}: " (link to the complaints procedure)", or nothing
 * - {practice}: the practice's name, or "the practice"; {phone}: the number, or "the surgery"
 * - {online}: " or our online consultation form (link)", or nothing (kept for practices' own templates) */
export const REPLY_TEMPLATES: Record<TriageCategory, string> = {
  complaint:
    "Thank you for telling us, and we are sorry to hear about your experience. We want to look into this properly, so please contact us privately through our complaints procedure{complaints}, or {callUs}. Please do not share personal or medical details here.",
  "appointment-request":
    "Thank you for getting in touch. We cannot book appointments through social media. Please use {routes}, or {callUs}. If you need help urgently, call NHS 111, or 999 in an emergency.",
  "prescription-request":
    "Thank you for your message. For your safety, we cannot take prescription requests on social media. Please order your medicines through {rxRoutes}, or {callUs}. Please do not post details of your medicines here.",
  "medical-query":
    "Thank you for your message. We cannot give medical advice on social media, and for your privacy we have hidden your comment. Please contact us privately through {routes}, or {callUs}. If you are worried about urgent symptoms, call NHS 111, or 999 in an emergency.",
  review:
    "Thank you so much for your kind words; we will pass them on to the team. If you would like to leave a formal review, you can do so on the nhs.uk website, where we can reply.",
  abuse:
    "We have hidden this because it was abusive. We want this to be a safe and respectful place for everyone, including our staff. If you have a concern about your care, please contact us privately through our complaints procedure{complaints}, or {callUs}.",
  "general-enquiry":
    "Thank you for your question. You can find our opening times and services on our website, or you can {callUs} and the team will be happy to help.",
};

/** Urgent symptoms that are not emergencies on their own: NHS 111 first. */
export const URGENT_REPLY =
  "If you need medical help now, please call NHS 111 or go to 111.nhs.uk. If it is an emergency, call 999. We cannot give medical advice on social media, and for your privacy we have hidden your comment. For anything that is not urgent, please contact us privately through {routes}, or {callUs}.";

/** Emergencies (not breathing, blue lips, fits, chest pain, stroke signs, severe bleeding, a rash that does
 * not fade, will not wake): 999 first. */
export const EMERGENCY_REPLY =
  "Call 999 now. This could be a medical emergency, so please do not wait for a reply here. If you are not sure whether it is an emergency, call NHS 111. We have hidden your comment to protect your privacy.";

/** Added to the emergency reply when the writer also speaks of suicide or self-harm. */
export const MENTAL_SUPPORT =
  "If you are struggling to cope, you can call Samaritans free on 116 123, any time, day or night.";

/** For thoughts of suicide or self-harm: 999, NHS 111 (option 2 for mental health in England) and Samaritans. */
export const URGENT_MENTAL_REPLY =
  "We are so sorry you are feeling like this, and we want you to get help now. If you are in danger or have hurt yourself, call 999. You can call NHS 111 and choose the mental health option, or call Samaritans free on 116 123, any time, day or night. We have hidden your comment to protect your privacy, and we will also try to reach you privately.";

/** Joins list items: "a", "a or b", "a, b or c". */
const orList = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;

/** Fills a reply template from the practice's details. */
export function fillReply(template: string, profile?: PracticeProfile): string {
  const d = profile?.details ?? {};
  const phone = d.phone ?? profile?.phones?.[0];
  const url = d.onlineConsultationUrl;
  const form = url ? `our online consultation form (${url})` : null;
  return template
    .replace(/\{practice\}/g, d.name ?? profile?.practiceNames?.[0] ?? "the practice")
    .replace(/\{callUs\}/g, phone ? `call us on ${phone}` : "call the surgery")
    .replace(/\{phone\}/g, phone ?? "the surgery")
    .replace(/\{routes\}/g, orList(["the NHS App", ...(form ? [form] : [])]))
    .replace(/\{rxRoutes\}/g, orList(["the NHS App", "your nominated pharmacy", ...(form ? [form] : [])]))
    .replace(/\{online\}/g, form ? ` or ${form}` : "")
    .replace(/\{complaints\}/g, d.complaintsProcedureUrl ? ` (${d.complaintsProcedureUrl})` : "");
}

export const MODERATION_ADVICE = {
  abuse:
    "Hide the comment, keep a screenshot with the date and time as evidence, and tell the practice manager.",
  defamation:
    "Hide the comment, keep a screenshot as evidence, and tell the practice manager, who may seek legal advice.",
  staff: "Hide the comment, as it names a member of staff, and reply without repeating the name.",
  medical: "Hide the comment to protect the person's privacy, then reply offering a private route.",
  urgent: "Reply straight away with 999 and NHS 111, hide the comment, and tell the duty clinician.",
  complaint:
    "Leave the comment visible unless it breaks the comment policy, reply once, and log it for the complaints lead.",
  routine: "No moderation needed; reply using the template.",
} as const;
