// Comments on Bluesky: replies to the practice's posts and mentions of the practice, read from the account's
// notifications (app.bsky.notification.listNotifications, which the PDS answers through its AppView); answers
// written as reply posts in the practice's own repository; hiding through the thread's threadgate record
// (hiddenReplies), which Bluesky allows only in threads rooted on the practice's own posts; blocking an author
// with an app.bsky.graph.block record and reporting a comment to the moderation service through the PDS.
import { AtUri, RichText, XRPCError, type AppBskyFeedPost } from "@atproto/api";
import {
  ChannelError,
  type ChannelConnection,
  type CommentPage,
  type CommentQuery,
  type CommentRef,
  type CommentReport,
  type IncomingComment,
  type PublishedRef,
} from "../adapter";
import { withTimeout } from "../errors";
import { secretsOf, signIn, toChannelError, webUrl, type AtpAgent } from "./session";

const POST = "app.bsky.feed.post";
const THREADGATE = "app.bsky.feed.threadgate";
/** Bluesky's limit on hidden replies in one thread (the threadgate lexicon). */
export const MAX_HIDDEN = 300;
/** Pages of notifications read in one poll at most (50 each). */
const MAX_PAGES = 10;
/** How many of the practice's latest posts are searched for an answer after a lost answer. */
const RECENT = 50;

interface StrongRef {
  uri: string;
  cid: string;
}
interface RawNotification {
  uri: string;
  cid: string;
  reason: string;
  indexedAt: string;
  author: { did: string; handle: string };
  record: { text?: string; createdAt?: string; reply?: { root: StrongRef; parent: StrongRef } };
}

const didOf = (uri: string): string => new AtUri(uri).host;

function toComment(n: RawNotification, practiceDid: string): IncomingComment {
  const root = n.record.reply?.root?.uri;
  const created = Date.parse(n.record.createdAt ?? "");
  return {
    platformId: n.uri,
    postPlatformId: root && didOf(root) === practiceDid ? root : null,
    authorHandle: `@${n.author.handle}`,
    authorUrl: `https://bsky.app/profile/${n.author.handle}`,
    url: webUrl(n.uri),
    text: typeof n.record.text === "string" ? n.record.text : "",
    createdAt: new Date(Number.isNaN(created) ? Date.parse(n.indexedAt) : created),
    hidden: false,
    raw: {
      uri: n.uri,
      cid: n.cid,
      reason: n.reason,
      indexedAt: n.indexedAt,
      author: { did: n.author.did, handle: n.author.handle },
      record: n.record,
    },
  };
}

/**
 * Replies and mentions newer than the cursor (the newest `indexedAt` the previous poll saw), newest pages first.
 * Equal times are read again: the inbox stores each comment once by its URI.
 */
export async function listComments(
  conn: ChannelConnection,
  query: CommentQuery,
  callerSignal?: AbortSignal,
): Promise<CommentPage> {
  const signal = withTimeout(callerSignal);
  try {
    const agent = await signIn(conn, signal);
    const did = agent.session!.did;
    const out: IncomingComment[] = [];
    let newest = query.cursor;
    let page: string | undefined;
    for (let i = 0; i < MAX_PAGES; i++) {
      const { data } = await agent.app.bsky.notification.listNotifications(
        { reasons: ["reply", "mention"], limit: 50, ...(page ? { cursor: page } : {}) },
        { signal },
      );
      let older = false;
      for (const n of data.notifications as unknown as RawNotification[]) {
        if (query.cursor && n.indexedAt < query.cursor) {
          older = true;
          continue;
        }
        if ((n.reason !== "reply" && n.reason !== "mention") || n.author.did === did) continue;
        if (!newest || n.indexedAt > newest) newest = n.indexedAt;
        out.push(toComment(n, did));
      }
      if (older || !data.cursor || !data.notifications.length) break;
      page = data.cursor;
    }
    return { comments: out, cursor: newest };
  } catch (err) {
    throw toChannelError(err, "prepare", { secrets: secretsOf(conn) });
  }
}

function refsOf(comment: CommentRef): { parent: StrongRef; root: StrongRef } {
  const raw = comment.raw as Partial<RawNotification>;
  if (typeof raw.uri !== "string" || typeof raw.cid !== "string")
    throw new ChannelError(
      "rejected",
      "safepost does not have Bluesky's record of this comment to answer it.",
    );
  const parent = { uri: raw.uri, cid: raw.cid };
  return { parent, root: raw.record?.reply?.root ?? parent };
}

