// Exactly what safepost sends to each channel: the author's text, the link where that channel carries it,
// and the practice's footer for the channel. The composer shows this, the approver reads it, the publishing
// job sends it: one function, so what was approved is what goes out. Pure.
import {
  channelProblems,
  countFor,
  type ChannelCount,
  type ChannelProblem,
  type LimitOptions,
  type PostChannelKind,
} from "./limits";

/**
 * The standard footer when a practice has not written its own for a channel: sharing is not endorsement, and
 * social media is not the way to book, ask for medicines or complain. Short, because it counts on X.
 */
export const DEFAULT_FOOTER =
  "A share or like from us is not an endorsement. To book, ask about medicines or complain, please contact the practice directly, not here.";

/** On its own website the practice needs no disclaimer about itself. */
const NO_DEFAULT_FOOTER: ReadonlySet<PostChannelKind> = new Set(["website"]);

/**
 * Channels that take a link as a separate field (a link card on Facebook, the item's link in the website feed);
 * every other channel gets the link written into the text, where the platform makes it clickable.
 */
const LINK_AS_FIELD: ReadonlySet<PostChannelKind> = new Set(["facebook", "website"]);

/**
 * Whether a channel sends the link as its own field. LinkedIn does when the post has no images: the link becomes
 * the post's article (a card); a LinkedIn post carries one kind of content only, so with images it goes in the text.
 */
function linkAsFieldOn(kind: PostChannelKind, imageCount: number): boolean {
  return LINK_AS_FIELD.has(kind) || (kind === "linkedin" && imageCount === 0);
}

/** The footer a channel uses: its own text when the practice wrote one ("" for none), else the default. */
export function footerFor(kind: PostChannelKind, configured: string | null | undefined): string {
  if (configured !== null && configured !== undefined) return configured.trim();
  return NO_DEFAULT_FOOTER.has(kind) ? "" : DEFAULT_FOOTER;
}

export interface PreviewInput {
  text: string;
  /** The post's link (null for none). */
  link: string | null;
  imageCount: number;
}

export interface PreviewChannel extends LimitOptions {
  kind: PostChannelKind;
  /** The practice's footer for this channel; null or absent for the default. */
  footer?: string | null | undefined;
}

/** One channel's preview: the final text and link as sent, its count against the limit, and what stops it. */
export interface ChannelPreview {
  kind: PostChannelKind;
  text: string;
  /** Sent as its own field (Facebook, website); null when the link is in the text or there is none. */
  link: string | null;
  count: ChannelCount;
  problems: ChannelProblem[];
}

/** Joins the parts that are there with a blank line between them. */
const paragraphs = (...parts: string[]): string => parts.filter((p) => p !== "").join("\n\n");

/** The exact text and link one channel receives. */
export function previewFor(post: PreviewInput, channel: PreviewChannel): ChannelPreview {
  const body = post.text.trim();
  const link = post.link?.trim() || null;
  const linkAsField = linkAsFieldOn(channel.kind, post.imageCount);
  // A link the author already wrote into the text is not written twice.
  const linkInText = link !== null && !linkAsField && !body.includes(link) ? link : "";
  const text = paragraphs(body, linkInText, footerFor(channel.kind, channel.footer));
  const options: LimitOptions = { mastodonMaxChars: channel.mastodonMaxChars };
  return {
    kind: channel.kind,
    text,
    link: linkAsField ? link : null,
    count: countFor(channel.kind, text, options),
    problems: channelProblems(channel.kind, { text, imageCount: post.imageCount }, options),
  };
}

/** The previews for every channel a post goes to, in the order given. */
export function previewsFor(post: PreviewInput, channels: readonly PreviewChannel[]): ChannelPreview[] {
  return channels.map((c) => previewFor(post, c));
}
