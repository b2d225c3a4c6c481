// A LinkedIn organisation page through the versioned Community Management API (every call carries
// LinkedIn-Version and X-Restli-Protocol-Version 2.0.0, the token as a bearer header). A post is POST /rest/posts
// as the organisation, its commentary in LinkedIn's "little" text format (reserved characters escaped, hashtags
// kept as hashtags), public on the main feed. Images go through the Images API first (initializeUpload, then the
// bytes PUT to the upload address) and are referenced by URN with their alt text: one as media, two or more as
// multiImage. A link travels as an article, or in the commentary beside images. The post's URN comes back in the x-restli-id header. LinkedIn takes no
// idempotency key, so after a lost answer the organisation's recent posts are compared with the text sent.
import sharp from "sharp";
import {
  ChannelError,
  type ChannelAdapter,
  type ChannelConnection,
  type OutgoingImage,
  type OutgoingPost,
  type PublishedRef,
} from "../adapter";
import { errorFromAnswer, errorFromNetwork, withTimeout, type CallPhase, type Redaction } from "../errors";
import { linkedinComments } from "./comments";

const PLATFORM = "LinkedIn";
export const LINKEDIN_API_BASE = "https://api.linkedin.com";
/** The API version safepost is written against (LinkedIn keeps each monthly version for at least a year). */
export const LINKEDIN_VERSION = "202610";
/** The headers every versioned LinkedIn call needs (the connect flow sends them too). */
export const LINKEDIN_HEADERS = {
  "LinkedIn-Version": LINKEDIN_VERSION,
  "X-Restli-Protocol-Version": "2.0.0",
} as const;
/** How many of the organisation's latest posts are compared after a lost answer. */
const RECENT = 20;
/** A post older than this is never taken for the one whose answer was lost. */
const FIND_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Characters the little text format reserves; each is escaped with a backslash to be read as itself. */
const RESERVED = /[\\|{}@[\]()<>#*_~]/g;

/**
 * The text as little-format commentary: every reserved character escaped, except that a hashtag (a # at the
 * start or after a space, followed by letters and digits) becomes LinkedIn's hashtag template so it stays one.
 */
export function littleText(text: string): string {
  let out = "";
  let at = 0;
  for (const m of text.matchAll(/(^|\s)#([\p{L}\p{N}]+)/gu)) {
    const start = m.index + m[1]!.length;
    out += text.slice(at, start).replace(RESERVED, (c) => `\\${c}`);
    out += `{hashtag|#|${m[2]}}`;
    at = start + 1 + m[2]!.length;
  }
  return out + text.slice(at).replace(RESERVED, (c) => `\\${c}`);
}

/** The organisation's URN: the connect flow stores it whole; a bare id is accepted too. */
export function organisationUrn(accountId: string): string {
  return accountId.startsWith("urn:li:") ? accountId : `urn:li:organization:${accountId}`;
}

/** A post's public address from its URN. */
export const postUrl = (urn: string): string => `https://www.linkedin.com/feed/update/${urn}/`;

interface Call {
  conn: ChannelConnection;
  signal: AbortSignal;
  redact: Redaction;
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = text ? JSON.parse(text) : null;
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | null;
}

/** LinkedIn's error body: { status, serviceErrorCode, code, message }. */
function linkedinError(reply: Reply, phase: CallPhase, redact: Redaction): ChannelError {
  const body = reply.body ?? {};
  const code = typeof body.code === "string" ? body.code : "";
  const message = typeof body.message === "string" ? body.message : undefined;
  return errorFromAnswer(
    PLATFORM,
    {
      status: reply.status,
      retryAfter: reply.headers.get("retry-after"),
      reason: [code, message].filter(Boolean).join(": ") || undefined,
      // 403: the token no longer carries the permission, or its member is no longer the page's admin.
      auth: reply.status === 403 || /ACCESS_TOKEN/.test(code),
    },
    phase,
    redact,
  );
}

async function rest(
  call: Call,
  method: "GET" | "POST" | "DELETE",
  path: string,
  phase: CallPhase,
  options: { body?: unknown; restliMethod?: string } = {},
): Promise<Reply> {
  const token = call.conn.credentials.accessToken;
  if (!token) throw errorFromAnswer(PLATFORM, { status: 401 }, "prepare");
  const base = (call.conn.apiBase || LINKEDIN_API_BASE).replace(/\/+$/, "");
  let reply: Reply;
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: "application/json",
        ...LINKEDIN_HEADERS,
        ...(options.restliMethod ? { "X-RestLi-Method": options.restliMethod } : {}),
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal: call.signal,
    });
    reply = { status: res.status, headers: res.headers, body: parseObject(await res.text()) };
  } catch {
    throw errorFromNetwork(PLATFORM, phase);
  }
  if (reply.status >= 400) throw linkedinError(reply, phase, call.redact);
  return reply;
}

