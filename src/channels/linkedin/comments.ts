// Comments on the organisation's LinkedIn posts through the Community Management API's social actions: GET
// /rest/socialActions/{post-urn}/comments (and, for each comment, its replies under the comment's URN), newest
// read first by LinkedIn's paging (start, count), newer than the cursor's time; an answer is POST
// …/comments as the organisation with `parentComment` set to the comment; deleting is DELETE
// …/comments/{comment-id}?actor={organisation} (an organisation may delete comments on its own posts). LinkedIn
// has no hiding of comments and no blocking or reporting in this API. LinkedIn gives a commenter's member URN,
// not their name (reading names needs a partner programme): the handle is the member's id.
import type {
  ChannelConnection,
  CommentPage,
  CommentQuery,
  CommentRef,
  IncomingComment,
  PublishedRef,
} from "../adapter";
import { ChannelError } from "../adapter";

export type LinkedInCall = (
  method: "GET" | "POST" | "DELETE",
  path: string,
  phase: "prepare" | "create",
  options?: { body?: unknown; text?: string },
) => Promise<{ body: Record<string, unknown> | null; headers: Headers }>;

/** Comments read in one page, and pages per post (or comment) in one poll. */
const PAGE = 50;
const MAX_PAGES = 3;

interface LiComment {
  id?: string;
  commentUrn?: string;
  actor?: string;
  object?: string;
  parentComment?: string;
  message?: { text?: string };
  created?: { time?: number; actor?: string };
}

const enc = encodeURIComponent;

/** "urn:li:person:AbC123" → "LinkedIn member AbC123". */
const handleOf = (actor: string | undefined) =>
  actor ? `LinkedIn member ${actor.split(":").pop()}` : "A LinkedIn member";

export function linkedinComments(call: LinkedInCall, org: (conn: ChannelConnection) => string) {
  async function page(target: string): Promise<LiComment[]> {
    const out: LiComment[] = [];
    for (let i = 0; i < MAX_PAGES; i++) {
      const { body } = await call(
        "GET",
        `/rest/socialActions/${enc(target)}/comments?start=${i * PAGE}&count=${PAGE}`,
        "prepare",
      );
      const elements = Array.isArray(body?.elements) ? (body.elements as LiComment[]) : [];
      out.push(...elements);
      const total = Number((body?.paging as { total?: unknown } | undefined)?.total);
      if (elements.length < PAGE || (Number.isFinite(total) && (i + 1) * PAGE >= total)) break;
    }
    return out;
  }

  function toComment(c: LiComment, post: PublishedRef): IncomingComment {
    return {
      platformId: c.commentUrn ?? "",
      postPlatformId: post.platformId,
      authorHandle: handleOf(c.actor),
      authorUrl: null,
      url: post.url || null,
      text: c.message?.text ?? "",
      createdAt: new Date(typeof c.created?.time === "number" ? c.created.time : Date.now()),
      hidden: false,
      raw: { ...(c as Record<string, unknown>), post_urn: post.platformId },
    };
  }

  async function listComments(conn: ChannelConnection, query: CommentQuery): Promise<CommentPage> {
    const since = query.cursor ? Date.parse(query.cursor) : 0;
    let newest = query.cursor;
    const me = org(conn);
    const out: IncomingComment[] = [];
    for (const post of query.posts) {
      const top = await page(post.platformId);
      const replies = (
        await Promise.all(top.filter((c) => c.commentUrn).map((c) => page(c.commentUrn!)))
      ).flat();
      for (const c of [...top, ...replies]) {
        if (!c.commentUrn || c.actor === me) continue;
        const at = typeof c.created?.time === "number" ? c.created.time : 0;
        if (since && at < since) continue;
        const iso = new Date(at).toISOString();
        if (!newest || iso > newest) newest = iso;
        out.push(toComment(c, post));
      }
    }
    return { comments: out, cursor: newest };
  }

  const postOf = (comment: CommentRef) =>
    typeof comment.raw.post_urn === "string" ? comment.raw.post_urn : (comment.postPlatformId ?? "");

  async function reply(conn: ChannelConnection, comment: CommentRef, text: string): Promise<PublishedRef> {
    const object = postOf(comment);
    const { body, headers } = await call("POST", `/rest/socialActions/${enc(object)}/comments`, "create", {
      body: { actor: org(conn), object, message: { text }, parentComment: comment.platformId },
      text,
    });
    const urn =
      (typeof body?.commentUrn === "string" ? body.commentUrn : null) ?? headers.get("x-restli-id") ?? "";
    return { platformId: urn, url: `https://www.linkedin.com/feed/update/${object}/` };
  }

  async function findReply(conn: ChannelConnection, comment: CommentRef, text: string) {
    const replies = await page(comment.platformId);
    const match = replies.find((c) => c.actor === org(conn) && c.message?.text === text && c.commentUrn);
    return match
      ? { platformId: match.commentUrn!, url: `https://www.linkedin.com/feed/update/${postOf(comment)}/` }
      : null;
  }

  async function deleteComment(conn: ChannelConnection, comment: CommentRef): Promise<void> {
    const raw = comment.raw as LiComment;
    const id = raw.id ?? /,(\d+)\)$/.exec(comment.platformId)?.[1];
    if (!id)
      throw new ChannelError(
        "rejected",
        "safepost did not keep this LinkedIn comment's id. Delete it on LinkedIn.",
      );
    // A reply is addressed under its parent comment, a top comment under the post.
    const under = raw.parentComment ?? postOf(comment);
    try {
      await call(
        "DELETE",
        `/rest/socialActions/${enc(under)}/comments/${enc(id)}?actor=${enc(org(conn))}`,
        "prepare",
      );
    } catch (err) {
      if (!(err instanceof ChannelError && err.details.status === 404)) throw err; // gone already is done
    }
  }

  return { listComments, reply, findReply, deleteComment };
}
