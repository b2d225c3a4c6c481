// Mastodon through masto: images uploaded to /api/v2/media with their alt text as the description (masto
// waits while the server processes them), then the status with the delivery's id as its Idempotency-Key, so a
// request repeated by a retry answers the status already made. A server keeps those keys for about an hour,
// so after a lost answer the account's recent statuses are searched by their source text instead.
import { createRestAPIClient, MastoHttpError, type mastodon } from "masto";
import {
  ChannelError,
  type ChannelAdapter,
  type ChannelConnection,
  type OutgoingPost,
  type PublishedRef,
} from "../adapter";
import { errorFromAnswer, errorFromNetwork, withTimeout, type CallPhase, type Redaction } from "../errors";
import { mastodonComments, type MastoCall } from "./comments";

const PLATFORM = "Mastodon";
/** How many of the account's latest statuses are compared after a lost answer. */
const RECENT = 20;

function client(conn: ChannelConnection, signal: AbortSignal): mastodon.rest.Client {
  const accessToken = conn.credentials.accessToken;
  if (!accessToken) throw errorFromAnswer(PLATFORM, { status: 401 }, "prepare");
  return createRestAPIClient({ url: conn.apiBase, accessToken, requestInit: { signal }, log: "error" });
}

function toChannelError(err: unknown, phase: CallPhase, redact: Redaction): ChannelError {
  if (err instanceof ChannelError) return err;
  if (err instanceof MastoHttpError) {
    const response = err.cause instanceof Response ? err.cause : null;
    const headers = response?.headers;
    return errorFromAnswer(
      PLATFORM,
      {
        status: err.statusCode,
        // Mastodon says when its window resets (an ISO time); a proxy in front may send Retry-After.
        retryAfter: headers?.get("retry-after") ?? headers?.get("x-ratelimit-reset"),
        reason: err.message,
        auth: err.statusCode === 403 && /scope/i.test(err.message),
      },
      phase,
      redact,
    );
  }
  // A timeout, a dropped connection, or an answer masto could not read (an HTML error page).
  return errorFromNetwork(PLATFORM, phase);
}

const ref = (s: mastodon.v1.Status): PublishedRef => ({ platformId: s.id, url: s.url ?? s.uri });

async function publish(
  conn: ChannelConnection,
  post: OutgoingPost,
  callerSignal?: AbortSignal,
): Promise<PublishedRef> {
  const signal = withTimeout(callerSignal);
  const redact = { text: post.text, secrets: Object.values(conn.credentials) };
  let masto: mastodon.rest.Client;
  const mediaIds: string[] = [];
  try {
    masto = client(conn, signal);
    for (const image of post.images) {
      const media = await masto.v2.media.create({
        file: new Blob([new Uint8Array(image.bytes)], { type: image.mimeType }),
        description: image.altText,
      });
      mediaIds.push(media.id);
    }
  } catch (err) {
    throw toChannelError(err, "prepare", redact);
  }
  try {
    const status = await masto.v1.statuses.create(
      { status: post.text, mediaIds, visibility: "public", language: "en" },
      { requestInit: { headers: { "Idempotency-Key": post.deliveryId } } },
    );
    return ref(status);
  } catch (err) {
    throw toChannelError(err, "create", redact);
  }
}

async function findPublished(
  conn: ChannelConnection,
  post: OutgoingPost,
  callerSignal?: AbortSignal,
): Promise<PublishedRef | null> {
  const signal = withTimeout(callerSignal);
  try {
    const masto = client(conn, signal);
    const recent = await masto.v1.accounts
      .$select(conn.accountId)
      .statuses.list({ limit: RECENT, excludeReplies: true, excludeReblogs: true });
    // A status's content is rendered HTML; its source is the text as sent, so compare that.
    for (const status of recent) {
      const source = await masto.v1.statuses.$select(status.id).source.fetch();
      if (source.text === post.text) return ref(status);
    }
    return null;
  } catch (err) {
    throw toChannelError(err, "prepare", { text: post.text, secrets: Object.values(conn.credentials) });
  }
}

async function remove(conn: ChannelConnection, published: PublishedRef, callerSignal?: AbortSignal) {
  try {
    await client(conn, withTimeout(callerSignal)).v1.statuses.$select(published.platformId).remove();
  } catch (err) {
    throw toChannelError(err, "prepare", { secrets: Object.values(conn.credentials) });
  }
}

/** What the instance allows, read from its configuration (the composer counts against maxCharacters). */
export async function mastodonInstanceLimits(
  conn: ChannelConnection,
  callerSignal?: AbortSignal,
): Promise<{ maxCharacters: number; maxImages: number; charactersPerUrl: number }> {
  try {
    const instance = await client(conn, withTimeout(callerSignal)).v2.instance.fetch();
    const { statuses } = instance.configuration;
    return {
      maxCharacters: statuses.maxCharacters,
      maxImages: statuses.maxMediaAttachments,
      charactersPerUrl: statuses.charactersReservedPerUrl,
    };
  } catch (err) {
    throw toChannelError(err, "prepare", { secrets: Object.values(conn.credentials) });
  }
}

/** Comment calls share the publishing calls' client, time limit and error mapping. */
function comments(conn: ChannelConnection, callerSignal?: AbortSignal) {
  const signal = withTimeout(callerSignal);
  const call: MastoCall = async (fn, phase, text) => {
    try {
      return await fn(client(conn, signal));
    } catch (err) {
      throw toChannelError(err, phase, { text, secrets: Object.values(conn.credentials) });
    }
  };
  return mastodonComments(call);
}

export const mastodonAdapter: ChannelAdapter = {
  kind: "mastodon",
  capabilities: {
    publishText: true,
    maxImages: 4,
    requiresImage: false,
    link: true,
    idempotencyKey: true,
    findPublished: true,
    readComments: true,
    reply: true,
    // Mastodon has no hiding of replies, and no deleting of someone else's post: blocking and reporting only.
    hide: false,
    delete: true,
    deleteComment: false,
    block: true,
    report: true,
  },
  publish,
  findPublished,
  delete: remove,
  listComments: (conn, query, signal) => comments(conn, signal).listComments(conn, query),
  reply: (conn, comment, text, signal) => comments(conn, signal).reply(conn, comment, text),
  findReply: (conn, comment, text, signal) => comments(conn, signal).findReply(conn, comment, text),
  blockAuthor: (conn, comment, signal) => comments(conn, signal).blockAuthor(conn, comment),
  reportComment: (conn, comment, report, signal) =>
    comments(conn, signal).reportComment(conn, comment, report),
};
