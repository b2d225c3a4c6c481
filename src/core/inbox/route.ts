// Triage routing: the checker reads a patient's comment (context "comment", as the check page calls it), and
// this turns its result into an inbox category and a route — what the practice must do, who must know and how
// soon. Pure: no I/O. Reasons are codes (rule ids, cues), never the comment's words.
import { check, type CheckResult, type PracticeProfile, type TriageCategory } from "../checker";
import {
  EMERGENCY_REPLY,
  fillReply,
  REPLY_TEMPLATES,
  URGENT_MENTAL_REPLY,
  URGENT_REPLY,
} from "../checker/messages";
import { addWorkingDays, ukIsoDay } from "../dates";
import { safeguardingCues } from "./safeguarding";
import type { InboxCategory, Priority } from "./types";

/** Working days a complaint has to be acknowledged in (NHS complaints regulations). */
export const COMPLAINT_ACKNOWLEDGE_WORKING_DAYS = 3;

/** Who is told. `admin` is the practice's administrators (practice manager). */
export type Recipient = "safeguarding-lead" | "admin" | "complaints-lead" | "duty-clinician" | "posters";

/** Where the reply points the person. */
export type Pointer =
  | "999"
  | "nhs-111"
  | "samaritans"
  | "complaints-procedure"
  | "nhs-app"
  | "online-consultation"
  | "pharmacy"
  | "phone"
  | "nhs-uk-review"
  | "website";

export interface Notify {
  to: Recipient;
  /** "now": at once (mail job, straight away); "routine": shows in their list. */
  when: "now" | "routine";
}

export interface Route {
  category: InboxCategory;
  /** The checker's own triage category, kept for the record. */
  checkerCategory: TriageCategory | null;
  priority: Priority;
  /** Hide the comment from public view (after preserving evidence where asked). */
  hide: boolean;
  /** Keep an evidence record before anything is hidden or deleted. */
  preserveEvidence: boolean;
  notify: Notify[];
  pointTo: Pointer[];
  /** The suggested reply, filled from the practice's details: a person still edits and approves it. */
  reply: string;
  /** For complaints: a complaints-lead entry to create, acknowledged by this ISO day (UK). */
  complaint: { acknowledgeBy: string } | null;
  /** Why: rule ids and cue codes, no text. */
  reasons: string[];
}

export interface RouteOptions {
  /** When the comment arrived (the deadline counts from its UK calendar day). */
  receivedAt: Date | string;
  profile?: PracticeProfile;
  /** Extra days the practice is closed (ISO), beyond weekends and bank holidays. */
  closedDays?: readonly string[];
}

/** Reply when a comment shares someone's medical or personal details in public. */
export const MEDICAL_INFORMATION_REPLY =
  "Thank you for your message. To protect your privacy we have hidden your comment, as it included personal or medical details. Please contact us privately through {routes}, or {callUs}, and we will help.";

/** Reply to a safeguarding concern: 999 first if anyone is in danger, then a private route. */
export const SAFEGUARDING_REPLY =
  "Thank you for telling us. If anyone is in immediate danger, call 999. We take this seriously and have hidden your comment to protect the people involved. Please {callUs} so that we can talk to you privately.";

const URGENT_STARTS = [EMERGENCY_REPLY, URGENT_MENTAL_REPLY, URGENT_REPLY].map((t) => t.slice(0, 40));

/** True when the checker judged the comment urgent (its reply is the 999 / NHS 111 / Samaritans one). */
function isUrgent(result: CheckResult): boolean {
  const t = result.triage;
  if (!t) return false;
  return t.moderation.escalateTo === "duty clinician" || URGENT_STARTS.some((s) => t.reply.startsWith(s));
}

const dayOf = (at: Date | string): string => {
  const d = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(d.getTime()))
    throw new RangeError("The time the comment was received is not a real time.");
  return ukIsoDay(d);
};

/**
 * Routes one checked comment. `result` must come from check({ text, context: "comment" }); `text` is read only
 * for safeguarding cues the checker does not look for.
 */
