// Mentions of the practice on Mastodon: GET /api/v1/notifications?types[]=mention, read oldest first from the
// last notification seen (min_id pages forward without a gap; since_id would give only the newest page of a
// burst), each status placed under the practice's post it answers, directly (in_reply_to_id) or further down
// the thread (GET /api/v1/statuses/:id/context, whose ancestors start at the root). An answer is a status with
// in_reply_to_id, the author's @handle first (as every Mastodon app writes it, so they are told), the comment's
// own visibility (a private mention is answered privately) and an Idempotency-Key made from the comment and
// the words, so a retry never posts twice. Mastodon has no hiding and no deleting of other people's posts;
// it has blocking (POST /api/v1/accounts/:id/block) and reports to the server's moderators (POST /api/v1/reports).
import { createHash } from "node:crypto";
import type { mastodon } from "masto";
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

/** Notifications read in one page (Mastodon's most is 80; 40 is its default). */
const PAGE = 40;
/** Pages read in one poll at most; the rest come with the next poll (the cursor is the last one read). */
const MAX_PAGES = 5;
/** Thread look-ups in one poll at most (each is one request of the account's 300 per 5 minutes). */
const MAX_CONTEXTS = 20;
/** Mastodon's default limit on a report's comment. */
const REPORT_NOTE_MAX = 1000;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** A status's HTML content as the plain text a reader sees: paragraphs and line breaks kept, tags dropped. */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>\s*<p[^>]*>/gi, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === "#") {
        const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .trim();
}

/** Mastodon ids are growing integers as strings: compared by length, then by digits. */
export const newerId = (a: string, b: string): boolean =>
  a.length !== b.length ? a.length > b.length : a > b;

/** The @handle a reply starts with: the full address for someone on another server. */
const handleOf = (account: mastodon.v1.Account) => `@${account.acct}`;

/** The text without the practice's own @handle in front (every reply to it starts so). */
function withoutLeadingMention(text: string, practice: readonly string[]): string {
  let out = text;
  for (;;) {
    const m = /^@([\w.-]+(?:@[\w.-]+)?)\s+/.exec(out);
    if (!m || !practice.includes(m[1]!.toLowerCase())) return out;
    out = out.slice(m[0].length);
  }
}

export type MastoCall = <T>(
  fn: (masto: mastodon.rest.Client) => Promise<T>,
  phase: "prepare" | "create",
  text?: string,
) => Promise<T>;

