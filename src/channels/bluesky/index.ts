// Bluesky through @atproto/api: a session from the account's handle and app password, images uploaded as blobs with their alt text, links and mentions as facets found by
// RichText, and the post written with createRecord. Bluesky takes no idempotency key, so after a lost answer
// the account's own recent posts are searched for the exact text.
import { RichText, type AppBskyFeedPost } from "@atproto/api";
import {
  type ChannelAdapter,
  type ChannelConnection,
  type OutgoingPost,
  type PublishedRef,
} from "../adapter";
import { withTimeout } from "../errors";
import {
  listComments,
  reply,
  findReply,
  hide,
  unhide,
  isHidden,
  blockAuthor,
  reportComment,
} from "./comments";
import { secretsOf, signIn, toChannelError, webUrl, type AtpAgent } from "./session";

const POST = "app.bsky.feed.post";
/** How many of the account's latest posts are searched after a lost answer. */
const RECENT = 50;

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
    readComments: true,
    reply: true,
    hide: true,
    delete: true,
    deleteComment: false,
    block: true,
    report: true,
  },
  publish,
  findPublished,
  delete: remove,
  refresh,
  listComments,
  reply,
  findReply,
  hide,
  unhide,
  isHidden,
  blockAuthor,
  reportComment,
};