export function routeComment(result: CheckResult, text: string, options: RouteOptions): Route {
  const triage = result.triage;
  if (!triage)
    throw new TypeError('routeComment needs the checker\'s result for a comment (context "comment").');
  const profile = options.profile;
  const checkerCategory = triage.category;
  const has = (rule: string, reason?: string): boolean =>
    result.findings.some(
      (f) => f.rule === rule && f.severity !== "advice" && (reason === undefined || f.reason === reason),
    );
  const reasons = new Set<string>();
  for (const f of result.findings) if (f.severity !== "advice") reasons.add(f.rule);

  const urgent = isUrgent(result);
  const cues = safeguardingCues(text);
  for (const c of cues) reasons.add(c);
  const threat = has("abuse", "threat");
  const abusive = checkerCategory === "abuse" || has("abuse") || has("bullying");
  const defamatory = has("defamation");
  const namesStaff = has("staff-identification");
  const medicalInPublic =
    has("medical-information-shared") || has("patient-identifier") || has("clinical-detail");
  const complaint = checkerCategory === "complaint";
  if (urgent) reasons.add("urgent");
  if (threat) reasons.add("threat");

  const notify: Notify[] = [];
  const tell = (to: Recipient, when: Notify["when"]): void => {
    const had = notify.find((n) => n.to === to);
    if (!had) notify.push({ to, when });
    else if (when === "now") had.when = "now";
  };
  const pointTo = new Set<Pointer>();
  let hide = false;
  let preserveEvidence = false;
  let category: InboxCategory;
  let priority: Priority;
  let reply: string;

  if (urgent) {
    // The checker's urgent reply already starts with 999 / NHS 111 (and Samaritans for a mental-health crisis).
    category = "crisis";
    priority = "urgent";
    hide = true;
    reply = triage.reply;
    tell("duty-clinician", "now");
    tell("admin", "now");
    tell("posters", "now");
    pointTo.add("999").add("nhs-111");
    if (/Samaritans/.test(reply)) pointTo.add("samaritans");
  } else if (cues.length) {
    category = "safeguarding";
    priority = "urgent";
    reply = fillReply(SAFEGUARDING_REPLY, profile);
    pointTo.add("999").add("phone");
  } else if (abusive || threat || defamatory || namesStaff) {
    category = complaint && !abusive && !threat ? "complaint" : "abuse";
    priority = threat ? "urgent" : "high";
    reply = complaint ? triage.reply : fillReply(REPLY_TEMPLATES.abuse, profile);
    pointTo.add("complaints-procedure").add("phone");
  } else if (
    medicalInPublic &&
    !complaint &&
    (has("patient-identifier") || checkerCategory === "review" || checkerCategory === "general-enquiry")
  ) {
    // An identifier in public, or health details in a comment that asks for nothing: hide, offer a private route.
    // (A request or complaint keeps its own category and reply, and is hidden below.)
    category = "medical-information";
    priority = "high";
    hide = true;
    reply =
      checkerCategory === "medical-query" ? triage.reply : fillReply(MEDICAL_INFORMATION_REPLY, profile);
    pointTo.add("nhs-app").add("online-consultation").add("phone");
  } else {
    switch (checkerCategory) {
      case "complaint":
        category = "complaint";
        priority = "high";
        break;
      case "appointment-request":
        category = "appointment-request";
        priority = "normal";
        pointTo.add("nhs-app").add("online-consultation").add("phone");
        break;
      case "prescription-request":
        category = "prescription-request";
        priority = "normal";
        pointTo.add("nhs-app").add("pharmacy").add("online-consultation").add("phone");
        break;
      case "medical-query":
        category = "medical-query";
        priority = "normal";
        hide = true;
        pointTo.add("nhs-app").add("online-consultation").add("phone").add("nhs-111");
        break;
      case "review":
        category = "review";
        priority = "low";
        pointTo.add("nhs-uk-review");
        break;
      default:
        category = "general-enquiry";
        priority = "normal";
        pointTo.add("website").add("phone");
    }
    reply = triage.reply;
  }

  // What each concern adds, whatever the category chosen above.
  if (cues.length) {
    hide = true;
    preserveEvidence = true;
    tell("safeguarding-lead", "now");
    if (category !== "crisis") tell("admin", "now");
  }
  if (abusive || threat || defamatory || namesStaff) {
    hide = true;
    preserveEvidence = true;
    tell("admin", threat || category === "crisis" ? "now" : "routine");
  }
  if (medicalInPublic) hide = true;
  let complaintEntry: Route["complaint"] = null;
  if (complaint) {
    preserveEvidence = true;
    pointTo.add("complaints-procedure").add("phone");
    tell("complaints-lead", "routine");
    complaintEntry = {
      acknowledgeBy: addWorkingDays(
        dayOf(options.receivedAt),
        COMPLAINT_ACKNOWLEDGE_WORKING_DAYS,
        options.closedDays,
      ),
    };
  }
  return {
    category,
    checkerCategory,
    priority,
    hide,
    preserveEvidence,
    notify,
    pointTo: [...pointTo],
    reply,
    complaint: complaintEntry,
    reasons: [...reasons].sort(),
  };
}

/** The whole triage of a comment: the checker in "comment" context, as the check page calls it, then routing. */
export function triageComment(
  text: string,
  options: RouteOptions & { date?: string },
): { result: CheckResult; route: Route } {
  const result = check(
    { text, context: "comment", ...(options.date ? { date: options.date } : {}) },
    options.profile,
  );
  return { result, route: routeComment(result, text, options) };
}