export function mastodonComments(call: MastoCall) {
  async function notifications(cursor: string | null): Promise<mastodon.v1.Notification[]> {
    if (!cursor)
      // The first poll starts from now: the latest page, not every mention the account ever had.
      return call(
        async (m) => (await m.v1.notifications.list({ types: ["mention"], limit: PAGE })) ?? [],
        "prepare",
      );
    const out: mastodon.v1.Notification[] = [];
    let from = cursor;
    for (let i = 0; i < MAX_PAGES; i++) {
      const page = await call(
        async (m) => (await m.v1.notifications.list({ types: ["mention"], minId: from, limit: PAGE })) ?? [],
        "prepare",
      );
      const fresh = page.filter((n) => newerId(n.id, from));
      out.push(...fresh);
      if (fresh.length === 0) break;
      from = fresh.reduce((a, n) => (newerId(n.id, a) ? n.id : a), from);
      if (page.length < PAGE) break;
    }
    return out;
  }

  /** The practice's post a status sits under (one of `posts`), or null. */
  async function postOf(
    status: mastodon.v1.Status,
    posts: ReadonlySet<string>,
    budget: { contexts: number },
  ): Promise<string | null> {
    const parent = status.inReplyToId;
    if (!parent) return null;
    if (posts.has(parent)) return parent;
    if (budget.contexts <= 0) return null;
    budget.contexts--;
    const context = await call((m) => m.v1.statuses.$select(status.id).context.fetch(), "prepare");
    return context.ancestors.find((a) => posts.has(a.id))?.id ?? null;
  }

  async function listComments(conn: ChannelConnection, query: CommentQuery): Promise<CommentPage> {
    const found = await notifications(query.cursor);
    const posts = new Set(query.posts.map((p) => p.platformId));
    const budget = { contexts: MAX_CONTEXTS };
    let cursor = query.cursor;
    const practice: string[] = [];
    const comments: IncomingComment[] = [];
    for (const n of [...found].sort((a, b) => (newerId(a.id, b.id) ? 1 : -1))) {
      if (!cursor || newerId(n.id, cursor)) cursor = n.id;
      const status = n.status;
      if (!status || status.account.id === conn.accountId) continue;
      if (practice.length === 0) {
        // The practice's @handle as the mentions in this status name it (local, and with its server).
        for (const mention of status.mentions ?? [])
          if (mention.id === conn.accountId)
            practice.push(mention.username.toLowerCase(), mention.acct.toLowerCase());
      }
      const spoiler = status.spoilerText?.trim();
      const body = withoutLeadingMention(plainText(status.content ?? ""), practice);
      comments.push({
        platformId: status.id,
        postPlatformId: await postOf(status, posts, budget),
        authorHandle: handleOf(status.account),
        authorUrl: status.account.url ?? null,
        url: status.url ?? status.uri ?? null,
        text: spoiler ? `${spoiler}\n\n${body}` : body,
        createdAt: new Date(Date.parse(status.createdAt) || Date.now()),
        hidden: false,
        raw: { ...(status as unknown as Record<string, unknown>), notification_id: n.id },
      });
    }
    return { comments, cursor };
  }

  /** What the comment's raw record says about its author and visibility. */
  function about(comment: CommentRef) {
    const raw = comment.raw as {
      account?: { id?: unknown; acct?: unknown };
      visibility?: unknown;
    };
    const accountId = typeof raw.account?.id === "string" ? raw.account.id : null;
    const acct = typeof raw.account?.acct === "string" ? raw.account.acct : null;
    const visibility = ["public", "unlisted", "private", "direct"].includes(String(raw.visibility))
      ? (raw.visibility as mastodon.v1.StatusVisibility)
      : "public";
    return { accountId, acct, visibility };
  }

  const replyText = (comment: CommentRef, text: string) => {
    const { acct } = about(comment);
    return acct && !text.startsWith(`@${acct}`) ? `@${acct} ${text}` : text;
  };

  async function reply(conn: ChannelConnection, comment: CommentRef, text: string): Promise<PublishedRef> {
    const status = replyText(comment, text);
    const key = createHash("sha256").update(`${comment.platformId}\n${text}`).digest("hex").slice(0, 40);
    const made = await call(
      (m) =>
        m.v1.statuses.create(
          { status, inReplyToId: comment.platformId, visibility: about(comment).visibility },
          { requestInit: { headers: { "Idempotency-Key": key } } },
        ),
      "create",
      text,
    );
    return { platformId: made.id, url: made.url ?? made.uri };
  }

  async function findReply(conn: ChannelConnection, comment: CommentRef, text: string) {
    const wanted = replyText(comment, text);
    const context = await call(
      (m) => m.v1.statuses.$select(comment.platformId).context.fetch(),
      "prepare",
      text,
    );
    for (const s of context.descendants) {
      if (s.account.id !== conn.accountId || s.inReplyToId !== comment.platformId) continue;
      const source = await call((m) => m.v1.statuses.$select(s.id).source.fetch(), "prepare", text);
      if (source.text === wanted || source.text === text) return { platformId: s.id, url: s.url ?? s.uri };
    }
    return null;
  }

  function authorOf(comment: CommentRef): string {
    const { accountId } = about(comment);
    if (!accountId)
      throw new ChannelError(
        "rejected",
        "safepost did not keep which Mastodon account wrote this comment, so it cannot act on its author. Do it on Mastodon yourself.",
      );
    return accountId;
  }

  async function blockAuthor(_conn: ChannelConnection, comment: CommentRef): Promise<void> {
    const id = authorOf(comment);
    await call((m) => m.v1.accounts.$select(id).block(), "prepare");
  }

  async function reportComment(
    _conn: ChannelConnection,
    comment: CommentRef,
    report: CommentReport,
  ): Promise<void> {
    const id = authorOf(comment);
    const { acct } = about(comment);
    await call(
      (m) =>
        m.v1.reports.create({
          accountId: id,
          statusIds: [comment.platformId],
          comment: report.note.slice(0, REPORT_NOTE_MAX),
          category: report.reason === "spam" ? "spam" : "other",
          // Someone on another server: their moderators get a copy too (sent by the server, not by us).
          forward: Boolean(acct?.includes("@")),
        }),
      "prepare",
    );
  }

  return { listComments, reply, findReply, blockAuthor, reportComment };
}
