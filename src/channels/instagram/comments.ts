// Comments on an Instagram professional account's media through the Instagram Graph API (Facebook Login, the
// Page token as a bearer header): GET /{ig-media-id}/comments with each comment's replies for the practice's
// recent posts (paged by Graph's `after` cursor), POST /{ig-comment-id}/replies to answer (Instagram puts an
// answer to a reply under the top comment, and refuses to answer a hidden comment), POST /{ig-comment-id} with
// hide=true|false, GET /{ig-comment-id}?fields=hidden to check, DELETE /{ig-comment-id} (the account may delete
// comments on its own media). Instagram has no blocking or reporting through the API.
import type {
  ChannelConnection,
  CommentPage,
  CommentQuery,
  CommentRef,
  IncomingComment,
  PublishedRef,
} from "../adapter";
import { ChannelError } from "../adapter";
import type { Redaction } from "../errors";

export type IgCall = (
  conn: ChannelConnection,
  method: "GET" | "POST" | "DELETE",
  path: string,
  phase: "prepare" | "create",
  redact: Redaction,
  body?: URLSearchParams,
) => Promise<Record<string, unknown>>;

const COMMENT_FIELDS = "id,text,timestamp,username,from{id,username},hidden,parent_id";
const FIELDS = `${COMMENT_FIELDS},replies{${COMMENT_FIELDS}}`;
/** Comments read in one page (Graph's page size is at most 100) and pages read per post in one poll. */
const PAGE = 50;
const MAX_PAGES = 4;

export interface IgComment {
  id: string;
  text?: string;
  timestamp?: string;
  username?: string;
  from?: { id?: string; username?: string };
  hidden?: boolean;
  parent_id?: string;
  replies?: { data?: IgComment[] };
}

const profileUrl = (username: string | undefined) =>
  username ? `https://www.instagram.com/${encodeURIComponent(username)}/` : null;

function toComment(c: IgComment, post: PublishedRef): IncomingComment {
  const username = c.from?.username ?? c.username;
  const { replies: _replies, ...own } = c;
  return {
    platformId: c.id,
    postPlatformId: post.platformId,
    authorHandle: username ? `@${username}` : "An Instagram user",
    authorUrl: profileUrl(username),
    // Instagram gives a comment no address of its own: the post's stands in.
    url: post.url || null,
    text: c.text ?? "",
    createdAt: new Date(Date.parse(c.timestamp ?? "") || Date.now()),
    hidden: c.hidden === true,
    raw: { ...own, media_id: post.platformId, ...(post.url ? { post_url: post.url } : {}) },
  };
}

/** Where an answer can be read: the post's address (Instagram gives comments none of their own). */
const postUrl = (comment: CommentRef) =>
  typeof comment.raw.post_url === "string" ? comment.raw.post_url : "https://www.instagram.com/";

const secrets = (conn: ChannelConnection) => ({ secrets: Object.values(conn.credentials) });
const idPath = (id: string) => `/${encodeURIComponent(id)}`;

/** Graph's "object does not exist" (code 100, subcode 33): a comment deleted already. */
const gone = (err: unknown) =>
  err instanceof ChannelError &&
  err.kind === "rejected" &&
  /does not exist|cannot be loaded/i.test(err.details.platformReason ?? "");

export function instagramComments(graph: IgCall) {
  async function commentsOn(conn: ChannelConnection, post: PublishedRef): Promise<IgComment[]> {
    const out: IgComment[] = [];
    let after: string | null = null;
    for (let i = 0; i < MAX_PAGES; i++) {
      const q = new URLSearchParams({ fields: FIELDS, limit: String(PAGE) });
      if (after) q.set("after", after);
      const answer = await graph(
        conn,
        "GET",
        `${idPath(post.platformId)}/comments?${q}`,
        "prepare",
        secrets(conn),
      );
      const data = Array.isArray(answer.data) ? (answer.data as IgComment[]) : [];
      out.push(...data);
      const paging = answer.paging as { next?: string; cursors?: { after?: string } } | undefined;
      after = paging?.next && paging.cursors?.after ? paging.cursors.after : null;
      if (!after) break;
    }
    return out;
  }

  /** Comments and replies on the given posts newer than the cursor (an ISO time), the account's own left out. */
  async function listComments(conn: ChannelConnection, query: CommentQuery): Promise<CommentPage> {
    const since = query.cursor ? Date.parse(query.cursor) : 0;
    let newest = query.cursor;
    const out: IncomingComment[] = [];
    for (const post of query.posts) {
      for (const top of await commentsOn(conn, post)) {
        for (const c of [top, ...(top.replies?.data ?? [])]) {
          if (typeof c.id !== "string" || c.from?.id === conn.accountId) continue;
          const at = Date.parse(c.timestamp ?? "");
          if (since && at < since) continue;
          const iso = new Date(at).toISOString();
          if (!newest || iso > newest) newest = iso;
          out.push(toComment(c, post));
        }
      }
    }
    return { comments: out, cursor: newest };
  }

  async function reply(conn: ChannelConnection, comment: CommentRef, text: string): Promise<PublishedRef> {
    const answer = await graph(
      conn,
      "POST",
      `${idPath(comment.platformId)}/replies`,
      "create",
      { text, ...secrets(conn) },
      new URLSearchParams({ message: text }),
    );
    const id = typeof answer.id === "string" ? answer.id : "";
    return { platformId: id, url: postUrl(comment) };
  }

  /** The top comment an answer lands under (Instagram puts answers to a reply under its top comment). */
  const threadOf = (comment: CommentRef) =>
    typeof comment.raw.parent_id === "string" && comment.raw.parent_id
      ? comment.raw.parent_id
      : comment.platformId;

  async function findReply(conn: ChannelConnection, comment: CommentRef, text: string) {
    const q = new URLSearchParams({ fields: COMMENT_FIELDS });
    const answer = await graph(conn, "GET", `${idPath(threadOf(comment))}/replies?${q}`, "prepare", {
      text,
      ...secrets(conn),
    });
    const data = Array.isArray(answer.data) ? (answer.data as IgComment[]) : [];
    const match = data.find((c) => c.from?.id === conn.accountId && c.text === text);
    return match ? { platformId: match.id, url: postUrl(comment) } : null;
  }

  const setHidden = async (conn: ChannelConnection, comment: CommentRef, hidden: boolean) => {
    await graph(
      conn,
      "POST",
      idPath(comment.platformId),
      "create",
      secrets(conn),
      new URLSearchParams({ hide: String(hidden) }),
    );
  };

  async function isHidden(conn: ChannelConnection, comment: CommentRef): Promise<boolean> {
    const answer = await graph(
      conn,
      "GET",
      `${idPath(comment.platformId)}?fields=hidden`,
      "prepare",
      secrets(conn),
    );
    return answer.hidden === true;
  }

  async function deleteComment(conn: ChannelConnection, comment: CommentRef): Promise<void> {
    try {
      await graph(conn, "DELETE", idPath(comment.platformId), "prepare", secrets(conn));
    } catch (err) {
      if (!gone(err)) throw err;
    }
  }

  return {
    listComments,
    reply,
    findReply,
    hide: (conn: ChannelConnection, c: CommentRef) => setHidden(conn, c, true),
    unhide: (conn: ChannelConnection, c: CommentRef) => setHidden(conn, c, false),
    isHidden,
    deleteComment,
  };
}