/** Answers a comment with a reply post in the practice's repository, in the comment's thread. */
export async function reply(
  conn: ChannelConnection,
  comment: CommentRef,
  text: string,
  callerSignal?: AbortSignal,
): Promise<PublishedRef> {
  const signal = withTimeout(callerSignal);
  const redact = { text, secrets: secretsOf(conn) };
  const refs = refsOf(comment);
  let agent: AtpAgent;
  const record: AppBskyFeedPost.Record = {
    $type: POST,
    text,
    createdAt: new Date().toISOString(),
    langs: ["en-GB"],
    reply: refs,
  };
  try {
    agent = await signIn(conn, signal);
    const rt = new RichText({ text });
    await rt.detectFacets(agent);
    record.text = rt.text;
    if (rt.facets?.length) record.facets = rt.facets;
  } catch (err) {
    throw toChannelError(err, "prepare", redact);
  }
  try {
    const { data } = await agent.com.atproto.repo.createRecord(
      { repo: agent.session!.did, collection: POST, record },
      { signal },
    );
    return { platformId: data.uri, url: webUrl(data.uri) };
  } catch (err) {
    throw toChannelError(err, "create", redact);
  }
}

/** After a lost answer: the practice's reply to this comment with exactly this text, among its latest posts. */
export async function findReply(
  conn: ChannelConnection,
  comment: CommentRef,
  text: string,
  callerSignal?: AbortSignal,
): Promise<PublishedRef | null> {
  const signal = withTimeout(callerSignal);
  try {
    const agent = await signIn(conn, signal);
    const { data } = await agent.com.atproto.repo.listRecords(
      { repo: agent.session!.did, collection: POST, limit: RECENT },
      { signal },
    );
    const match = data.records.find((r) => {
      const v = r.value as { text?: unknown; reply?: { parent?: { uri?: unknown } } };
      return v.text === text && v.reply?.parent?.uri === comment.platformId;
    });
    return match ? { platformId: match.uri, url: webUrl(match.uri) } : null;
  } catch (err) {
    throw toChannelError(err, "prepare", { text, secrets: secretsOf(conn) });
  }
}

interface Gate {
  uri: AtUri;
  cid: string | null;
  hidden: string[];
  value: Record<string, unknown> | null;
}

/** The threadgate of the thread the comment sits in; refused when the thread is not the practice's own. */
async function gateOf(agent: AtpAgent, comment: CommentRef, signal: AbortSignal): Promise<Gate> {
  const root = new AtUri(refsOf(comment).root.uri);
  if (root.host !== agent.session!.did || root.toString() === comment.platformId)
    throw new ChannelError(
      "rejected",
      "Bluesky lets the practice hide replies only under its own posts. This one is elsewhere: report it on Bluesky instead.",
    );
  const uri = AtUri.make(root.host, THREADGATE, root.rkey);
  try {
    const { data } = await agent.com.atproto.repo.getRecord(
      { repo: root.host, collection: THREADGATE, rkey: root.rkey },
      { signal },
    );
    const value = data.value as Record<string, unknown>;
    const hidden = Array.isArray(value.hiddenReplies) ? (value.hiddenReplies as string[]) : [];
    return { uri, cid: data.cid ?? null, hidden, value };
  } catch (err) {
    if (err instanceof XRPCError && /could not locate record/i.test(err.message))
      return { uri, cid: null, hidden: [], value: null };
    throw err;
  }
}

/** Writes the thread's threadgate with the comment hidden or not, swapping on the version read (safe to repeat). */
async function setHidden(
  conn: ChannelConnection,
  comment: CommentRef,
  hidden: boolean,
  callerSignal?: AbortSignal,
) {
  const signal = withTimeout(callerSignal);
  const redact = { secrets: secretsOf(conn) };
  let agent: AtpAgent;
  try {
    agent = await signIn(conn, signal);
  } catch (err) {
    throw toChannelError(err, "prepare", redact);
  }
  // Two moderators at once: the second write fails its swap, reads the gate again and tries once more.
  for (let attempt = 0; ; attempt++) {
    let gate: Gate;
    try {
      gate = await gateOf(agent, comment, signal);
    } catch (err) {
      throw toChannelError(err, "prepare", redact);
    }
    const has = gate.hidden.includes(comment.platformId);
    if (has === hidden) return;
    const list = hidden
      ? [...gate.hidden, comment.platformId]
      : gate.hidden.filter((u) => u !== comment.platformId);
    if (list.length > MAX_HIDDEN)
      throw new ChannelError(
        "rejected",
        `Bluesky hides at most ${MAX_HIDDEN} replies in one thread, and this thread has reached that. Report the reply on Bluesky instead.`,
      );
    // No `allow` rule: everyone may still reply, as before the gate existed.
    const record = {
      ...(gate.value ?? {}),
      $type: THREADGATE,
      post: AtUri.make(gate.uri.host, POST, gate.uri.rkey).toString(),
      createdAt: (gate.value?.createdAt as string | undefined) ?? new Date().toISOString(),
      hiddenReplies: list,
    };
    try {
      await agent.com.atproto.repo.putRecord(
        {
          repo: gate.uri.host,
          collection: THREADGATE,
          rkey: gate.uri.rkey,
          record,
          swapRecord: gate.cid,
        },
        { signal },
      );
      return;
    } catch (err) {
      if (attempt === 0 && err instanceof XRPCError && err.error === "InvalidSwap") continue;
      throw toChannelError(err, "create", redact);
    }
  }
}

