import type { ReplyState } from "../inbox/replies";
import type { PolicyStatus } from "../policy/types";
import type { PostState } from "../posts/states";
import type { Role } from "../roles";

/** The person asking: their id, the roles they hold in the practice, and when each role was granted. */
export interface PermissionMember {
  userId: string;
  roles: readonly Role[];
  /**
   * When each held role was granted (or last restored by reactivation). Separation of duties reads it: a role
   * granted after a version went out for consultation does not count for that version. A role missing here
   * never counts for such a version.
   */
  grantedAt: Partial<Record<Role, Date>>;
}

/** The practice itself: its settings, staff directory, evidence (outbox, audit) and tools. */
export interface PracticeResource {
  type: "practice";
}

/** The practice's policy as a whole (not one version): drafting, review date, acknowledgement report. */
export interface PolicyResource {
  type: "policy";
  /** Whether an unpublished draft is already open (only one at a time). */
  hasOpenDraft: boolean;
  /** Whether a version has been published. */
  hasPublished: boolean;
}

/** The staff representative's latest recorded view of a version. */
export interface StaffRepView {
  decision: "agree" | "object";
  /** The draft revision it was about: an edit after it asks the representative again. */
  revision: number;
}

/** One version of the policy, with the facts its rules read. */
export interface PolicyVersionResource {
  type: "policy-version";
  status: PolicyStatus;
  revision: number;
  /** Who saved the version last (null when unknown, e.g. a former account removed). */
  lastEditorId: string | null;
  /** When the version went out for consultation (null while a draft). */
  consultationStartedAt: Date | null;
  /** The latest staff-representative view recorded on it. */
  staffRep: StaffRepView | null;
  /** Whether the practice has an active staff representative whose role counts for this version. */
  practiceHasStaffRep: boolean;
}

/** A member of the practice as seen in the staff directory. */
export interface MemberResource {
  type: "member";
  userId: string;
  active: boolean;
}

/** A practice post, with the facts its rules read. */
export interface PostResource {
  type: "post";
  state: PostState;
  authorId: string;
  /** Who changed the text, link, images or channels last (the author until someone else edits). */
  lastEditorId: string;
  /** Whether a delivery waits for a person: check whether it was posted, or copy it by hand and mark it posted. */
  hasDeliveryToResolve: boolean;
}

/** One of the practice's channels (a platform account, the website, a manual channel). */
export interface ChannelResource {
  type: "channel";
  kind: string;
}

/**
 * A case in the incident register. Who may see it is part of the case: the admins and the investigators an
 * admin names, never a member the case is about (docs/incidents.md).
 */
export interface IncidentResource {
  type: "incident";
  status: "reported" | "open" | "closed";
  /** The members the case is about. */
  subjectIds: readonly string[];
  /** The members an admin named to investigate (including a disciplinary investigator and decider). */
  investigatorIds: readonly string[];
  /** Whether the case runs the breach clock. */
  isBreach: boolean;
}

/** A reply to a patient in the inbox, with the facts its rules read (docs/inbox.md). */
export interface ReplyResource {
  type: "reply";
  state: ReplyState;
  authorId: string;
  /** Whether the reply has been "sending" so long that a person may say whether it went. */
  stuck: boolean;
}

/** One member's personal-account check (My accounts): private to its owner. */
export interface MyAccountsCheckResource {
  type: "my-accounts-check";
  ownerId: string;
}

export type Resource =
  | PracticeResource
  | MyAccountsCheckResource
  | ReplyResource
  | PolicyResource
  | PolicyVersionResource
  | MemberResource
  | PostResource
  | ChannelResource
  | IncidentResource;
export type ResourceType = Resource["type"];
export type ResourceOf<T extends ResourceType> = Extract<Resource, { type: T }>;

/** A refusal: `forbidden` when the member's roles do not allow it, `conflict` when the thing's state does not. */
export interface Denial {
  code: "forbidden" | "conflict";
  message: string;
}
