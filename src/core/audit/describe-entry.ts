/**
 * Audit entries in words a practice manager reads ("Alan Brooks approved version 2.0"). The audit row holds
 * ids and field names only; the names and version numbers are looked up when the entry is read.
 */
export interface AuditEntryFacts {
  action: string;
  /** The actor's name, or null for safepost itself. */
  actor: string | null;
  /** What the target is called ("version 2.0", a person's name), or null when unknown or none. */
  target: string | null;
  details: Record<string, unknown>;
  /** The name of another id found in the details (a version a draft was based on). */
  label?: (id: string) => string | null;
}

const ROLE_WORDS: Record<string, string> = {
  admin: "practice manager",
  approver: "approver",
  poster: "comms group",
  staff: "staff",
  "staff-rep": "staff representative",
};

/** "admin, staff" → "practice manager and staff". */
function roles(value: unknown): string {
  const list = Array.isArray(value) ? value.map((r) => ROLE_WORDS[String(r)] ?? String(r)) : [];
  if (list.length === 0) return "no role";
  return list.length === 1 ? list[0]! : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
}

function fields(value: unknown): string {
  return Array.isArray(value) && value.length > 0 ? ` (${value.map(String).join(", ")})` : "";
}

type Sentence = (who: string, what: string, f: AuditEntryFacts) => string;

