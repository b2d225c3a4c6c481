// Polling the platforms for comments (issue 10, part 1): every few minutes `inbox.poll-due` queues one
// `inbox.poll` job per connected channel whose adapter reads comments; each reads what arrived since the
// channel's cursor, stores every comment once by its platform id (the unique index and ON CONFLICT DO NOTHING,
// so two instances polling one channel at once store it once) and triages it on arrival. The cursor moves on
// only after the comments are stored, so a comment arriving while a poll is in flight comes with the next one.
import { ChannelError, type IncomingComment, type PublishedRef } from "../../channels/adapter";
import { adapterFor } from "../../channels/registry";
import { AUTHOR_MAX_CHARS, COMMENT_MAX_CHARS, type ChannelKind } from "../../core/inbox";
import { connectionOf } from "../channels/connect-credentials";
import type { AppContext } from "../context";
import { receiveComments, type IncomingFields } from "./receive-comments";

/** The practice's posts on a channel whose comments are read: the latest published, up to this many. */
export const POLLED_POSTS = 10;
/** How far back those posts go. */
export const POLLED_POST_DAYS = 30;

export type PollOutcome =
  | { status: "polled"; read: number; stored: number }
  | { status: "skipped"; why: "not-connected" | "no-comments" }
  | { status: "failed"; message: string };

/** The cron job: one poll job for each connected channel that can read comments. */
export async function enqueueCommentPolls(ctx: AppContext): Promise<number> {
  const channels = await ctx.db
    .selectFrom("channels")
    .select(["id", "practice_id", "kind"])
    .where("status", "=", "connected")
    .execute();
  let queued = 0;
  for (const c of channels) {
    if (!adapterFor(c.kind as never)?.capabilities.readComments) continue;
    // One key per channel and five-minute slot: a second instance's cron queues nothing more.
    const slot = Math.floor(ctx.now().getTime() / 300_000);
    await ctx.jobs.enqueue(
      ctx.db,
      "inbox.poll",
      { practiceId: c.practice_id, channelId: c.id },
      { key: `${c.id}:${slot}` },
    );
    queued++;
  }
  return queued;
}

function fieldsOf(c: IncomingComment, kind: ChannelKind, channelId: string, now: Date): IncomingFields {
  const text = c.text.trim() ? c.text.slice(0, COMMENT_MAX_CHARS) : "(no words: a sticker, picture or link)";
  return {
    channel: kind,
    author: c.authorHandle.slice(0, AUTHOR_MAX_CHARS),
    text,
    // A platform's clock ahead of ours is not the commenter's fault: never later than now.
    receivedAt: c.createdAt.getTime() > now.getTime() ? now : c.createdAt,
    postUrl: null,
    platformId: c.platformId,
    platform: {
      channelId,
      raw: c.raw,
      authorUrl: c.authorUrl,
      url: c.url,
      postPlatformId: c.postPlatformId,
    },
  };
}

/** Stores comments from a platform that are not stored yet, triaged on arrival; returns how many were new. */
export async function storePlatformComments(
  ctx: AppContext,
  channel: { id: string; practiceId: string; kind: ChannelKind },
  comments: readonly IncomingComment[],
  source: "poll" | "webhook",
): Promise<number> {
  if (!comments.length) return 0;
  const known = new Set(
    (
      await ctx.db
        .selectFrom("inbox_comments")
        .select("platform_id")
        .where("practice_id", "=", channel.practiceId)
        .where("channel_kind", "=", channel.kind)
        .where(
          "platform_id",
          "in",
          comments.map((c) => c.platformId),
        )
        .execute()
    ).map((r) => r.platform_id),
  );
  const now = ctx.now();
  const fresh = comments.filter(
    (c, i) => !known.has(c.platformId) && comments.findIndex((x) => x.platformId === c.platformId) === i,
  );
  if (!fresh.length) return 0;
  const summary = await receiveComments(
    ctx,
    channel.practiceId,
    fresh.map((c) => fieldsOf(c, channel.kind, channel.id, now)),
    { actorId: null, source },
  );
  return summary.stored;
}

/** The job for one channel: reads new comments since its cursor, stores them, moves the cursor on. */
export async function pollChannel(
  ctx: AppContext,
  p: { practiceId: string; channelId: string },
): Promise<PollOutcome> {
  const channel = await ctx.db
    .selectFrom("channels")
    .selectAll()
    .where("id", "=", p.channelId)
    .where("practice_id", "=", p.practiceId)
    .executeTakeFirst();
  const kind = channel?.kind as ChannelKind | undefined;
  const adapter = kind ? adapterFor(kind as never) : null;
  if (!channel || !kind || !adapter?.listComments || !adapter.capabilities.readComments)
    return { status: "skipped", why: "no-comments" };
  const conn = channel.status === "connected" ? connectionOf(ctx, channel) : null;
  if (!conn) return { status: "skipped", why: "not-connected" };
  const state = await ctx.db
    .selectFrom("inbox_poll_state")
    .select("cursor")
    .where("channel_id", "=", channel.id)
    .executeTakeFirst();
  const since = new Date(ctx.now().getTime() - POLLED_POST_DAYS * 86_400_000);
  const posts: PublishedRef[] = (
    await ctx.db
      .selectFrom("deliveries")
      .select(["platform_id", "url"])
      .where("channel_id", "=", channel.id)
      .where("state", "=", "published")
      .where("platform_id", "is not", null)
      .where("published_at", ">=", since)
      .orderBy("published_at", "desc")
      .limit(POLLED_POSTS)
      .execute()
  ).map((d) => ({ platformId: d.platform_id!, url: d.url ?? "" }));
  const record = (cursor: string | null, outcome: string) =>
    ctx.db
      .insertInto("inbox_poll_state")
      .values({
        channel_id: channel.id,
        practice_id: channel.practice_id,
        cursor,
        polled_at: ctx.now(),
        outcome,
      })
      .onConflict((oc) => oc.column("channel_id").doUpdateSet({ cursor, polled_at: ctx.now(), outcome }))
      .execute();
  let page;
  try {
    page = await adapter.listComments(conn, { posts, cursor: state?.cursor ?? null });
  } catch (err) {
    if (!(err instanceof ChannelError)) throw err;
    await record(state?.cursor ?? null, `failed: ${err.message}`);
    // A rate limit or outage: the next scheduled poll tries again; nothing is lost, the cursor stays.
    return { status: "failed", message: err.message };
  }
  const stored = await storePlatformComments(
    ctx,
    { id: channel.id, practiceId: channel.practice_id, kind },
    page.comments,
    "poll",
  );
  await record(page.cursor ?? state?.cursor ?? null, "ok");
  return { status: "polled", read: page.comments.length, stored };
}
