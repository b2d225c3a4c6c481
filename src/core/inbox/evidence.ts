// Hiding a comment and the evidence kept first (issue 10, part 5): why a member hid it, in codes with their
// plain-word labels, and the comment rendered as the practice saw it, for the evidence record. Pure.

export const HIDE_REASONS = [
  "abuse",
  "threat",
  "defamation",
  "names-staff",
  "medical-details",
  "spam",
  "other",
] as const;
export type HideReason = (typeof HIDE_REASONS)[number];

export const HIDE_REASON_LABELS: Record<HideReason, string> = {
  abuse: "Abusive or offensive",
  threat: "A threat",
  defamation: "Defamatory",
  "names-staff": "Names or singles out a member of staff",
  "medical-details": "Medical details posted in public (hidden to protect the patient)",
  spam: "Spam or a scam",
  other: "Another reason (see the note)",
};

/** Showing a hidden comment again. */
export const UNHIDE_REASONS = ["hidden-by-mistake", "resolved", "other"] as const;
export type UnhideReason = (typeof UNHIDE_REASONS)[number];
export const UNHIDE_REASON_LABELS: Record<UnhideReason, string> = {
  "hidden-by-mistake": "Hidden by mistake",
  resolved: "Resolved with the person; fine to show",
  other: "Another reason (see the note)",
};

export type EvidenceAction = "hide" | "unhide" | "delete" | "block" | "report";

/** The actions on a comment beyond hiding, each with an evidence record first; they take the hide reasons. */
export const COMMENT_ACTIONS = ["delete", "block", "report"] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];
export const NOTE_MAX_CHARS = 1_000;

export interface RenderableComment {
  channelName: string;
  authorHandle: string;
  authorUrl: string | null;
  commentUrl: string | null;
  postUrl: string | null;
  receivedAt: string;
  text: string;
}

/** The comment as the practice saw it, as plain text: who, where, when and the words, unchanged. */
export function renderComment(c: RenderableComment): string {
  return [
    `Channel: ${c.channelName}`,
    `Author: ${c.authorHandle}${c.authorUrl ? ` (${c.authorUrl})` : ""}`,
    `Comment address: ${c.commentUrl ?? "none given by the platform"}`,
    `Under the post: ${c.postUrl ?? "not under a practice post"}`,
    `Received: ${c.receivedAt}`,
    "",
    c.text,
  ].join("\n");
}
