/**
 * One interface for every channel a practice posts to (issue 9). Each platform has one adapter behind it,
 * in src/channels/<kind>/; the publishing job (src/app/posts) knows only this file. Adapters do the
 * platform's I/O and nothing else: no database, no audit, no logging of text or tokens.
 */

export const CHANNEL_KINDS = [
  "facebook",
  "instagram",
  "x",
  "linkedin",
  "bluesky",
  "mastodon",
  "website",
  "manual",
] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** What a channel can do; the composer, the inbox and the job read these instead of naming platforms. */
export interface ChannelCapabilities {
  publishText: boolean;
  /** The most images one post may carry (0: none). */
  maxImages: number;
  /** Whether a post must carry at least one image (Instagram). */
  requiresImage: boolean;
  link: boolean;
  /** Whether the platform deduplicates a repeated publish by a key we send (Mastodon's Idempotency-Key). */
  idempotencyKey: boolean;
  /** Whether the adapter can look for a post it may have published (after an unknown outcome). */
  findPublished: boolean;
  readComments: boolean;
  reply: boolean;
  hide: boolean;
  delete: boolean;
  /** Whether the practice may delete someone else's comment under its posts (deleteComment). */
  deleteComment: boolean;
  /** Whether the practice's account can block a comment's author (blockAuthor). */
  block: boolean;
  /** Whether the comment can be reported to the platform's moderators (reportComment). */
  report: boolean;
}

/** An image ready to send: already checked, resized and stripped of metadata by the app. */
export interface OutgoingImage {
  bytes: Uint8Array;
  mimeType: "image/jpeg" | "image/png" | "image/webp";
  altText: string;
  /** A signed, expiring URL under SAFEPOST_BASE_URL, for platforms that fetch images themselves (Instagram). */
  publicUrl: string;
  sha256: string;
}

/** Exactly what is sent: the final text (footer included), images and link. */
export interface OutgoingPost {
  /** The delivery's id: unique per post and channel, sent as the idempotency key where the platform has one. */
  deliveryId: string;
  text: string;
  link: string | null;
  images: readonly OutgoingImage[];
}

/** A connected account: where its API lives and the decrypted credentials (never logged, never returned). */
export interface ChannelConnection {
  kind: ChannelKind;
  /** The platform API's base URL (the public one by default; a local server in tests). */
  apiBase: string;
  /** The platform's id of the account, page or organisation posted as. */
  accountId: string;
  /** Credentials as the adapter needs them (access token, app password, …). */
  credentials: Readonly<Record<string, string>>;
}

/** Where a published post lives on the platform. */
export interface PublishedRef {
  platformId: string;
  url: string;
}

/** The four ways a platform call fails; the job decides what to do from the kind alone. */
export type ChannelErrorKind =
  /** The token expired or was revoked: the channel needs reconnecting; posts on it are held. */
  | "reconnect"
  /** The platform refused the post for a reason of its own (kept in `platformReason`); retrying will not help. */
  | "rejected"
  /** Known not to have published (429, or 5xx before acceptance): retry after `retryAfterSeconds`. */
  | "retry"
  /** Whether the call published is unknown (timeout, dropped connection): never repeat blindly. */
  | "unknown-outcome";

export class ChannelError extends Error {
  constructor(
    readonly kind: ChannelErrorKind,
    /** A sentence for the practice, free of tokens and post text. */
    message: string,
    readonly details: { platformReason?: string; retryAfterSeconds?: number; status?: number } = {},
  ) {
    super(message);
    this.name = "ChannelError";
  }
}

/** A comment (reply, mention) on one of the practice's channels, as the platform gave it. */
export interface IncomingComment {
  /** The platform's id of the comment (Bluesky: its at:// URI; Facebook: the comment id). */
  platformId: string;
  /** The platform id of the practice's post it sits under, or null (a mention not under a practice post). */
  postPlatformId: string | null;
  authorHandle: string;
  /** The author's public profile address, where the platform has one. */
  authorUrl: string | null;
  /** The comment's own address, where the platform has one. */
  url: string | null;
  text: string;
  createdAt: Date;
  /** Whether the platform shows it as hidden already. */
  hidden: boolean;
  /** The platform's own record of the comment, kept as evidence and to answer or hide it later. */
  raw: Record<string, unknown>;
}

