// Bluesky through @atproto/api: a session from the account's handle and app password, images uploaded as blobs with their alt text, links and mentions as facets found by
// RichText, and the post written with createRecord. Bluesky takes no idempotency key, so after a lost answer
// the account's own recent posts are searched for the exact text.
import { AtpAgent, RichText, XRPCError, type AppBskyFeedPost } from "@atproto/api";
import {
  ChannelError,
  type ChannelAdapter,
  type ChannelConnection,
  type OutgoingPost,
  type PublishedRef,
} from "../adapter";
import { errorFromAnswer, errorFromNetwork, withTimeout, type CallPhase, type Redaction } from "../errors";

const PLATFORM = "Bluesky";
const POST = "app.bsky.feed.post";
/** How many of the account's latest posts are searched after a lost answer. */
const RECENT = 50;

/** Error names the PDS uses for a session or password it no longer accepts. */
const AUTH_ERRORS = new Set([
  "AuthenticationRequired",
  "ExpiredToken",
  "InvalidToken",
  "AccountTakedown",
  "AccountDeactivated",
]);

function secretsOf(conn: ChannelConnection): string[] {
  return Object.entries(conn.credentials)
    .filter(([k]) => k !== "identifier")
    .map(([, v]) => v);
}

/** Maps anything @atproto/api throws to a ChannelError. */
function toChannelError(err: unknown, phase: CallPhase, redact: Redaction): ChannelError {
  if (err instanceof ChannelError) return err;
  if (err instanceof XRPCError && err.status >= 100) {
    const retryAfter = header(err, "retry-after") ?? resetToRetryAfter(header(err, "ratelimit-reset"));
    return errorFromAnswer(
      PLATFORM,
      {
        status: err.status,
        retryAfter,
        reason: `${err.error}: ${err.message}`,
        auth: AUTH_ERRORS.has(err.error),
        rateLimited: err.error === "RateLimitExceeded",
      },
      phase,
      redact,
    );
  }
  return errorFromNetwork(PLATFORM, phase);
}

function header(err: XRPCError, name: string): string | undefined {
  const headers = err.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Bluesky gives the end of a rate-limit window as a Unix time in seconds. */
function resetToRetryAfter(reset: string | undefined): string | null {
  if (!reset || !/^\d+$/.test(reset)) return null;
  return String(Math.max(1, Number(reset) - Math.floor(Date.now() / 1000)));
}

/**
 * An agent signed in as the connection's account with its app password (createSession). The session lives
 * only for this call: a kept session would rotate its refresh token on every use, and a publish has no way to
 * hand the new one back, so the app password is the one credential kept (encrypted) for Bluesky.
 */
async function signIn(conn: ChannelConnection, signal: AbortSignal): Promise<AtpAgent> {
  const fetchWithSignal: typeof fetch = (input, init) =>
    fetch(input, { ...init, signal: init?.signal ?? signal });
  const agent = new AtpAgent({ service: conn.apiBase, fetch: fetchWithSignal });
  const { identifier, appPassword } = conn.credentials;
  if (!identifier || !appPassword) {
    throw errorFromAnswer(PLATFORM, { status: 401, auth: true }, "prepare");
  }
  await agent.login({ identifier, password: appPassword });
  return agent;
}

/**
 * The account an app password opens, for connecting a channel: its DID (the channel's account id, which stays
 * when the handle changes) and its handle. A password the server refuses is a ChannelError of kind "reconnect".
 */
export async function blueskyAccount(
  service: string,
  identifier: string,
  appPassword: string,
  callerSignal?: AbortSignal,
): Promise<{ did: string; handle: string }> {
  const conn: ChannelConnection = {
    kind: "bluesky",
    apiBase: service,
    accountId: "",
    credentials: { identifier, appPassword },
  };
  try {
    const agent = await signIn(conn, withTimeout(callerSignal));
    return { did: agent.session!.did, handle: agent.session!.handle };
  } catch (err) {
    throw toChannelError(err, "prepare", { secrets: [appPassword] });
  }
}

/** The post's web address on bsky.app, from its at:// URI. */
function webUrl(uri: string): string {
  const [, , did, , rkey] = uri.split("/");
  return `https://bsky.app/profile/${did}/post/${rkey}`;
}

async function publish(
  conn: ChannelConnection,
  post: OutgoingPost,
  callerSignal?: AbortSignal,
): Promise<PublishedRef> {
  const signal = withTimeout(callerSignal);
  const redact = { text: post.text, secrets: secretsOf(conn) };
  let agent: AtpAgent;
  const record: AppBskyFeedPost.Record = {
    $type: POST,
    text: "",
    createdAt: new Date().toISOString(),
    langs: ["en-GB"],
  };
  try {
    agent = await signIn(conn, signal);
    const images = [];
    for (const image of post.images) {
      const { data } = await agent.uploadBlob(image.bytes, { encoding: image.mimeType, signal });
      images.push({ image: data.blob, alt: image.altText });
    }
    const rt = new RichText({ text: post.text });
    await rt.detectFacets(agent); // links and hashtags, and mentions of handles that resolve
    record.text = rt.text;
    if (rt.facets?.length) record.facets = rt.facets;
    if (images.length) record.embed = { $type: "app.bsky.embed.images", images };
  } catch (err) {
    throw toChannelError(err, "prepare", redact);
  }
  try {
    const { data } = await agent.com.atproto.repo.createRecord(
      { repo: agent.session?.did ?? conn.accountId, collection: POST, record },
      { signal },
    );
    return { platformId: data.uri, url: webUrl(data.uri) };
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
  const redact = { text: post.text, secrets: secretsOf(conn) };
  try {
    const agent = await signIn(conn, signal);
    const { data } = await agent.com.atproto.repo.listRecords(
      { repo: agent.session?.did ?? conn.accountId, collection: POST, limit: RECENT },
      { signal },
    );
    const match = data.records.find((r) => (r.value as { text?: unknown }).text === post.text);
    return match ? { platformId: match.uri, url: webUrl(match.uri) } : null;
  } catch (err) {
    throw toChannelError(err, "prepare", redact);
  }
}

async function remove(conn: ChannelConnection, ref: PublishedRef, callerSignal?: AbortSignal): Promise<void> {
  const signal = withTimeout(callerSignal);
  const rkey = ref.platformId.split("/").pop() ?? "";
  try {
    const agent = await signIn(conn, signal);
    await agent.com.atproto.repo.deleteRecord(
      { repo: agent.session?.did ?? conn.accountId, collection: POST, rkey },
      { signal },
    );
  } catch (err) {
    throw toChannelError(err, "prepare", { secrets: secretsOf(conn) });
  }
}

/**
 * Checks that the app password still opens a session (the scheduled refresh job's test of the connection);
 * the credentials do not change, since no session is kept.
 */
async function refresh(conn: ChannelConnection, callerSignal?: AbortSignal): Promise<Record<string, string>> {
  const signal = withTimeout(callerSignal);
  try {
    const agent = await signIn(conn, signal);
    return { ...conn.credentials, identifier: agent.session?.handle ?? conn.credentials.identifier ?? "" };
  } catch (err) {
    throw toChannelError(err, "prepare", { secrets: secretsOf(conn) });
  }
}

export const blueskyAdapter: ChannelAdapter = {
  kind: "bluesky",
  capabilities: {
    publishText: true,
    maxImages: 4,
    requiresImage: false,
    link: true,
    idempotencyKey: false,
    findPublished: true,
    readComments: false,
    reply: false,
    hide: false,
    delete: true,
  },
  publish,
  findPublished,
  delete: remove,
  refresh,
};
