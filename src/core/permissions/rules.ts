import { APPROVED_STATES, CANCELLABLE_STATES, EDITABLE_STATES, SCHEDULABLE_STATES } from "../posts/states";
import type { Role } from "../roles";
import type { Denial, PermissionMember, ResourceOf, ResourceType } from "./types";

/**
 * One action on one kind of resource: who may take it (`roles`, or every member), what else must hold
 * (`when`, in words for docs/permissions.md), and `check`, the state and separation-of-duty rules.
 */
export interface Rule<T extends ResourceType> {
  roles: readonly Role[] | "any";
  /** What the action is, for the table. */
  label: string;
  /** Further conditions, in words (kept beside the check that enforces them). */
  when?: string;
  /** Refuses for the resource's state; null when allowed. Runs only for a member holding one of `roles`. */
  check?: (member: PermissionMember, resource: ResourceOf<T>) => Denial | null;
  /**
   * Roles that count only when granted before the version went out for consultation. Checked for
   * policy-version actions; the member must hold one of them in time.
   */
  grantedBeforeConsultation?: boolean;
}

const conflict = (message: string): Denial => ({ code: "conflict", message });
const forbidden = (message: string): Denial => ({ code: "forbidden", message });

const PRACTICE = {
  view: { roles: "any", label: "See the practice and its home page" },
  "view-settings": { roles: "any", label: "See the practice's settings" },
  "edit-settings": { roles: ["admin"], label: "Change the practice's name and settings" },
  "view-staff": { roles: "any", label: "See the staff directory" },
  "manage-staff": { roles: ["admin"], label: "Change members' roles, deactivate and reactivate them" },
  "manage-invites": { roles: ["admin"], label: "Invite people, see and revoke invitations" },
  "view-outbox": { roles: ["admin"], label: "Read the outbox (mail the practice sent)" },
  "upload-post-images": { roles: ["poster"], label: "Upload images for practice posts" },
  "view-audit": { roles: ["admin"], label: "Read and download the audit trail" },
  "verify-audit": { roles: ["admin"], label: "Verify the audit chain now" },
  "manage-jobs": { roles: ["admin"], label: "See failed background jobs, retry or cancel them" },
  "use-checker": { roles: "any", label: "Check a post with the practice's own names and places" },
  "view-posts": {
    roles: ["poster", "approver", "admin"],
    label: "See the practice's posts, their calendar and archive, and its channels",
  },
  "create-post": { roles: ["poster"], label: "Write a new practice post" },
  "view-inbox": {
    roles: ["poster", "approver", "admin"],
    label: "See the inbox: patients' comments, their triage and conversations",
  },
  "manage-inbox": {
    roles: ["poster", "approver", "admin"],
    label: "Add or import comments, and set a conversation's status, assignee and priority",
  },
  "write-reply": {
    roles: ["poster", "admin"],
    label: "Write a reply to a patient's comment and send it for approval",
  },
  "manage-reply-templates": {
    roles: ["admin"],
    label: "Write, change and archive the inbox's reply templates, and mark them pre-approved",
  },
  "report-concern": {
    roles: "any",
    label: "Report a concern (a post, a comment, an account, a lost phone) to the practice manager",
  },
  "view-incidents": {
    roles: "any",
    label: "See the incident register: every case for an admin, only the cases one investigates otherwise",
  },
  "open-incident": { roles: ["admin"], label: "Open a case in the incident register and name investigators" },
  "use-my-accounts": {
    roles: "any",
    label: "Keep one's own personal-account self-check (My accounts), private to oneself",
  },
  "view-my-accounts-summary": {
    roles: ["admin"],
    label:
      "See whether and when each member completed their personal-account check, for those who agreed to share it (never their answers)",
  },
  "manage-my-accounts-platforms": {
    roles: ["admin"],
    label: "Add or remove platforms on the personal-account check",
  },
  "view-oversight": {
    roles: ["admin"],
    label:
      "See the oversight dashboard: open cases and breach clocks, approvals, the inbox, acknowledgements, reviews",
  },
  "manage-checker-counts": {
    roles: ["admin"],
    label: "Turn the checker's monthly counts by rule on or off (counts only, never text)",
  },
} as const satisfies Record<string, Rule<"practice">>;

