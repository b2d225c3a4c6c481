// The posts and channels endpoints, typed for the web app. The shapes follow the posts contract described for
// src/contracts/posts.ts and channels.ts (issue 9); when those land, these types become z.infer of them.
import { request, uploadBody } from "../api";
import type { Verdict } from "../../core/checker/types";
import type { PostChannelKind } from "../../core/posts/limits";

export type PostState =
  | "draft"
  | "awaiting-approval"
  | "changes-requested"
  | "approved"
  | "scheduled"
  | "publishing"
  | "published"
  | "failed"
  | "needs-check"
  | "cancelled";

/** What the member may do to one post now (the server decides; buttons follow this list only). */
export type PostAction =
  | "edit-post"
  | "submit-post"
  | "approve-post"
  | "request-changes"
  | "schedule-post"
  | "cancel-post"
  | "publish-now"
  | "resolve-delivery";

export type DeliveryState =
  "pending" | "scheduled" | "publishing" | "published" | "failed" | "needs-check" | "held" | "cancelled";

export interface Person {
  id: string;
  name: string;
}

export interface PostImage {
  id: string;
  altText: string;
  url: string;
}

export interface PostChannelRef {
  id: string;
  kind: PostChannelKind;
  name: string;
}

export interface Delivery {
  id: string;
  channel: PostChannelRef;
  state: DeliveryState;
  url: string | null;
  /** A sentence for the practice (the platform's reason where it gave one). */
  error: string | null;
  attempts?: number;
}

export interface TimelineEntry {
  at: string;
  actor: Person | null;
  /** Stable id: created, edited, submitted, approved, changes-requested, approval-voided, scheduled, … */
  event: string;
  note?: string | null;
}

export interface Post {
  id: string;
  state: PostState;
  text: string;
  link: string | null;
  images: PostImage[];
  channels: PostChannelRef[];
  /** ISO UTC; shown on the UK clock. */
  scheduledAt: string | null;
  author: Person;
  lastEditedBy?: Person | null;
  approver: Person | null;
  approvedAt: string | null;
  /** The checker's verdict on the text as submitted, and the author's reason for going ahead anyway. */
  verdict: Verdict | null;
  overrideReason: string | null;
  changesRequestedNote: string | null;
  /** True when an edit after approval voided it. */
  approvalVoided?: boolean;
  publishedAt?: string | null;
  deliveries: Delivery[];
  timeline?: TimelineEntry[];
  allowed: PostAction[];
  createdAt: string;
  updatedAt: string;
}

export interface ChannelSecurity {
  twoFactor: boolean;
  /** The named people with access to the platform account. */
  peopleWithAccess: string;
  recoveryEmail: string;
  /** ISO day. */
  lastReviewedOn: string | null;
  /** The practice members (user ids) who can sign in to the account. */
  membersWithAccess: string[];
  /** ISO day. */
  passwordChangedOn: string | null;
}

export interface Channel {
  id: string;
  kind: PostChannelKind;
  name: string;
  status: "connected" | "reconnect-needed" | "not-connected";
  /** The practice's footer; null for the standard one. */
  footer: string | null;
  /** Mastodon's instance limit, where it was read. */
  maxChars?: number | null;
  requiresImage?: boolean;
  maxImages?: number;
  security: ChannelSecurity | null;
  allowed?: ("manage-channel" | "connect-channel")[];
}

export interface PostInput {
  text: string;
  link: string | null;
  channelIds: string[];
  images: { id: string; altText: string }[];
  overrideReason: string | null;
}

export interface PostFilters {
  state?: PostState;
  channel?: string;
  /** ISO UTC instants bounding scheduledAt / publishedAt (the calendar's visible range). */
  from?: string;
  to?: string;
  q?: string;
}

const base = (practiceId: string, rest = ""): string =>
  `/api/practices/${encodeURIComponent(practiceId)}${rest}`;
const postPath = (practiceId: string, postId: string, rest = ""): string =>
  base(practiceId, `/posts/${encodeURIComponent(postId)}${rest}`);
const query = (filters: object): string => {
  const q = new URLSearchParams(
    Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  );
  return q.size ? `?${q.toString()}` : "";
};

export const postsApi = {
  list: (practiceId: string, filters: PostFilters = {}) =>
    request<{ posts: Post[] }>("GET", base(practiceId, `/posts${query(filters)}`)),
  get: (practiceId: string, postId: string) => request<Post>("GET", postPath(practiceId, postId)),
  create: (practiceId: string, input: PostInput) => request<Post>("POST", base(practiceId, "/posts"), input),
  update: (practiceId: string, postId: string, input: PostInput) =>
    request<Post>("PATCH", postPath(practiceId, postId), input),
  submit: (practiceId: string, postId: string, overrideReason: string | null) =>
    request<Post>("POST", postPath(practiceId, postId, "/submit"), { overrideReason }),
  approve: (practiceId: string, postId: string) =>
    request<Post>("POST", postPath(practiceId, postId, "/approve"), {}),
  requestChanges: (practiceId: string, postId: string, note: string) =>
    request<Post>("POST", postPath(practiceId, postId, "/request-changes"), { note }),
  schedule: (practiceId: string, postId: string, scheduledAt: string) =>
    request<Post>("POST", postPath(practiceId, postId, "/schedule"), { scheduledAt }),
  cancel: (practiceId: string, postId: string) =>
    request<Post>("POST", postPath(practiceId, postId, "/cancel"), {}),
  publishNow: (practiceId: string, postId: string) =>
    request<Post>("POST", postPath(practiceId, postId, "/publish-now"), {}),
  /** After "check whether this was posted": it was (with its address), or it was not (publish again). */
  resolveDelivery: (
    practiceId: string,
    postId: string,
    deliveryId: string,
    posted: boolean,
    url: string | null,
  ) =>
    request<Post>(
      "POST",
      postPath(practiceId, postId, `/deliveries/${encodeURIComponent(deliveryId)}/resolve`),
      {
        posted,
        url,
      },
    ),
  /** Uploads one image as it is; the server checks it by content, resizes it and strips its metadata. */
  uploadImage: (practiceId: string, file: File) =>
    uploadBody<{ id: string; url: string }>(base(practiceId, "/post-images"), file),
  archiveCsvUrl: (practiceId: string, q = "") => base(practiceId, `/posts/archive.csv${query({ q })}`),
  archivePdfUrl: (practiceId: string, q = "") => base(practiceId, `/posts/archive.pdf${query({ q })}`),
};

export const channelsApi = {
  list: (practiceId: string) => request<{ channels: Channel[] }>("GET", base(practiceId, "/channels")),
  update: (
    practiceId: string,
    channelId: string,
    input: { footer: string | null; security: ChannelSecurity },
  ) => request<Channel>("PATCH", base(practiceId, `/channels/${encodeURIComponent(channelId)}`), input),
  /** A member who left no longer has access: the password was changed and their access removed. */
  accessRemoved: (practiceId: string, channelId: string, userId: string) =>
    request<Channel>("POST", base(practiceId, `/channels/${encodeURIComponent(channelId)}/access-removed`), {
      userId,
    }),
  /** The channels helper's OAuth start: a full-page visit that returns to the channels page. */
  connectUrl: (practiceId: string, kind: PostChannelKind) =>
    base(practiceId, `/channels/connect/${encodeURIComponent(kind)}`),
};