const SENTENCES: Record<string, Sentence> = {
  "auth.signed-in": (who) => `${who} signed in`,
  "auth.signed-out": (who) => `${who} signed out`,
  "auth.sign-in-failed": (who, _w, f) =>
    f.details.reason === "unknown-account"
      ? "A sign-in with an unknown email address failed"
      : `A sign-in as ${who} failed (wrong password)`,
  "auth.sign-in-refused": (who) => `${who} was refused sign-in: the account is deactivated`,
  "auth.password-reset-requested": (who) => `${who} asked for a password reset link`,
  "auth.password-reset": (who) => `${who} set a new password with a reset link`,
  "auth.sign-in-throttled": () => "A sign-in was refused: too many failed attempts, so a wait was asked for",
  "auth.password-set-by-cli": (_who, what) => `${what}'s password was set from the command line`,
  "auth.two-factor-added": (who, _w, f) =>
    `${who} set up ${f.details.factor === "passkey" ? "a passkey" : "an authenticator app"} for two-step sign-in`,
  "auth.two-factor-removed": (who, _w, f) =>
    `${who} removed ${f.details.factor === "passkey" ? "a passkey" : "their authenticator app"} from two-step sign-in`,
  "auth.second-factor-failed": (who) => `A second sign-in step as ${who} failed (wrong code or passkey)`,
  "auth.recovery-code-used": (who) => `${who} signed in with a recovery code`,
  "auth.recovery-codes-renewed": (who) => `${who} made new recovery codes`,
  "auth.two-factor-reset": (who, what) => `${who} reset ${what}'s two-step sign-in`,
  "practice.two-factor-changed": (who, _w, f) =>
    f.details.twoFactor === "everyone"
      ? `${who} asked everyone in the practice to use two-step sign-in`
      : `${who} asked managers, approvers and the comms group to use two-step sign-in`,
  "auth.nhsmail-linked": (who) => `${who} signed in with NHSmail for the first time (account linked)`,
  "practice.nhsmail-configured": (who) => `${who} set up sign-in with NHSmail`,
  "practice.nhsmail-removed": (who) => `${who} turned off sign-in with NHSmail`,
  "auth.nhsmail-refused": (_who, _w, f) =>
    `A sign-in with NHSmail was refused (${String(f.details.reason ?? "unknown")})`,
  "demo.created": () => "safepost created the demo practice",
  "member.invited": (who, what, f) => `${who} invited ${what} as ${roles(f.details.roles)}`,
  "member.invite-revoked": (who, what) => `${who} withdrew the invitation to ${what}`,
  "member.joined": (who, _w, f) => `${who} joined the practice as ${roles(f.details.roles)}`,
  "member.roles-changed": (who, what, f) =>
    `${who} changed ${what}'s roles from ${roles(f.details.from)} to ${roles(f.details.to)}`,
  "member.deactivated": (who, what, f) =>
    `${who} deactivated ${what}${f.details.accountDisabled === true ? " and disabled their account" : ""}`,
  "member.reactivated": (who, what) => `${who} reactivated ${what}`,
  "member.created-by-cli": (_who, what, f) =>
    `${what} was added from the command line as ${roles(f.details.roles)}`,
  "policy.draft-created": (who, what, f) => {
    const from = typeof f.details.from === "string" ? f.details.from : "template";
    const source = from === "template" ? "the template" : (f.label?.(from) ?? "an earlier version");
    return `${who} started a draft of ${what} from ${source}`;
  },
  "policy.draft-edited": (who, what, f) => `${who} edited the draft of ${what}${fields(f.details.fields)}`,
  "policy.section-added": (who, what) => `${who} added a section to the draft of ${what}`,
  "policy.section-removed": (who, what) => `${who} removed a section from the draft of ${what}`,
  "policy.section-renamed": (who, what) => `${who} renamed a section in the draft of ${what}`,
  "policy.clause-added": (who, what) => `${who} added a clause to the draft of ${what}`,
  "policy.clause-removed": (who, what) => `${who} removed a clause from the draft of ${what}`,
  "policy.clause-moved": (who, what) => `${who} moved a clause in the draft of ${what}`,
  "policy.draft-discarded": (who, what) => `${who} discarded the draft of ${what}`,
  "policy.consultation-started": (who, what) => `${who} opened consultation on ${what}`,
  "policy.commented": (who, what, f) =>
    `${who} commented on ${typeof f.details.clauseKey === "string" ? `clause ${f.details.clauseKey} of ` : ""}${what}`,
  "policy.staff-rep-agreed": (who, what) => `${who} agreed ${what} on behalf of staff`,
  "policy.staff-rep-objected": (who, what) => `${who} objected to ${what} on behalf of staff`,
  "policy.approved": (who, what) => `${who} approved ${what}`,
  "policy.published": (who, what) => `${who} published ${what}`,
  "policy.review-date-set": (who, what, f) =>
    `${who} set the review date of ${what}${typeof f.details.reviewDue === "string" ? ` to ${f.details.reviewDue}` : ""}`,
  "policy.acknowledged": (who, what) => `${who} read and acknowledged ${what}`,
  "practice.settings-changed": (who, _w, f) =>
    `${who} changed the practice's settings${fields(f.details.fields)}`,
  "practice.onboarding-hidden": (who) => `${who} hid the Getting started list for everyone`,
  "practice.onboarding-shown": (who) => `${who} showed the Getting started list again`,
  "incident.concern-reported": (who, what) => `${who} reported a concern (${what})`,
  "incident.opened": (who, what) => `${who} opened ${what} in the incident register`,
  "incident.viewed": (who, what) => `${who} looked at ${what}`,
  "incident.updated": (who, what, f) => `${who} changed ${what}${fields(f.details.fields)}`,
  "incident.status-closed": (who, what) => `${who} closed ${what}`,
  "incident.status-open": (who, what) => `${who} opened or reopened ${what}`,
  "incident.action": (who, what) => `${who} added an action to ${what}`,
  "incident.breach-aware-changed": (who, what) => `${who} changed when the practice became aware of ${what}`,
  "incident.breach-graded": (who, what) => `${who} graded the breach in ${what}`,
  "incident.breach-decided": (who, what, f) =>
    `${who} decided ${f.details.decision === "report" ? "to report" : "not to report"} ${what} to the ICO`,
  "incident.breach-people-told": (who, what) =>
    `${who} recorded whether the people affected by ${what} were told`,
  "incident.breach-report-fields": (who, what) => `${who} filled in the DSPT report fields of ${what}`,
  "incident.breach-reminder-sent": (_who, what, f) =>
    `safepost reminded the owner of ${what} about the breach clock (${String(f.details.point)})`,
  "incident.disciplinary-opened": (who, what) => `${who} opened the disciplinary process on ${what}`,
  "audit.chains-split": (_who, _w, f) =>
    `safepost gave each practice its own audit chain; the ${String(f.details.legacyEntries ?? 0)} earlier entries ` +
    (f.details.legacyIntact === true
      ? "were verified intact first"
      : "had failed verification before the split"),
};

/** One plain sentence for an audit entry. Unknown actions still read sensibly ("Jo Bloggs: policy.thing"). */
export function describeAuditEntry(f: AuditEntryFacts): string {
  const who = f.actor ?? "safepost";
  const what = f.target ?? "an item that no longer exists";
  const sentence = SENTENCES[f.action];
  if (sentence) return sentence(who, what, f);
  return `${who}: ${f.action}${f.target ? ` (${f.target})` : ""}`;
}
