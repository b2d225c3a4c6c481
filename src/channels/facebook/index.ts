// A Facebook Page through the Graph API with the Page access token (sent as a bearer header, never in a URL):
// text and link with POST /{page-id}/feed; one image with POST /{page-id}/photos (the post's text as its
// message); several images uploaded unpublished to /{page-id}/photos, then one feed post that attaches them
// (attached_media). Graph takes no idempotency key, so after a lost answer the Page's recent posts
// (GET /{page-id}/posts) are compared with the text sent. Errors are read from Graph's error object.
import {
  ChannelError,
  type ChannelAdapter,
  type ChannelConnection,
  type OutgoingImage,
  type OutgoingPost,
  type PublishedRef,
} from "../adapter";
import { errorFromAnswer, errorFromNetwork, withTimeout, type CallPhase, type Redaction } from "../errors";
import { facebookComments } from "./comments";

const PLATFORM = "Facebook";
/** The versioned Graph base a connection gets by default (the connect flow stores the same). */
export const FACEBOOK_API_BASE = "https://graph.facebook.com/v21.0";
/** How many of the Page's latest posts are compared after a lost answer. */
const RECENT = 25;
/** A post older than this is never taken for the one whose answer was lost. */
const FIND_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Graph's throttling codes: app (4), user (17), Page (32), and a feature's own limit (613). */
const RATE_CODES = new Set([4, 17, 32, 613]);

/** Graph's error object, as it answers every failed call. */
export interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
}

/** Seconds until Graph lets the caller in again, from its usage headers (minutes, in each business use case). */
export function regainSeconds(headers: Headers): number | null {
  const buc = headers.get("x-business-use-case-usage");
  if (!buc) return null;
  try {
    const cases = Object.values(JSON.parse(buc) as Record<string, unknown>).flat() as {
      estimated_time_to_regain_access?: number;
    }[];
    const minutes = Math.max(0, ...cases.map((c) => Number(c.estimated_time_to_regain_access) || 0));
    return minutes > 0 ? minutes * 60 : null;
  } catch {
    return null;
  }
}

/** The ChannelError for one Graph error answer. */
export function graphError(
  status: number,
  headers: Headers,
  error: GraphError | null,
  phase: CallPhase,
  redact: Redaction,
  /** Graph serves Instagram too: the name the practice reads in the message. */
  platform = PLATFORM,
): ChannelError {
  const code = error?.code;
  const reason = error?.message;
  // A 5xx carrying Graph's own error object means Graph was running the create call when it broke (its
  // "unknown error", code 1, is known to come after posts that went live): whether it posted is unknown. A 5xx
  // without one came from in front of Graph and is retried.
  if (phase === "create" && status >= 500 && code !== undefined)
    return errorFromAnswer(platform, { status: 504 }, "create");
  const regain = regainSeconds(headers);
  return errorFromAnswer(
    platform,
    {
      status,
      retryAfter: headers.get("retry-after") ?? (regain === null ? null : String(regain)),
      reason,
      // 190: the token expired or was revoked; 10 and 200–299: the Page no longer grants the permission.
      auth: code === 190 || code === 10 || (code !== undefined && code >= 200 && code <= 299),
      rateLimited: code !== undefined && RATE_CODES.has(code),
    },
    phase,
    redact,
  );
}

interface Call {
  conn: ChannelConnection;
  signal: AbortSignal;
  redact: Redaction;
}

/** One Graph call: the JSON answer, or a ChannelError for the phase it was made in. */
async function graph(
  call: Call,
  method: "GET" | "POST" | "DELETE",
  path: string,
  phase: CallPhase,
  body?: URLSearchParams | FormData,
): Promise<Record<string, unknown>> {
  const token = call.conn.credentials.accessToken;
  if (!token) throw errorFromAnswer(PLATFORM, { status: 401 }, "prepare");
  const base = (call.conn.apiBase || FACEBOOK_API_BASE).replace(/\/+$/, "");
  let res: Response;
  let json: unknown;
  try {
    res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      ...(body ? { body } : {}),
      signal: call.signal,
    });
    json = await res.json().catch(() => null);
  } catch {
    throw errorFromNetwork(PLATFORM, phase);
  }
  const object = json && typeof json === "object" ? (json as Record<string, unknown>) : null;
  if (res.ok && object && !object.error) return object;
  // A success status with no readable answer: treated like a lost answer.
  if (res.ok) throw errorFromNetwork(PLATFORM, phase);
  const error = object?.error && typeof object.error === "object" ? (object.error as GraphError) : null;
  throw graphError(res.status, res.headers, error, phase, call.redact);
}

const page = (conn: ChannelConnection) => `/${encodeURIComponent(conn.accountId)}`;

/** A Page post's public address from its id ("{page-id}_{post-id}"). */
export function postUrl(id: string): string {
  const [pageId, postId] = id.split("_");
  return postId ? `https://www.facebook.com/${pageId}/posts/${postId}` : `https://www.facebook.com/${id}`;
}