export const hide = (conn: ChannelConnection, comment: CommentRef, signal?: AbortSignal) =>
  setHidden(conn, comment, true, signal);
export const unhide = (conn: ChannelConnection, comment: CommentRef, signal?: AbortSignal) =>
  setHidden(conn, comment, false, signal);

/** Whether the thread's threadgate hides the comment now. */
export async function isHidden(conn: ChannelConnection, comment: CommentRef, callerSignal?: AbortSignal) {
  const signal = withTimeout(callerSignal);
  try {
    const agent = await signIn(conn, signal);
    return (await gateOf(agent, comment, signal)).hidden.includes(comment.platformId);
  } catch (err) {
    throw toChannelError(err, "prepare", { secrets: secretsOf(conn) });
  }
}

const BLOCK = "app.bsky.graph.block";
/** Pages of the practice's own block records searched before blocking (100 each), so a block is not made twice. */
const BLOCK_PAGES = 20;
/** The report's note: com.atproto.moderation.createReport takes at most 2,000 graphemes. */
export const REPORT_NOTE_MAX = 2000;

/** The author's DID: kept in the notification's record, else the host of the comment's at:// URI. */
function authorDidOf(comment: CommentRef): string {
  const raw = comment.raw as Partial<RawNotification>;
  const did = typeof raw.author?.did === "string" ? raw.author.did : didOf(comment.platformId);
  if (!did.startsWith("did:"))
    throw new ChannelError(
      "rejected",
      "safepost did not keep which Bluesky account wrote this comment, so it cannot block them. Do it on Bluesky yourself.",
    );
  return did;
}

/**
 * Blocks the comment's author: an app.bsky.graph.block record in the practice's repository naming their DID,
 * which Bluesky's AppView honours everywhere (neither sees the other's posts or can reply). An existing block
 * of the same account is left as it is, so blocking again writes nothing.
 */
export async function blockAuthor(
  conn: ChannelConnection,
  comment: CommentRef,
  callerSignal?: AbortSignal,
): Promise<void> {
  const signal = withTimeout(callerSignal);
  const redact = { secrets: secretsOf(conn) };
  const subject = authorDidOf(comment);
  let agent: AtpAgent;
  try {
    agent = await signIn(conn, signal);
    const repo = agent.session!.did;
    if (subject === repo)
      throw new ChannelError("rejected", "This comment is the practice's own: it cannot block itself.");
    let cursor: string | undefined;
    for (let i = 0; i < BLOCK_PAGES; i++) {
      const { data } = await agent.com.atproto.repo.listRecords(
        { repo, collection: BLOCK, limit: 100, ...(cursor ? { cursor } : {}) },
        { signal },
      );
      if (data.records.some((r) => (r.value as { subject?: unknown }).subject === subject)) return;
      if (!data.cursor || !data.records.length) break;
      cursor = data.cursor;
    }
  } catch (err) {
    throw toChannelError(err, "prepare", redact);
  }
  try {
    await agent.com.atproto.repo.createRecord(
      {
        repo: agent.session!.did,
        collection: BLOCK,
        record: { $type: BLOCK, subject, createdAt: new Date().toISOString() },
      },
      { signal },
    );
  } catch (err) {
    throw toChannelError(err, "create", redact);
  }
}

/** Our reason codes as the report categories of com.atproto.moderation.defs. */
const REASON_TYPES: Record<CommentReport["reason"], string> = {
  spam: "com.atproto.moderation.defs#reasonSpam",
  abuse: "com.atproto.moderation.defs#reasonRude",
  "names-staff": "com.atproto.moderation.defs#reasonRude",
  threat: "com.atproto.moderation.defs#reasonViolation",
  defamation: "com.atproto.moderation.defs#reasonOther",
  "medical-details": "com.atproto.moderation.defs#reasonOther",
  other: "com.atproto.moderation.defs#reasonOther",
};

/**
 * Reports the comment (the post record itself, by URI and CID) with com.atproto.moderation.createReport. The
 * practice's own PDS passes it on, signed as the practice, to the moderation service it is configured with
 * (Bluesky's own for accounts on bsky.social). The note is ours, cut to the lexicon's 2,000 characters.
 */
export async function reportComment(
  conn: ChannelConnection,
  comment: CommentRef,
  report: CommentReport,
  callerSignal?: AbortSignal,
): Promise<void> {
  const signal = withTimeout(callerSignal);
  const { parent } = refsOf(comment);
  try {
    const agent = await signIn(conn, signal);
    await agent.com.atproto.moderation.createReport(
      {
        reasonType: REASON_TYPES[report.reason],
        reason: [...report.note].slice(0, REPORT_NOTE_MAX).join(""),
        subject: { $type: "com.atproto.repo.strongRef", uri: parent.uri, cid: parent.cid },
      },
      { signal },
    );
  } catch (err) {
    throw toChannelError(err, "prepare", { secrets: secretsOf(conn) });
  }
}
