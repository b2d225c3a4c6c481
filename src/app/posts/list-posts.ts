// The practice's posts, filtered as the calendar, the archive and the list ask: by state, channel, a time
// range (the time it was or will be published) and words in its text.
import { sql } from "kysely";
import { authorize } from "../../core/permissions";
import { isUuid } from "../../core/ids";
import type { PostState } from "../../core/posts/states";
import type { AppContext } from "../context";
import { actingPostMember } from "./permissions";
import { loadPost, postView, postViews, type PostRow, type PostView } from "./post-store";

export interface PostFilters {
  state?: PostState | undefined;
  channel?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

/** The most posts one list answers (the calendar asks for a month at most). */
export const LIST_LIMIT = 500;

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The posts matching `filters`, newest first, each with what the member may do to it. */
export async function listPosts(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string },
  filters: PostFilters,
): Promise<PostView[]> {
  const member = await actingPostMember(ctx.db, practiceId, actor.userId);
  authorize(member, "view-posts", { type: "practice" });
  return postViews(ctx.db, await matchingPosts(ctx, practiceId, filters), member);
}

/**
 * The same list for the person at the server's command line (`safepost posts list`). They hold the database
 * itself, so no practice role applies, and nothing is listed as something they may do.
 */
export async function listPostsForOperator(
  ctx: AppContext,
  practiceId: string,
  filters: PostFilters,
): Promise<PostView[]> {
  const operator = { userId: "", roles: [], grantedAt: {} };
  return postViews(ctx.db, await matchingPosts(ctx, practiceId, filters), operator);
}

async function matchingPosts(ctx: AppContext, practiceId: string, filters: PostFilters): Promise<PostRow[]> {
  if (filters.channel !== undefined && !isUuid(filters.channel)) return [];
  const when = sql<Date>`coalesce(posts.published_at, posts.scheduled_at)`;
  let q = ctx.db.selectFrom("posts").selectAll().where("practice_id", "=", practiceId);
  if (filters.state) q = q.where("state", "=", filters.state);
  if (filters.channel) {
    const channel = filters.channel;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("post_channels")
          .select("post_channels.post_id")
          .whereRef("post_channels.post_id", "=", "posts.id")
          .where("post_channels.channel_id", "=", channel),
      ),
    );
  }
  if (filters.from) q = q.where(when, ">=", new Date(filters.from));
  if (filters.to) q = q.where(when, "<", new Date(filters.to));
  const words = filters.q?.trim();
  if (words) q = q.where(sql<boolean>`posts.text ilike ${`%${escapeLike(words)}%`} escape '\\'`);
  return (await q
    .orderBy(sql`coalesce(posts.published_at, posts.scheduled_at, posts.updated_at)`, "desc")
    .orderBy("id")
    .limit(LIST_LIMIT)
    .execute()) as PostRow[];
}

/** One post with its timeline, as its page reads it. */
export async function getPost(
  ctx: AppContext,
  practiceId: string,
  postId: string,
  actor: { userId: string },
): Promise<PostView> {
  const member = await actingPostMember(ctx.db, practiceId, actor.userId);
  authorize(member, "view-posts", { type: "practice" });
  return postView(ctx.db, await loadPost(ctx.db, practiceId, postId), member);
}

/** A post as its actor now sees it (after a change). */
export async function viewFor(
  ctx: AppContext,
  practiceId: string,
  post: PostRow,
  actor: { userId: string },
): Promise<PostView> {
  return postView(ctx.db, post, await actingPostMember(ctx.db, practiceId, actor.userId));
}