/** LinkedIn's Images API takes JPEG, PNG and GIF: a WebP is sent as a PNG (lossless, transparency kept). */
async function uploadable(image: OutgoingImage): Promise<Uint8Array> {
  if (image.mimeType !== "image/webp") return image.bytes;
  return new Uint8Array(await sharp(image.bytes).png().toBuffer());
}

/** Uploads one image for the organisation; returns its URN. */
async function uploadImage(call: Call, owner: string, image: OutgoingImage): Promise<string> {
  const init = await rest(call, "POST", "/rest/images?action=initializeUpload", "prepare", {
    body: { initializeUploadRequest: { owner } },
  });
  const value = (init.body?.value ?? {}) as Record<string, unknown>;
  const uploadUrl = typeof value.uploadUrl === "string" ? value.uploadUrl : "";
  const urn = typeof value.image === "string" ? value.image : "";
  if (!/^https?:\/\//.test(uploadUrl) || !urn.startsWith("urn:li:image:"))
    throw errorFromNetwork(PLATFORM, "prepare");
  // The upload address is LinkedIn's own; the token goes only to LinkedIn's hosts or the API's.
  const target = new URL(uploadUrl);
  const api = new URL(call.conn.apiBase || LINKEDIN_API_BASE);
  const ours = target.origin === api.origin || /(^|\.)linkedin\.com$/.test(target.hostname);
  const bytes = await uploadable(image);
  let res: Response;
  let text: string;
  try {
    res = await fetch(uploadUrl, {
      method: "PUT",
      headers: {
        "content-type": "application/octet-stream",
        ...(ours ? { authorization: `Bearer ${call.conn.credentials.accessToken}` } : {}),
      },
      body: new Uint8Array(bytes),
      signal: call.signal,
    });
    text = await res.text();
  } catch {
    throw errorFromNetwork(PLATFORM, "prepare");
  }
  if (!res.ok)
    throw linkedinError(
      { status: res.status, headers: res.headers, body: parseObject(text) },
      "prepare",
      call.redact,
    );
  return urn;
}

/**
 * The commentary sent, in the little text format. A post carries one kind of content: without images its link is
 * the article; beside images the link is written into the commentary (LinkedIn makes an address there clickable),
 * so it is never dropped.
 */
export function commentaryOf(post: Pick<OutgoingPost, "text" | "link" | "images">): string {
  const linkInText = post.link && post.images.length && !post.text.includes(post.link) ? post.link : null;
  return littleText(linkInText ? `${post.text}\n\n${linkInText}` : post.text);
}

/** The article card for a link: LinkedIn shows the title it is given, so the address itself is the title. */
function article(link: string) {
  const url = new URL(link);
  const title = `${url.hostname.replace(/^www\./, "")}${url.pathname.replace(/\/+$/, "")}`.slice(0, 200);
  return { article: { source: link, title } };
}

export interface LinkedInAdapterOptions {
  /** How long one publish or search may take before it is given up (ms). */
  timeoutMs?: number;
}

export function createLinkedInAdapter(options: LinkedInAdapterOptions = {}): ChannelAdapter {
  const callFor = (conn: ChannelConnection, text: string | undefined, signal?: AbortSignal): Call => ({
    conn,
    signal: withTimeout(signal, options.timeoutMs ?? 60_000),
    redact: { text, secrets: Object.values(conn.credentials) },
  });

  async function publish(
    conn: ChannelConnection,
    post: OutgoingPost,
    signal?: AbortSignal,
  ): Promise<PublishedRef> {
    const call = callFor(conn, post.text, signal);
    const author = organisationUrn(conn.accountId);
    const images: { id: string; altText: string }[] = [];
    for (const image of post.images)
      images.push({ id: await uploadImage(call, author, image), altText: image.altText });
    const [only] = images;
    const content =
      images.length > 1
        ? { multiImage: { images } }
        : only
          ? { media: only }
          : post.link
            ? article(post.link)
            : null;
    const reply = await rest(call, "POST", "/rest/posts", "create", {
      body: {
        author,
        commentary: commentaryOf(post),
        visibility: "PUBLIC",
        distribution: {
          feedDistribution: "MAIN_FEED",
          targetEntities: [],
          thirdPartyDistributionChannels: [],
        },
        lifecycleState: "PUBLISHED",
        isReshareDisabledByAuthor: false,
        ...(content ? { content } : {}),
      },
    });
    const urn = reply.headers.get("x-restli-id") ?? "";
    // Created (201) without the id: the post is live, but safepost cannot say where; it looks for it.
    if (!urn.startsWith("urn:li:")) throw errorFromNetwork(PLATFORM, "create");
    return { platformId: urn, url: postUrl(urn) };
  }

  async function findPublished(
    conn: ChannelConnection,
    post: OutgoingPost,
    signal?: AbortSignal,
  ): Promise<PublishedRef | null> {
    const call = callFor(conn, post.text, signal);
    const q = new URLSearchParams({
      author: organisationUrn(conn.accountId),
      q: "author",
      count: String(RECENT),
      sortBy: "LAST_MODIFIED",
    });
    const reply = await rest(call, "GET", `/rest/posts?${q}`, "prepare", { restliMethod: "FINDER" });
    const sent = commentaryOf(post);
    const since = Date.now() - FIND_WINDOW_MS;
    const elements = Array.isArray(reply.body?.elements)
      ? (reply.body.elements as Record<string, unknown>[])
      : [];
    const match = elements.find(
      (e) =>
        typeof e.id === "string" &&
        e.commentary === sent &&
        Number(e.createdAt ?? e.publishedAt ?? 0) >= since,
    );
    return match ? { platformId: String(match.id), url: postUrl(String(match.id)) } : null;
  }

  // Comment calls share the versioned headers, the error mapping and the time limit.
  const comments = (conn: ChannelConnection, signal?: AbortSignal) =>
    linkedinComments(
      async (method, path, phase, options = {}) => {
        const reply = await rest(callFor(conn, options.text, signal), method, path, phase, {
          ...(options.body === undefined ? {} : { body: options.body }),
        });
        return { body: reply.body, headers: reply.headers };
      },
      (c) => organisationUrn(c.accountId),
    );

  async function remove(conn: ChannelConnection, ref: PublishedRef, signal?: AbortSignal) {
    const call = callFor(conn, undefined, signal);
    await rest(call, "DELETE", `/rest/posts/${encodeURIComponent(ref.platformId)}`, "prepare", {
      restliMethod: "DELETE",
    });
  }

  return {
    kind: "linkedin",
    capabilities: {
      publishText: true,
      maxImages: 20,
      requiresImage: false,
      link: true,
      idempotencyKey: false,
      findPublished: true,
      readComments: true,
      reply: true,
      // LinkedIn has no hiding of comments; an organisation may delete comments on its own posts.
      hide: false,
      delete: true,
      deleteComment: true,
      block: false,
      report: false,
    },
    publish,
    findPublished,
    delete: remove,
    listComments: (conn, query, signal) => comments(conn, signal).listComments(conn, query),
    reply: (conn, comment, text, signal) => comments(conn, signal).reply(conn, comment, text),
    findReply: (conn, comment, text, signal) => comments(conn, signal).findReply(conn, comment, text),
    deleteComment: (conn, comment, signal) => comments(conn, signal).deleteComment(conn, comment),
  };
}

export const linkedinAdapter = createLinkedInAdapter();