const POLICY = {
  view: { roles: "any", label: "Read the policy, its versions and differences, download it" },
  "create-draft": {
    roles: ["admin"],
    label: "Start a new draft",
    when: "no other draft is open",
    check: (_m, p) =>
      p.hasOpenDraft
        ? conflict("There is already a draft in progress. Finish or discard it before starting another.")
        : null,
  },
  "set-review-date": {
    roles: ["admin"],
    label: "Move the published policy's review date",
    when: "a version is published",
    check: (_m, p) => (p.hasPublished ? null : conflict("There is no published policy yet.")),
  },
  "view-acknowledgements": {
    roles: ["admin"],
    label: "See who has acknowledged the policy, download the list",
  },
  "export-evidence": { roles: ["admin"], label: "Download the evidence pack" },
  "view-developer-links": {
    roles: ["admin"],
    label: "See the developer options: the policy as JSON and the snippet to embed it in the website",
  },
  "chase-acknowledgements": {
    roles: ["admin"],
    label: "Email everyone who has not acknowledged the policy (at most once a day each)",
    when: "a version is published",
    check: (_m, p) =>
      p.hasPublished ? null : conflict("There is no published policy yet, so there is nobody to chase."),
  },
} as const satisfies Record<string, Rule<"policy">>;

const editable = (status: string): Denial | null => {
  if (status === "draft" || status === "consultation") return null;
  if (status === "published" || status === "superseded")
    return conflict("A published version cannot be edited. Start a new draft from it instead.");
  if (status === "approved")
    return conflict(
      "This version has been approved, so it can no longer be edited. Publish it, or discard it and start a new draft.",
    );
  return conflict("This draft was discarded and cannot be edited.");
};

const VERSION = {
  view: { roles: "any", label: "Read a version, its comments and the staff representative's view" },
  edit: {
    roles: ["admin"],
    label: "Edit the draft (clauses, sections, change note)",
    when: "draft or consultation",
    check: (_m, v) => editable(v.status),
  },
  "start-consultation": {
    roles: ["admin"],
    label: "Send the draft out for consultation",
    when: "draft",
    check: (_m, v) =>
      v.status === "draft" ? null : conflict("Only a draft can be sent out for consultation."),
  },
  comment: {
    roles: "any",
    label: "Comment on a clause",
    when: "draft or consultation",
    check: (_m, v) =>
      v.status === "draft" || v.status === "consultation"
        ? null
        : conflict("Comments are closed: this version is no longer being consulted on."),
  },
  "answer-comments": {
    roles: ["admin"],
    label: "Answer comments and mark them resolved",
    when: "draft or consultation",
    check: (_m, v) =>
      v.status === "draft" || v.status === "consultation"
        ? null
        : conflict(
            "This version is no longer being consulted on, so its comments can no longer be answered.",
          ),
  },
  "record-staff-view": {
    roles: ["staff-rep"],
    grantedBeforeConsultation: true,
    label: "Agree or object as staff representative",
    when: "consultation; the role was held when consultation began",
    check: (_m, v) =>
      v.status === "consultation"
        ? null
        : conflict("The staff representative's view is recorded during consultation."),
  },
  approve: {
    roles: ["approver"],
    grantedBeforeConsultation: true,
    label: "Approve the version",
    when: "consultation; the role was held when consultation began; not the last editor; the staff representative agreed to this revision (when the practice has one)",
    check: (m, v) => {
      if (v.status !== "consultation")
        return conflict("Only a version out for consultation can be approved.");
      if (v.lastEditorId === null || v.lastEditorId === m.userId)
        return forbidden("You made the last change to this draft, so someone else must approve it.");
      if (!v.practiceHasStaffRep) return null;
      if (!v.staffRep)
        return conflict("The staff representative has not yet recorded agreement with this draft.");
      if (v.staffRep.revision !== v.revision)
        return conflict(
          "The draft has changed since the staff representative agreed; they need to look at it again.",
        );
      if (v.staffRep.decision !== "agree")
        return conflict("The staff representative has objected to this draft. Resolve the objection first.");
      return null;
    },
  },
  "request-changes": {
    roles: ["approver"],
    grantedBeforeConsultation: true,
    label: "Send the draft back to its editor with a note of what to change",
    when: "consultation; the role was held when consultation began",
    check: (_m, v) =>
      v.status === "consultation"
        ? null
        : conflict("Changes can be asked for only while the draft is out for consultation."),
  },
  publish: {
    roles: ["admin"],
    label: "Publish the approved version",
    when: "approved",
    check: (_m, v) =>
      v.status === "approved" ? null : conflict("Only an approved version can be published."),
  },
  discard: {
    roles: ["admin"],
    label: "Discard an unpublished draft",
    when: "draft, consultation or approved",
    check: (_m, v) =>
      ["draft", "consultation", "approved"].includes(v.status)
        ? null
        : conflict("Only an unpublished draft can be discarded."),
  },
  acknowledge: {
    roles: "any",
    label: "Acknowledge having read the policy",
    when: "the published version",
    check: (_m, v) =>
      v.status === "published" ? null : conflict("Only the published version can be acknowledged."),
  },
} as const satisfies Record<string, Rule<"policy-version">>;

