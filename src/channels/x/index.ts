// X through twitter-api-v2 with the account's OAuth 2.0 user token: each image uploaded in chunks
// (/2/media/upload), its alt text set with /2/media/metadata, then POST /2/tweets. X takes no idempotency key;
// after a lost answer the account's latest posts are read (X charges per post read, so only a few) and
// compared with the text sent, with X's t.co links expanded back to the links they stand for.
import { Agent } from "node:http";
import { ApiResponseError, TwitterApi, type ITwitterApiClientPlugin } from "twitter-api-v2";
import {
  ChannelError,
  type ChannelAdapter,
  type ChannelConnection,
  type OutgoingPost,
  type PublishedRef,
} from "../adapter";
import { errorFromAnswer, errorFromNetwork, withTimeout, type CallPhase, type Redaction } from "../errors";
import { xComments, type XCall } from "./comments";

const PLATFORM = "X";
const PUBLIC_API = "https://api.x.com";
/** How many of the account's latest posts are read after a lost answer (each one read is charged). */
const RECENT = 10;

/** Points the library (which knows only api.x.com) at the connection's apiBase and gives it our signal. */
function routing(apiBase: string, signal: AbortSignal): ITwitterApiClientPlugin {
  const base = new URL(apiBase);
  return {
    onBeforeRequest({ computedParams, requestOptions }) {
      requestOptions.signal = signal;
      if (base.origin === PUBLIC_API) return;
      const url = new URL(computedParams.url.href);
      url.protocol = base.protocol;
      url.host = base.host;
      computedParams.url = url;
    },
  };
}

function client(conn: ChannelConnection, signal: AbortSignal): TwitterApi {
  const token = conn.credentials.accessToken;
  if (!token) throw errorFromAnswer(PLATFORM, { status: 401 }, "prepare");
  const plain = conn.apiBase.startsWith("http:");
  return new TwitterApi(token, {
    plugins: [routing(conn.apiBase, signal)],
    // The library sends every request over HTTPS; a plain-HTTP apiBase (a local server) needs an HTTP agent.
    ...(plain ? { httpAgent: new Agent() } : {}),
  });
}

function toChannelError(err: unknown, phase: CallPhase, redact: Redaction): ChannelError {
  if (err instanceof ChannelError) return err;
  if (err instanceof ApiResponseError) {
    const data = (err.data ?? {}) as { detail?: string; type?: string; errors?: { message?: string }[] };
    const reset = err.rateLimit?.reset;
    const header = err.headers["retry-after"];
    const retryAfter =
      (Array.isArray(header) ? header[0] : header) ??
      (reset ? String(Math.max(1, reset - Math.floor(Date.now() / 1000))) : null);
    const reason = [data.detail, ...(data.errors ?? []).map((e) => e.message)].filter(Boolean).join(" ");
    return errorFromAnswer(
      PLATFORM,
      {
        status: err.code,
        retryAfter,
        reason: reason || undefined,
        auth: /unsupported-authentication|client-forbidden/.test(data.type ?? ""),
      },
      phase,
      redact,
    );
  }
  return errorFromNetwork(PLATFORM, phase); // ApiRequestError, ApiPartialResponseError, an abort
}

const webUrl = (id: string) => `https://x.com/i/status/${id}`;

async function publish(
  conn: ChannelConnection,
  post: OutgoingPost,
  callerSignal?: AbortSignal,
): Promise<PublishedRef> {
  const signal = withTimeout(callerSignal);
  const redact = { text: post.text, secrets: Object.values(conn.credentials) };
  let x: TwitterApi;
  const mediaIds: string[] = [];
  try {
    x = client(conn, signal);
    for (const image of post.images) {
      const id = await x.v2.uploadMedia(Buffer.from(image.bytes), { media_type: image.mimeType });
      await x.v2.createMediaMetadata(id, { alt_text: { text: image.altText } });
      mediaIds.push(id);
    }
  } catch (err) {
    throw toChannelError(err, "prepare", redact);
  }
  try {
    const media = mediaIds.length
      ? { media: { media_ids: mediaIds as [string] | [string, string] | [string, string, string] } }
      : {};
    const { data } = await x.v2.tweet({ text: post.text, ...media });
    return { platformId: data.id, url: webUrl(data.id) };
  } catch (err) {
    throw toChannelError(err, "create", redact);
  }
}

/** The parts of a post X returns that give back its text (TweetV2 has these, and more). */
export interface TweetText {
  text: string;
  entities?: {
    urls?: { start: number; end: number; expanded_url: string; media_key?: string }[];
  };
}

/** The text as it was sent: t.co links expanded, the trailing link to attached media removed, entities undone. */
export function originalText(tweet: TweetText): string {
  const chars = [...tweet.text];
  const urls = [...(tweet.entities?.urls ?? [])].sort((a, b) => b.start - a.start);
  for (const u of urls) {
    const isMedia = Boolean(u.media_key);
    const start = isMedia && chars[u.start - 1] === " " ? u.start - 1 : u.start;
    chars.splice(start, u.end - start, ...(isMedia ? [] : [...u.expanded_url]));
  }
  return chars.join("").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

async function findPublished(
  conn: ChannelConnection,
  post: OutgoingPost,
  callerSignal?: AbortSignal,
): Promise<PublishedRef | null> {
  const signal = withTimeout(callerSignal);
  try {
    const timeline = await client(conn, signal).v2.userTimeline(conn.accountId, {
      max_results: RECENT,
      exclude: ["replies", "retweets"],
      "tweet.fields": ["created_at", "entities"],
    });
    const match = timeline.tweets.find((t) => originalText(t) === post.text);
    return match ? { platformId: match.id, url: webUrl(match.id) } : null;
  } catch (err) {
    throw toChannelError(err, "prepare", { text: post.text, secrets: Object.values(conn.credentials) });
  }
}

async function remove(conn: ChannelConnection, ref: PublishedRef, callerSignal?: AbortSignal) {
  try {
    await client(conn, withTimeout(callerSignal)).v2.deleteTweet(ref.platformId);
  } catch (err) {
    throw toChannelError(err, "prepare", { secrets: Object.values(conn.credentials) });
  }
}

/** Comment calls share the publishing calls' client, time limit and error mapping. */
function comments(conn: ChannelConnection, callerSignal?: AbortSignal) {
  const signal = withTimeout(callerSignal);
  const call: XCall = async (fn, phase, text) => {
    try {
      return await fn(client(conn, signal));
    } catch (err) {
      throw toChannelError(err, phase, { text, secrets: Object.values(conn.credentials) });
    }
  };
  return xComments(call, originalText);
}

export const xAdapter: ChannelAdapter = {
  kind: "x",
  capabilities: {
    publishText: true,
    maxImages: 4,
    requiresImage: false,
    link: true,
    idempotencyKey: false,
    findPublished: true,
    readComments: true,
    reply: true,
    // Hidden replies, in conversations the practice started.
    hide: true,
    delete: true,
    deleteComment: false,
    block: false,
    report: false,
  },
  publish,
  findPublished,
  delete: remove,
  listComments: (conn, query, signal) => comments(conn, signal).listComments(conn, query),
  reply: (conn, comment, text, signal) => comments(conn, signal).reply(conn, comment, text),
  findReply: (conn, comment, text, signal) => comments(conn, signal).findReply(conn, comment, text),
  hide: (conn, comment, signal) => comments(conn, signal).hide(conn, comment),
  unhide: (conn, comment, signal) => comments(conn, signal).unhide(conn, comment),
};
