// Comments on a Facebook Page's posts through the Graph API with the Page token: GET /{post-id}/comments for
// each of the practice's recent posts (newest first, until the cursor's time), POST /{comment-id}/comments to
// answer under a comment, POST /{comment-id} with is_hidden to hide or show it again (a hidden comment stays
// visible to its author and their friends: Facebook's own rule), GET /{comment-id}?fields=is_hidden to check,
// DELETE /{comment-id} to delete a comment on the Page's own post.
import {
  ChannelError,
  type ChannelConnection,
  type CommentPage,
  type CommentQuery,
  type CommentRef,
  type IncomingComment,
  type PublishedRef,
} from "../adapter";
import type { Redaction } from "../errors";

export type GraphCall = (
  conn: ChannelConnection,
  method: "GET" | "POST" | "DELETE",
  path: string,
  phase: "prepare" | "create",
  redact: Redaction,
  body?: URLSearchParams,
) => Promise<Record<string, unknown>>;

const FIELDS = "id,message,created_time,from{id,name},is_hidden,permalink_url,parent{id}";
/** Comments read per post in one poll (Graph's page size is at most 100). */
const PAGE = 100;

interface GraphComment {
  id: string;
  message?: string;
  created_time?: string;
  from?: { id?: string; name?: string };
  is_hidden?: boolean;
  permalink_url?: string;
  parent?: { id?: string };
}

function toComment(c: GraphComment, postId: string): IncomingComment {
  return {
    platformId: c.id,
    postPlatformId: postId,
    // Graph gives a person's name but no profile address to a Page (app-scoped ids): the comment's own link stands in.
    authorHandle: c.from?.name?.trim() || "A Facebook user",
    authorUrl: null,
    url: c.permalink_url ?? null,
    text: c.message ?? "",
    createdAt: new Date(Date.parse(c.created_time ?? "") || Date.now()),
    hidden: c.is_hidden === true,
    raw: { ...c, post_id: postId },
  };
}

const secrets = (conn: ChannelConnection) => ({ secrets: Object.values(conn.credentials) });

export function facebookComments(graph: GraphCall) {
  /** Comments on the given posts newer than the cursor (an ISO time), the Page's own left out. */
  async function listComments(conn: ChannelConnection, query: CommentQuery): Promise<CommentPage> {
    const since = query.cursor ? Date.parse(query.cursor) : 0;
    let newest = query.cursor;
    const out: IncomingComment[] = [];
    for (const post of query.posts) {
      const q = new URLSearchParams({
        fields: FIELDS,
        filter: "stream",
        order: "reverse_chronological",
        limit: String(PAGE),
      });
      const answer = await graph(
        conn,
        "GET",
        `/${encodeURIComponent(post.platformId)}/comments?${q}`,
        "prepare",
        secrets(conn),
      );
      const data = Array.isArray(answer.data) ? (answer.data as GraphComment[]) : [];
      for (const c of data) {
        if (typeof c.id !== "string" || c.from?.id === conn.accountId) continue;
        const at = Date.parse(c.created_time ?? "");
        if (since && at < since) continue;
        const iso = new Date(at).toISOString();
        if (!newest || iso > newest) newest = iso;
        out.push(toComment(c, post.platformId));
      }
    }
    return { comments: out, cursor: newest };
  }

  async function reply(conn: ChannelConnection, comment: CommentRef, text: string): Promise<PublishedRef> {
    const answer = await graph(
      conn,
      "POST",
      `/${encodeURIComponent(comment.platformId)}/comments`,
      "create",
      { text, ...secrets(conn) },
      new URLSearchParams({ message: text }),
    );
    const id = typeof answer.id === "string" ? answer.id : "";
    return { platformId: id, url: `https://www.facebook.com/${id}` };
  }

  async function findReply(conn: ChannelConnection, comment: CommentRef, text: string) {
    const q = new URLSearchParams({ fields: FIELDS, limit: String(PAGE) });
    const answer = await graph(
      conn,
      "GET",
      `/${encodeURIComponent(comment.platformId)}/comments?${q}`,
      "prepare",
      { text, ...secrets(conn) },
    );
    const data = Array.isArray(answer.data) ? (answer.data as GraphComment[]) : [];
    const match = data.find((c) => c.from?.id === conn.accountId && c.message === text);
    return match ? { platformId: match.id, url: `https://www.facebook.com/${match.id}` } : null;
  }

  const setHidden = async (conn: ChannelConnection, comment: CommentRef, hidden: boolean) => {
    await graph(
      conn,
      "POST",
      `/${encodeURIComponent(comment.platformId)}`,
      "create",
      secrets(conn),
      new URLSearchParams({ is_hidden: String(hidden) }),
    );
  };

  async function isHidden(conn: ChannelConnection, comment: CommentRef): Promise<boolean> {
    const answer = await graph(
      conn,
      "GET",
      `/${encodeURIComponent(comment.platformId)}?fields=is_hidden`,
      "prepare",
      secrets(conn),
    );
    return answer.is_hidden === true;
  }

  /** A Page may delete comments on its own posts (DELETE /{comment-id}); one gone already is done. */
  async function deleteComment(conn: ChannelConnection, comment: CommentRef): Promise<void> {
    try {
      await graph(conn, "DELETE", `/${encodeURIComponent(comment.platformId)}`, "prepare", secrets(conn));
    } catch (err) {
      const gone =
        err instanceof ChannelError &&
        err.kind === "rejected" &&
        /does not exist|cannot be loaded/i.test(err.details.platformReason ?? "");
      if (!gone) throw err;
    }
  }

  /**
   * Blocks the comment's author from the Page: POST /{page-id}/blocked with their page-scoped id (the comment's
   * `from.id`), which needs a Page token of someone with the MODERATE task. Blocking again is harmless.
   */
  async function blockAuthor(conn: ChannelConnection, comment: CommentRef): Promise<void> {
    const from = (comment.raw as { from?: { id?: unknown } }).from;
    const id = typeof from?.id === "string" ? from.id : null;
    if (!id)
      throw new ChannelError(
        "rejected",
        "Facebook did not say who wrote this comment, so safepost cannot block them. Block them on the Page yourself.",
      );
    if (id === conn.accountId)
      throw new ChannelError("rejected", "This comment is the Page's own: it cannot block itself.");
    await graph(
      conn,
      "POST",
      `/${encodeURIComponent(conn.accountId)}/blocked`,
      "prepare",
      secrets(conn),
      new URLSearchParams({ psid: JSON.stringify([id]) }),
    );
  }

  return {
    blockAuthor,
    listComments,
    reply,
    findReply,
    deleteComment,
    hide: (conn: ChannelConnection, c: CommentRef) => setHidden(conn, c, true),
    unhide: (conn: ChannelConnection, c: CommentRef) => setHidden(conn, c, false),
    isHidden,
  };
}
