// The inbox's codes in plain words for the page: where a reply points, who is told, where a comment came from.
import type { Pointer, Recipient } from "../../core/inbox/route";
import type { ChannelKind, Priority } from "../../core/inbox/types";

export const CHANNEL_LABELS: Record<ChannelKind, string> = {
  facebook: "Facebook",
  instagram: "Instagram",
  x: "X",
  linkedin: "LinkedIn",
  bluesky: "Bluesky",
  mastodon: "Mastodon",
  website: "Website",
  other: "Other",
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  urgent: "Urgent",
  high: "High",
  normal: "Normal",
  low: "Low",
};

export const PRIORITY_TAGS: Record<Priority, string> = {
  urgent: "nhsuk-tag--red",
  high: "nhsuk-tag--orange",
  normal: "nhsuk-tag--blue",
  low: "nhsuk-tag--grey",
};

export const POINTER_LABELS: Record<Pointer, string> = {
  "999": "999",
  "nhs-111": "NHS 111",
  samaritans: "Samaritans",
  "complaints-procedure": "the complaints procedure",
  "nhs-app": "the NHS App",
  "online-consultation": "online consultation",
  pharmacy: "a pharmacy",
  phone: "the practice's phone",
  "nhs-uk-review": "the practice's nhs.uk page",
  website: "the practice website",
};

export const RECIPIENT_LABELS: Record<Recipient, string> = {
  "safeguarding-lead": "the safeguarding lead",
  admin: "the practice manager",
  "complaints-lead": "the complaints lead",
  "duty-clinician": "the duty clinician (the practice managers stand in)",
  posters: "the posting team",
};

export const SOURCE_LABELS: Record<string, string> = {
  paste: "added by hand",
  import: "imported from CSV",
  poll: "read from the platform",
  webhook: "sent by the platform",
};

/** A code's label, or the code itself when the page does not know it yet. */
export const labelOf = (labels: Record<string, string>, code: string): string => labels[code] ?? code;