/** A comment the practice acts on: what listComments gave (its id, post and raw record). */
export type CommentRef = Pick<IncomingComment, "platformId" | "postPlatformId" | "raw">;

/** What listComments reads: the practice's recent posts on the channel, and where the last poll stopped. */
export interface CommentQuery {
  posts: readonly PublishedRef[];
  /** The platform's cursor from the previous poll (opaque), or null for the first. */
  cursor: string | null;
}

export interface CommentPage {
  comments: IncomingComment[];
  /** Where the next poll starts (opaque, stored by the app). */
  cursor: string | null;
}

export interface ChannelAdapter {
  kind: ChannelKind;
  capabilities: ChannelCapabilities;
  /** Publishes one post. Throws ChannelError (never anything else for a platform failure). */
  publish(conn: ChannelConnection, post: OutgoingPost, signal?: AbortSignal): Promise<PublishedRef>;
  /**
   * After an unknown outcome: looks for the post on the platform (by idempotency key where there is one,
   * else among the account's recent posts by exact text). Null when it was not found.
   */
  findPublished?(
    conn: ChannelConnection,
    post: OutgoingPost,
    signal?: AbortSignal,
  ): Promise<PublishedRef | null>;
  /** Deletes a post made through safepost. */
  delete?(conn: ChannelConnection, ref: PublishedRef, signal?: AbortSignal): Promise<void>;
  /** Refreshes credentials before they expire; returns the new ones. Throws ChannelError("reconnect"). */
  refresh?(conn: ChannelConnection, signal?: AbortSignal): Promise<Record<string, string>>;
  /** Comments, replies and mentions since the cursor (capability readComments). */
  listComments?(conn: ChannelConnection, query: CommentQuery, signal?: AbortSignal): Promise<CommentPage>;
  /** Answers a comment publicly under it (capability reply); a lost answer is "unknown-outcome". */
  reply?(
    conn: ChannelConnection,
    comment: CommentRef,
    text: string,
    signal?: AbortSignal,
  ): Promise<PublishedRef>;
  /** After an unknown outcome: the practice's answer to this comment with exactly this text, or null. */
  findReply?(
    conn: ChannelConnection,
    comment: CommentRef,
    text: string,
    signal?: AbortSignal,
  ): Promise<PublishedRef | null>;
  /** Hides a comment from the public (capability hide). Safe to repeat. */
  hide?(conn: ChannelConnection, comment: CommentRef, signal?: AbortSignal): Promise<void>;
  /** Shows a hidden comment again. Safe to repeat. */
  unhide?(conn: ChannelConnection, comment: CommentRef, signal?: AbortSignal): Promise<void>;
  /** Whether the platform shows the comment as hidden now (to check an unknown outcome). */
  isHidden?(conn: ChannelConnection, comment: CommentRef, signal?: AbortSignal): Promise<boolean>;
  /** Deletes someone else's comment under the practice's post (capability deleteComment). Gone already is done. */
  deleteComment?(conn: ChannelConnection, comment: CommentRef, signal?: AbortSignal): Promise<void>;
  /** Blocks the comment's author from the practice's account (capability block). Safe to repeat. */
  blockAuthor?(conn: ChannelConnection, comment: CommentRef, signal?: AbortSignal): Promise<void>;
  /** Reports the comment to the platform's moderators (capability report), with a reason code and words of ours. */
  reportComment?(
    conn: ChannelConnection,
    comment: CommentRef,
    report: CommentReport,
    signal?: AbortSignal,
  ): Promise<void>;
}

/** Why a comment is reported: a reason code the adapter maps to the platform's category, and a short note. */
export interface CommentReport {
  reason: "spam" | "abuse" | "threat" | "defamation" | "names-staff" | "medical-details" | "other";
  /** Our own words for the moderators (never the comment's text); the adapter cuts it to the platform's limit. */
  note: string;
}