const MEMBER = {
  "change-roles": { roles: ["admin"], label: "Change a member's roles" },
  deactivate: {
    roles: ["admin"],
    label: "Deactivate a leaver",
    when: "active, and not oneself",
    check: (m, r) =>
      m.userId === r.userId
        ? conflict("You cannot deactivate yourself. Ask another admin to do it.")
        : r.active
          ? null
          : conflict("This member is already deactivated."),
  },
  reactivate: {
    roles: ["admin"],
    label: "Bring a deactivated member back",
    when: "deactivated",
    check: (_m, r) => (r.active ? conflict("This member is already active.") : null),
  },
} as const satisfies Record<string, Rule<"member">>;

const notAnymore = (state: string): Denial =>
  state === "published"
    ? conflict("This post has been published, so it can no longer be changed.")
    : state === "cancelled"
      ? conflict("This post was cancelled. Write a new post instead.")
      : state === "publishing"
        ? conflict("This post is being published now. Wait a moment and look again.")
        : conflict("A delivery of this post needs checking first: say whether it was posted.");

const POST = {
  "edit-post": {
    roles: ["poster"],
    label: "Change a post's text, link, images or channels",
    when: "not yet publishing; an edit after approval voids the approval",
    check: (_m, p) => (EDITABLE_STATES.has(p.state) ? null : notAnymore(p.state)),
  },
  "submit-post": {
    roles: ["poster"],
    label: "Send a post for approval",
    when: "draft or changes requested",
    check: (_m, p) =>
      p.state === "draft" || p.state === "changes-requested"
        ? null
        : p.state === "awaiting-approval"
          ? conflict("This post is already waiting for approval.")
          : conflict("Only a draft, or a post sent back for changes, can be sent for approval."),
  },
  "approve-post": {
    roles: ["approver"],
    label: "Approve a post",
    when: "awaiting approval; not its author nor its last editor",
    check: (m, p) => {
      if (p.authorId === m.userId) return forbidden("You wrote this post, so someone else must approve it.");
      if (p.lastEditorId === m.userId)
        return forbidden("You made the last change to this post, so someone else must approve it.");
      return p.state === "awaiting-approval"
        ? null
        : conflict("Only a post waiting for approval can be approved.");
    },
  },
  "request-changes": {
    roles: ["approver"],
    label: "Send a post back to its author with a note of what to change",
    when: "awaiting approval; not its author nor its last editor",
    check: (m, p) => {
      if (p.authorId === m.userId || p.lastEditorId === m.userId)
        return forbidden("You wrote or last changed this post, so another approver reviews it.");
      return p.state === "awaiting-approval"
        ? null
        : conflict("Changes can be asked for only while the post is waiting for approval.");
    },
  },
  "schedule-post": {
    roles: ["poster", "approver"],
    label: "Set or move the time a post is published (UK time)",
    when: "not yet publishing",
    check: (_m, p) =>
      SCHEDULABLE_STATES.has(p.state)
        ? null
        : conflict("This post can no longer be scheduled: it is published, cancelled or being sent."),
  },
  "cancel-post": {
    roles: ["poster", "approver"],
    label: "Cancel a post so it is not published",
    when: "not yet published",
    check: (_m, p) => (CANCELLABLE_STATES.has(p.state) ? null : notAnymore(p.state)),
  },
  "publish-now": {
    roles: ["poster", "approver"],
    label: "Publish an approved post now instead of at its time",
    when: "approved or scheduled",
    check: (_m, p) =>
      APPROVED_STATES.has(p.state) ? null : conflict("Only an approved post can be published."),
  },
  "resolve-delivery": {
    roles: ["poster", "approver"],
    label: "Say whether a delivery was posted (after an unknown outcome, or on a manual channel)",
    when: "a delivery waits for a person",
    check: (_m, p) =>
      p.hasDeliveryToResolve ? null : conflict("No delivery of this post is waiting for a person."),
  },
} as const satisfies Record<string, Rule<"post">>;

const CHANNEL = {
  "manage-channel": {
    roles: ["admin"],
    label: "Change a channel's footer and its security checklist",
  },
  "connect-channel": {
    roles: ["admin"],
    label: "Connect or reconnect a channel's account",
    when: "a platform channel (the website and manual channels need no account)",
    check: (_m, c) =>
      c.kind === "website" || c.kind === "manual"
        ? conflict("This channel needs no account to connect.")
        : null,
  },
} as const satisfies Record<string, Rule<"channel">>;

