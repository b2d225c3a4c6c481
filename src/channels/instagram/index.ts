// An Instagram professional account through the Instagram Graph API (Facebook Login: the linked Page's token,
// sent as a bearer header). Instagram fetches images itself, so each image goes by its signed public address:
// one image is one container (POST /{ig-user-id}/media with image_url, caption, alt_text); two or more are
// carousel items gathered under a CAROUSEL container. The container is polled (GET /{id}?fields=status_code)
// until Instagram has fetched and processed the images, then published (POST /{ig-user-id}/media_publish) and
// its permalink read. The account's publishing quota is read first, never assumed. Graph takes no idempotency
// key, so after a lost answer the account's recent media are compared with the caption sent.
import { setTimeout as sleep } from "node:timers/promises";
import {
  ChannelError,
  type ChannelAdapter,
  type ChannelConnection,
  type OutgoingPost,
  type PublishedRef,
} from "../adapter";
import { cleanReason, errorFromNetwork, withTimeout, type CallPhase, type Redaction } from "../errors";
import { FACEBOOK_API_BASE, graphError, type GraphError } from "../facebook";
import { instagramComments } from "./comments";

const PLATFORM = "Instagram";
/** How many of the account's latest media are compared after a lost answer. */
const RECENT = 25;
/** A post older than this is never taken for the one whose answer was lost. */
const FIND_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Waits between container status checks: quick at first, then longer; the container is given up after. */
export const DEFAULT_POLL_DELAYS_MS = [1_000, 2_000, 3_000, 5_000, 5_000, 8_000, 10_000, 15_000];
/** Graph's subcode for "the account has reached its publishing limit". */
const QUOTA_SUBCODE = 2207042;

interface Call {
  conn: ChannelConnection;
  signal: AbortSignal;
  redact: Redaction;
}

type Answer = Record<string, unknown>;

async function graph(
  call: Call,
  method: "GET" | "POST" | "DELETE",
  path: string,
  phase: CallPhase,
  body?: URLSearchParams,
): Promise<Answer> {
  const token = call.conn.credentials.accessToken;
  if (!token) throw graphError(401, new Headers(), null, "prepare", call.redact, PLATFORM);
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
  const object = json && typeof json === "object" ? (json as Answer) : null;
  if (res.ok && object && !object.error) return object;
  if (res.ok) throw errorFromNetwork(PLATFORM, phase);
  const error = object?.error && typeof object.error === "object" ? (object.error as GraphError) : null;
  if (error?.error_subcode === QUOTA_SUBCODE) throw quotaUsedUp(null);
  throw graphError(res.status, res.headers, error, phase, call.redact, PLATFORM);
}

const account = (conn: ChannelConnection) => `/${encodeURIComponent(conn.accountId)}`;

const idOf = (answer: Answer, phase: CallPhase): string => {
  const v = answer.id;
  if (typeof v === "string" && v) return v;
  throw errorFromNetwork(PLATFORM, phase);
};

function quotaUsedUp(total: number | null): ChannelError {
  const limit = total === null ? "its limit of posts" : `its limit of ${total} posts`;
  return new ChannelError(
    "rejected",
    `This Instagram account has used up what Instagram lets apps publish for it (${limit} in 24 hours). Nothing was published; send the post again later.`,
    { platformReason: "Content publishing limit reached" },
  );
}

/** Refuses a post Instagram cannot take, before any call: it needs an image, and safepost's own address for it. */
function checkPostable(post: OutgoingPost): void {
  if (post.images.length === 0)
    throw new ChannelError(
      "rejected",
      "Instagram only takes posts with at least one image. Add an image to this post and send it again; nothing was published.",
    );
  if (post.images.some((i) => !/^https?:\/\/\S+$/.test(i.publicUrl)))
    throw new ChannelError(
      "rejected",
      "Instagram fetches each image from safepost's public address, and this installation has none it can reach. An administrator needs to set SAFEPOST_BASE_URL to the address the internet reaches safepost at.",
    );
}

/** Reads the publishing quota; refuses when it is used up. */
async function checkQuota(call: Call): Promise<void> {
  const q = new URLSearchParams({ fields: "quota_usage,config" });
  const answer = await graph(call, "GET", `${account(call.conn)}/content_publishing_limit?${q}`, "prepare");
  const first = Array.isArray(answer.data) ? (answer.data[0] as Answer | undefined) : undefined;
  const usage = Number(first?.quota_usage);
  const total = Number((first?.config as Answer | undefined)?.quota_total);
  if (Number.isFinite(usage) && Number.isFinite(total) && total > 0 && usage >= total)
    throw quotaUsedUp(total);
}

/** Waits until the container is ready to publish, or throws what Instagram said went wrong with it. */
async function awaitContainer(call: Call, id: string, delays: readonly number[]): Promise<void> {
  const q = new URLSearchParams({ fields: "status_code,status" });
  for (const delay of [0, ...delays]) {
    if (delay > 0)
      await sleep(delay, undefined, { signal: call.signal }).catch(() => {
        throw errorFromNetwork(PLATFORM, "prepare");
      });
    const answer = await graph(call, "GET", `/${encodeURIComponent(id)}?${q}`, "prepare");
    const code = answer.status_code;
    if (code === "FINISHED") return;
    if (code === "ERROR" || code === "EXPIRED") {
      const reason = typeof answer.status === "string" && answer.status ? answer.status : String(code);
      throw new ChannelError(
        "rejected",
        code === "EXPIRED"
          ? "Instagram let the prepared post expire before it was published. Nothing was published; send it again."
          : "Instagram could not use this post's images, so it was not published. Its reason is shown with the delivery; change the images and send it again.",
        { platformReason: cleanReason(reason, call.redact) ?? String(code) },
      );
    }
  }
  throw new ChannelError(
    "retry",
    "Instagram was still preparing this post's images when safepost stopped waiting. Nothing was published; safepost tries again shortly.",
  );
}