function photoForm(image: OutgoingImage, fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (image.altText) form.set("alt_text_custom", image.altText);
  const ext = image.mimeType.split("/")[1];
  form.set("source", new Blob([new Uint8Array(image.bytes)], { type: image.mimeType }), `image.${ext}`);
  return form;
}

const idOf = (answer: Record<string, unknown>, key: string): string => {
  const v = answer[key];
  if (typeof v === "string" && v) return v;
  throw new ChannelError(
    "unknown-outcome",
    `${PLATFORM} answered in a way safepost did not expect, so whether the post went live is not known. safepost looks for it before anything is sent again.`,
  );
};

export interface FacebookAdapterOptions {
  /** How long one publish or search may take before it is given up (ms). */
  timeoutMs?: number;
}

export function createFacebookAdapter(options: FacebookAdapterOptions = {}): ChannelAdapter {
  const limit = (signal?: AbortSignal) => withTimeout(signal, options.timeoutMs ?? 30_000);

  async function publish(
    conn: ChannelConnection,
    post: OutgoingPost,
    callerSignal?: AbortSignal,
  ): Promise<PublishedRef> {
    const call: Call = {
      conn,
      signal: limit(callerSignal),
      redact: { text: post.text, secrets: Object.values(conn.credentials) },
    };
    if (post.images.length === 1) {
      // One photo post: the photo's message is the post's text; Graph gives the feed post's id as post_id.
      const answer = await graph(
        call,
        "POST",
        `${page(conn)}/photos`,
        "create",
        photoForm(post.images[0]!, { message: post.text, published: "true" }),
      );
      const id = typeof answer.post_id === "string" ? answer.post_id : idOf(answer, "id");
      return { platformId: id, url: postUrl(id) };
    }
    const fields = new URLSearchParams({ message: post.text });
    if (post.images.length > 1) {
      for (const [i, image] of post.images.entries()) {
        const uploaded = await graph(
          call,
          "POST",
          `${page(conn)}/photos`,
          "prepare",
          photoForm(image, { published: "false" }),
        );
        fields.set(`attached_media[${i}]`, JSON.stringify({ media_fbid: idOf(uploaded, "id") }));
      }
    } else if (post.link) {
      fields.set("link", post.link);
    }
    const answer = await graph(call, "POST", `${page(conn)}/feed`, "create", fields);
    const id = idOf(answer, "id");
    return { platformId: id, url: postUrl(id) };
  }

  async function findPublished(
    conn: ChannelConnection,
    post: OutgoingPost,
    callerSignal?: AbortSignal,
  ): Promise<PublishedRef | null> {
    const call: Call = {
      conn,
      signal: limit(callerSignal),
      redact: { text: post.text, secrets: Object.values(conn.credentials) },
    };
    const query = new URLSearchParams({ fields: "id,message,created_time", limit: String(RECENT) });
    const answer = await graph(call, "GET", `${page(conn)}/posts?${query}`, "prepare");
    const since = Date.now() - FIND_WINDOW_MS;
    const posts = Array.isArray(answer.data) ? (answer.data as Record<string, unknown>[]) : [];
    const match = posts.find(
      (p) =>
        typeof p.id === "string" &&
        p.message === post.text &&
        // Graph writes times as 2026-12-03T09:15:00+0000, which Date.parse reads.
        Date.parse(String(p.created_time ?? "")) >= since,
    );
    return match ? { platformId: String(match.id), url: postUrl(String(match.id)) } : null;
  }

  async function remove(conn: ChannelConnection, ref: PublishedRef, callerSignal?: AbortSignal) {
    const call: Call = {
      conn,
      signal: limit(callerSignal),
      redact: { secrets: Object.values(conn.credentials) },
    };
    await graph(call, "DELETE", `/${encodeURIComponent(ref.platformId)}`, "prepare");
  }

  // Comment calls share the publishing call's error mapping and time limit.
  const comments = (signal?: AbortSignal) =>
    facebookComments((conn, method, path, phase, redact, body) =>
      graph({ conn, signal: limit(signal), redact }, method, path, phase, body),
    );

  return {
    kind: "facebook",
    capabilities: {
      publishText: true,
      maxImages: 10,
      requiresImage: false,
      link: true,
      idempotencyKey: false,
      findPublished: true,
      readComments: true,
      reply: true,
      hide: true,
      delete: true,
      deleteComment: true,
      block: true,
      report: false,
    },
    publish,
    findPublished,
    delete: remove,
    listComments: (conn, query, signal) => comments(signal).listComments(conn, query),
    reply: (conn, comment, text, signal) => comments(signal).reply(conn, comment, text),
    findReply: (conn, comment, text, signal) => comments(signal).findReply(conn, comment, text),
    hide: (conn, comment, signal) => comments(signal).hide(conn, comment),
    unhide: (conn, comment, signal) => comments(signal).unhide(conn, comment),
    isHidden: (conn, comment, signal) => comments(signal).isHidden(conn, comment),
    deleteComment: (conn, comment, signal) => comments(signal).deleteComment(conn, comment),
    blockAuthor: (conn, comment, signal) => comments(signal).blockAuthor(conn, comment),
  };
}

export const facebookAdapter = createFacebookAdapter();