const REPLY = {
  "approve-reply": {
    roles: ["approver"],
    label: "Approve a reply to a patient so it is sent",
    when: "waiting for approval; not its author",
    check: (m, r) => {
      if (r.authorId === m.userId) return forbidden("You wrote this reply, so someone else must approve it.");
      return r.state === "awaiting-approval"
        ? null
        : conflict("Only a reply waiting for approval can be approved.");
    },
  },
  "request-reply-changes": {
    roles: ["approver"],
    label: "Send a reply back to its author with a note of what to change",
    when: "waiting for approval; not its author",
    check: (m, r) => {
      if (r.authorId === m.userId) return forbidden("You wrote this reply, so another approver reviews it.");
      return r.state === "awaiting-approval"
        ? null
        : conflict("Changes can be asked for only while the reply is waiting for approval.");
    },
  },
  "resolve-reply": {
    roles: ["poster", "approver", "admin"],
    label: "Say a reply was posted (by hand, or after an unknown outcome), or send it again after a failure",
    when: "not sent, to check, to post by hand, or stuck sending",
    check: (_m, r) =>
      r.state === "failed" ||
      r.state === "needs-check" ||
      r.state === "post-by-hand" ||
      (r.state === "sending" && r.stuck)
        ? null
        : conflict("This reply is not waiting for a person."),
  },
} as const satisfies Record<string, Rule<"reply">>;

/**
 * A case is seen only by the practice's admins and the investigators named on it, and never by a member it is
 * about, whatever their roles. The use cases answer 404 to anyone this refuses, so a case's existence does not
 * leak.
 */
const onCase = (m: PermissionMember, c: ResourceOf<"incident">): Denial | null => {
  if (c.subjectIds.includes(m.userId)) return forbidden("This case is about you, so you cannot see it.");
  if (m.roles.includes("admin") || c.investigatorIds.includes(m.userId)) return null;
  return forbidden("Only the practice manager and the investigators named on a case can see it.");
};
const whileOpen = (m: PermissionMember, c: ResourceOf<"incident">): Denial | null =>
  onCase(m, c) ??
  (c.status === "closed" ? conflict("This case is closed. Reopen it, with a reason, to change it.") : null);

const INCIDENT = {
  view: {
    roles: "any",
    label: "See a case, its timeline, breach record and disciplinary steps (every view is audited)",
    when: "an admin or a named investigator; never a member the case is about",
    check: onCase,
  },
  "edit-incident": {
    roles: ["admin"],
    label: "Change a case: its type, title, summary, clauses, owner, people, status and outcome",
    when: "not a member the case is about",
    check: onCase,
  },
  "add-action": {
    roles: "any",
    label: "Add an action to a case's timeline",
    when: "an admin or a named investigator; the case is not closed",
    check: whileOpen,
  },
  "manage-breach": {
    roles: "any",
    label:
      "Record a breach: when the practice became aware, the grading, the decision, who was told, the DSPT fields",
    when: "a confidentiality breach; an admin or a named investigator; the case is not closed",
    check: (m, c) =>
      whileOpen(m, c) ?? (c.isBreach ? null : conflict("This case is not a personal data breach.")),
  },
  "disciplinary-step": {
    roles: "any",
    label: "Open the disciplinary process on a case and record its steps (the Acas order is enforced)",
    when: "an admin or a named investigator; the case is not closed",
    check: whileOpen,
  },
} as const satisfies Record<string, Rule<"incident">>;

/** A member's own personal-account check: its answers are theirs alone, whatever roles anyone else holds. */
const ownCheck = (m: PermissionMember, c: ResourceOf<"my-accounts-check">): Denial | null =>
  c.ownerId === m.userId ? null : forbidden("A member's personal-account answers are private to them.");

const MY_ACCOUNTS_CHECK = {
  "view-answers": {
    roles: "any",
    label: "Read the answers of a personal-account check",
    when: "one's own only: nobody else, an admin included, ever reads them",
    check: ownCheck,
  },
  "save-answers": {
    roles: "any",
    label: "Save answers and the sharing choice on a personal-account check",
    when: "one's own only",
    check: ownCheck,
  },
} as const satisfies Record<string, Rule<"my-accounts-check">>;

/** Every rule, by resource type then action. The one table `can` reads. */
export const RULES = {
  practice: PRACTICE,
  policy: POLICY,
  "policy-version": VERSION,
  member: MEMBER,
  post: POST,
  channel: CHANNEL,
  incident: INCIDENT,
  reply: REPLY,
  "my-accounts-check": MY_ACCOUNTS_CHECK,
} as const;

export type ActionOf<T extends ResourceType> = keyof (typeof RULES)[T] & string;

/** Headings for the generated table. */
export const RESOURCE_LABELS: Record<ResourceType, string> = {
  practice: "Practice",
  policy: "Policy",
  "policy-version": "Policy version",
  member: "Member",
  post: "Post",
  channel: "Channel",
  incident: "Incident",
  reply: "Reply to a patient",
  "my-accounts-check": "Personal-account check (My accounts)",
};