/** Builds the container to publish: one image, or a carousel of its items. Returns its id. */
async function container(call: Call, post: OutgoingPost): Promise<string> {
  const path = `${account(call.conn)}/media`;
  const [only] = post.images;
  if (post.images.length === 1 && only) {
    const fields = new URLSearchParams({ image_url: only.publicUrl, caption: post.text });
    if (only.altText) fields.set("alt_text", only.altText);
    return idOf(await graph(call, "POST", path, "prepare", fields), "prepare");
  }
  const children: string[] = [];
  for (const image of post.images) {
    const fields = new URLSearchParams({ image_url: image.publicUrl, is_carousel_item: "true" });
    if (image.altText) fields.set("alt_text", image.altText);
    children.push(idOf(await graph(call, "POST", path, "prepare", fields), "prepare"));
  }
  const fields = new URLSearchParams({
    media_type: "CAROUSEL",
    children: children.join(","),
    caption: post.text,
  });
  return idOf(await graph(call, "POST", path, "prepare", fields), "prepare");
}

/** A post's address when its permalink could not be read (the post is live; the archive keeps its id). */
const fallbackUrl = "https://www.instagram.com/";

export interface InstagramAdapterOptions {
  /** How long one publish or search may take before it is given up (ms). */
  timeoutMs?: number;
  /** The waits between container status checks. */
  pollDelaysMs?: readonly number[];
}

export function createInstagramAdapter(options: InstagramAdapterOptions = {}): ChannelAdapter {
  const limit = (signal?: AbortSignal) => withTimeout(signal, options.timeoutMs ?? 100_000);
  const delays = options.pollDelaysMs ?? DEFAULT_POLL_DELAYS_MS;
  const callFor = (conn: ChannelConnection, post: OutgoingPost | null, signal?: AbortSignal): Call => ({
    conn,
    signal: limit(signal),
    redact: { text: post?.text, secrets: Object.values(conn.credentials) },
  });

  // Comment calls share the publishing calls' error mapping; each is one quick request, so a shorter limit.
  const comments = (signal?: AbortSignal) =>
    instagramComments((conn, method, path, phase, redact, body) =>
      graph({ conn, signal: withTimeout(signal, 30_000), redact }, method, path, phase, body),
    );

  async function publish(
    conn: ChannelConnection,
    post: OutgoingPost,
    signal?: AbortSignal,
  ): Promise<PublishedRef> {
    checkPostable(post);
    const call = callFor(conn, post, signal);
    await checkQuota(call);
    const id = await container(call, post);
    await awaitContainer(call, id, delays);
    const published = await graph(
      call,
      "POST",
      `${account(conn)}/media_publish`,
      "create",
      new URLSearchParams({ creation_id: id }),
    );
    const mediaId = idOf(published, "create");
    // The post is live from here on: a failure to read its address must not make it look unpublished.
    const read = await graph(
      { ...call, signal: limit(signal) },
      "GET",
      `/${encodeURIComponent(mediaId)}?fields=permalink`,
      "prepare",
    ).catch(() => null);
    const url = typeof read?.permalink === "string" ? read.permalink : fallbackUrl;
    return { platformId: mediaId, url };
  }

  async function findPublished(
    conn: ChannelConnection,
    post: OutgoingPost,
    signal?: AbortSignal,
  ): Promise<PublishedRef | null> {
    const call = callFor(conn, post, signal);
    const q = new URLSearchParams({ fields: "id,caption,timestamp,permalink", limit: String(RECENT) });
    const answer = await graph(call, "GET", `${account(conn)}/media?${q}`, "prepare");
    const since = Date.now() - FIND_WINDOW_MS;
    const media = Array.isArray(answer.data) ? (answer.data as Answer[]) : [];
    const match = media.find(
      (m) =>
        typeof m.id === "string" && m.caption === post.text && Date.parse(String(m.timestamp ?? "")) >= since,
    );
    if (!match) return null;
    return {
      platformId: String(match.id),
      url: typeof match.permalink === "string" ? match.permalink : fallbackUrl,
    };
  }

  return {
    kind: "instagram",
    capabilities: {
      publishText: true,
      maxImages: 10,
      requiresImage: true,
      // Instagram makes no link in a caption clickable.
      link: false,
      idempotencyKey: false,
      findPublished: true,
      readComments: true,
      reply: true,
      hide: true,
      // Instagram's API does not delete feed posts.
      delete: false,
      // It does delete comments on the account's own media; it offers no blocking or reporting.
      deleteComment: true,
      block: false,
      report: false,
    },
    publish,
    findPublished,
    listComments: (conn, query, signal) => comments(signal).listComments(conn, query),
    reply: (conn, comment, text, signal) => comments(signal).reply(conn, comment, text),
    findReply: (conn, comment, text, signal) => comments(signal).findReply(conn, comment, text),
    hide: (conn, comment, signal) => comments(signal).hide(conn, comment),
    unhide: (conn, comment, signal) => comments(signal).unhide(conn, comment),
    isHidden: (conn, comment, signal) => comments(signal).isHidden(conn, comment),
    deleteComment: (conn, comment, signal) => comments(signal).deleteComment(conn, comment),
  };
}

export const instagramAdapter = createInstagramAdapter();
