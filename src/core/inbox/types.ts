// The inbox's words: where a comment came from, the conversation it belongs to and that conversation's life.
// Pure: the store, the use cases, the web page and the CLI read the same lists. See docs/inbox.md.

/** Where a comment was written. `website` and `other` are pasted or imported by a person. */
export const CHANNEL_KINDS = [
  "facebook",
  "instagram",
  "x",
  "linkedin",
  "bluesky",
  "mastodon",
  "website",
  "other",
] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const isChannelKind = (value: string): value is ChannelKind =>
  (CHANNEL_KINDS as readonly string[]).includes(value);

/** A conversation's state. */
export const CONVERSATION_STATUSES = [
  "new",
  "in_progress",
  "awaiting_approval",
  "answered",
  "closed",
] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const isConversationStatus = (value: string): value is ConversationStatus =>
  (CONVERSATION_STATUSES as readonly string[]).includes(value);

/** Which status may follow which. A closed conversation reopens when the person writes again (→ new). */
export const STATUS_TRANSITIONS: Readonly<Record<ConversationStatus, readonly ConversationStatus[]>> = {
  new: ["in_progress", "awaiting_approval", "answered", "closed"],
  in_progress: ["awaiting_approval", "answered", "closed"],
  awaiting_approval: ["in_progress", "answered", "closed"],
  answered: ["in_progress", "closed", "new"],
  closed: ["new", "in_progress"],
};

export function canChangeStatus(from: ConversationStatus, to: ConversationStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** Status names in plain words for the page and the CLI. */
export const STATUS_LABELS: Readonly<Record<ConversationStatus, string>> = {
  new: "New",
  in_progress: "Being dealt with",
  awaiting_approval: "Reply waiting for approval",
  answered: "Answered",
  closed: "Closed",
};

/** How soon someone must look. */
export const PRIORITIES = ["urgent", "high", "normal", "low"] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The inbox's categories: the checker's triage categories plus what the inbox must act on before them. */
export const INBOX_CATEGORIES = [
  "crisis",
  "safeguarding",
  "abuse",
  "medical-information",
  "complaint",
  "appointment-request",
  "prescription-request",
  "medical-query",
  "review",
  "general-enquiry",
] as const;
export type InboxCategory = (typeof INBOX_CATEGORIES)[number];

export const CATEGORY_LABELS: Readonly<Record<InboxCategory, string>> = {
  crisis: "Urgent: someone may need help now",
  safeguarding: "Safeguarding concern",
  abuse: "Abuse, threat or naming staff",
  "medical-information": "Medical details shared in public",
  complaint: "Complaint",
  "appointment-request": "Appointment request",
  "prescription-request": "Prescription request",
  "medical-query": "Medical question",
  review: "Review or thanks",
  "general-enquiry": "General question",
};

/** One comment as the store holds it (text may be purged after retention; evidence is kept apart). */
export interface InboxComment {
  id: string;
  practiceId: string;
  conversationId: string;
  channel: ChannelKind;
  /** The platform's own id; null for pasted comments. Unique per practice and channel. */
  platformId: string | null;
  authorHandle: string;
  text: string | null;
  receivedAt: string;
  postId: string | null;
  postUrl: string | null;
}

/** A thread with one person on one channel. */
export interface Conversation {
  id: string;
  practiceId: string;
  channel: ChannelKind;
  status: ConversationStatus;
  category: InboxCategory;
  priority: Priority;
  assigneeId: string | null;
  receivedAt: string;
  firstReplyAt: string | null;
  /** For complaints: the ISO day by which the complaint must be acknowledged. */
  acknowledgeBy: string | null;
}

/** How the paste box and its messages show a time received: the UK way, day first (ISO is accepted too). */
export const RECEIVED_AT_EXAMPLE = "01/12/2026 09:30";
