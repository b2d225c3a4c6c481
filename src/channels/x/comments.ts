// Replies and mentions on X: GET /2/users/:id/mentions since the last post id read (replies to the practice's
// posts mention it too), with conversation_id and the author's username, up to 3 pages of 100 a poll. A post is
// placed under the practice's post it answers (its conversation's root, or the post it replies to). X's rate
// limit is respected: a 429 is a retry after x-rate-limit-reset, and when a read leaves x-rate-limit-remaining
// at 0 the cursor remembers the reset time, so the next polls ask nothing until then. An answer is POST /2/tweets
// with reply.in_reply_to_tweet_id; after a lost answer the account's latest posts are searched for a reply to
// that post with that text. Hiding is PUT /2/tweets/:id/hidden (only in conversations the practice started);
// X gives no way to read whether a reply is hidden, and hiding again is harmless. No deleting of other
// people's posts, and blocking and reporting are not in the API safepost may use.
import type { TweetV2, TwitterApi } from "twitter-api-v2";
import type {
  ChannelConnection,
  CommentPage,
  CommentQuery,
  CommentRef,
  IncomingComment,
  PublishedRef,
} from "../adapter";

const PAGE = 100;
const MAX_PAGES = 3;
/** How many of the account's latest posts are read after a lost answer. */
const RECENT = 10;

/** The cursor kept between polls: the newest post id read, and when X lets us read again (epoch seconds). */
interface XCursor {
  since: string | null;
  waitUntil?: number;
}

function readCursor(cursor: string | null): XCursor {
  if (!cursor) return { since: null };
  try {
    const c = JSON.parse(cursor) as XCursor;
    return {
      since: typeof c.since === "string" ? c.since : null,
      ...(c.waitUntil ? { waitUntil: c.waitUntil } : {}),
    };
  } catch {
    return { since: null };
  }
}

const newer = (a: string, b: string) => (a.length !== b.length ? a.length > b.length : a > b);
const webUrl = (username: string | undefined, id: string) =>
  username ? `https://x.com/${username}/status/${id}` : `https://x.com/i/status/${id}`;

export type XCall = <T>(
  fn: (x: TwitterApi) => Promise<T>,
  phase: "prepare" | "create",
  text?: string,
) => Promise<T>;

/** `plain` gives a post's text as written (X's t.co links expanded); `now` is the clock in ms. */
export function xComments(call: XCall, plain: (t: TweetV2) => string, now: () => number = Date.now) {
  const originalTextOf = plain;
  async function listComments(conn: ChannelConnection, query: CommentQuery): Promise<CommentPage> {
    const cursor = readCursor(query.cursor);
    const seconds = Math.floor(now() / 1000);
    // X said no reads until its window resets: ask nothing before then.
    if (cursor.waitUntil && cursor.waitUntil > seconds) return { comments: [], cursor: query.cursor };
    const posts = new Set(query.posts.map((p) => p.platformId));
    const { tweets, users, remaining, reset } = await call(async (x) => {
      const page = await x.v2.userMentionTimeline(conn.accountId, {
        max_results: PAGE,
        ...(cursor.since ? { since_id: cursor.since } : {}),
        "tweet.fields": [
          "conversation_id",
          "created_at",
          "author_id",
          "in_reply_to_user_id",
          "referenced_tweets",
        ],
        expansions: ["author_id"],
        "user.fields": ["username"],
      });
      for (let i = 1; i < MAX_PAGES && !page.done && (page.rateLimit?.remaining ?? 1) > 0; i++)
        await page.fetchNext();
      return {
        tweets: page.tweets,
        users: new Map((page.includes.users ?? []).map((u) => [u.id, u.username])),
        remaining: page.rateLimit?.remaining,
        reset: page.rateLimit?.reset,
      };
    }, "prepare");
    let since = cursor.since;
    const comments: IncomingComment[] = [];
    for (const t of tweets) {
      if (!since || newer(t.id, since)) since = t.id;
      if (t.author_id === conn.accountId) continue;
      comments.push(toComment(t, users.get(t.author_id ?? ""), posts));
    }
    const next: XCursor = { since, ...(remaining === 0 && reset ? { waitUntil: reset } : {}) };
    return { comments, cursor: JSON.stringify(next) };
  }

  function toComment(t: TweetV2, username: string | undefined, posts: ReadonlySet<string>): IncomingComment {
    const repliedTo = t.referenced_tweets?.find((r) => r.type === "replied_to")?.id;
    const under =
      t.conversation_id && posts.has(t.conversation_id)
        ? t.conversation_id
        : repliedTo && posts.has(repliedTo)
          ? repliedTo
          : null;
    return {
      platformId: t.id,
      postPlatformId: under,
      authorHandle: username ? `@${username}` : "An X user",
      authorUrl: username ? `https://x.com/${username}` : null,
      url: webUrl(username, t.id),
      // A reply starts with the @handles it answers, which X shows as "Replying to …", not as its words.
      text: repliedTo ? originalTextOf(t).replace(/^(@\w{1,15}\s+)+/, "") : originalTextOf(t),
      createdAt: new Date(Date.parse(t.created_at ?? "") || now()),
      hidden: false,
      raw: { ...(t as unknown as Record<string, unknown>), ...(username ? { username } : {}) },
    };
  }

  async function reply(_conn: ChannelConnection, comment: CommentRef, text: string): Promise<PublishedRef> {
    const { data } = await call(
      (x) => x.v2.tweet({ text, reply: { in_reply_to_tweet_id: comment.platformId } }),
      "create",
      text,
    );
    return { platformId: data.id, url: webUrl(undefined, data.id) };
  }

  async function findReply(conn: ChannelConnection, comment: CommentRef, text: string) {
    const timeline = await call(
      (x) =>
        x.v2.userTimeline(conn.accountId, {
          max_results: RECENT,
          "tweet.fields": ["created_at", "entities", "referenced_tweets"],
        }),
      "prepare",
      text,
    );
    const match = timeline.tweets.find(
      (t) =>
        t.referenced_tweets?.some((r) => r.type === "replied_to" && r.id === comment.platformId) &&
        originalTextOf(t) === text,
    );
    return match ? { platformId: match.id, url: webUrl(undefined, match.id) } : null;
  }

  const setHidden = async (comment: CommentRef, hidden: boolean) => {
    await call((x) => x.v2.hideReply(comment.platformId, hidden), "prepare");
  };

  return {
    listComments,
    reply,
    findReply,
    hide: (_conn: ChannelConnection, c: CommentRef) => setHidden(c, true),
    unhide: (_conn: ChannelConnection, c: CommentRef) => setHidden(c, false),
  };
}
