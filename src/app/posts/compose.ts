// Writing a post: create it as a draft, or change it. A change to what is sent after approval voids the
// approval (recorded in the timeline), and any change to a submitted post sends it back to draft, since the
// checker's verdict and the approval were about the old text.
import { authorize } from "../../core/permissions";
import { APPROVED_STATES, stateAfterEdit } from "../../core/posts/states";
import type { Db } from "../../store/database";
import type { AppContext } from "../context";
import { actingPostMember } from "./permissions";
import { loadPost, postResource, recordPostEvent, type PostRow } from "./post-store";
import { checkContent, type PostContent } from "./targets";
import { ensureWebsiteChannel } from "../channels/channels";

export interface PostDraftInput extends PostContent {
  overrideReason: string | null;
}

async function writeParts(trx: Db, postId: string, input: PostContent): Promise<void> {
  await trx.deleteFrom("post_channels").where("post_id", "=", postId).execute();
  await trx.deleteFrom("post_image_links").where("post_id", "=", postId).execute();
  const channelIds = [...new Set(input.channelIds)];
  await trx
    .insertInto("post_channels")
    .values(channelIds.map((channel_id, position) => ({ post_id: postId, channel_id, position })))
    .execute();
  if (input.images.length)
    await trx
      .insertInto("post_image_links")
      .values(
        input.images.map((img, position) => ({
          post_id: postId,
          position,
          image_id: img.id,
          alt_text: img.altText,
        })),
      )
      .execute();
}

/** A poster writes a new post; it starts as a draft. */
export async function createPost(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string },
  input: PostDraftInput,
): Promise<PostRow> {
  const now = ctx.now();
  await ensureWebsiteChannel(ctx.db, practiceId, now);
  return ctx.db.transaction().execute(async (trx) => {
    const member = await actingPostMember(trx, practiceId, actor.userId);
    authorize(member, "create-post", { type: "practice" });
    await checkContent(trx, practiceId, input, false);
    const post = await trx
      .insertInto("posts")
      .values({
        practice_id: practiceId,
        state: "draft",
        text: input.text,
        link: input.link,
        author_id: actor.userId,
        last_edited_by: actor.userId,
        override_reason: input.overrideReason,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeParts(trx, post.id, input);
    await recordPostEvent(trx, post, actor.userId, now, "created", {
      audit: { channels: input.channelIds.length, images: input.images.length, link: input.link !== null },
    });
    return post as PostRow;
  });
}

/** Whether the edit changes anything sent (text, link, channels, images with their alt text). */
async function changesContent(trx: Db, post: PostRow, input: PostContent): Promise<boolean> {
  if (post.text !== input.text || post.link !== input.link) return true;
  const channels = await trx
    .selectFrom("post_channels")
    .select("channel_id")
    .where("post_id", "=", post.id)
    .orderBy("position")
    .execute();
  const images = await trx
    .selectFrom("post_image_links")
    .select(["image_id", "alt_text"])
    .where("post_id", "=", post.id)
    .orderBy("position")
    .execute();
  const same =
    JSON.stringify(channels.map((c) => c.channel_id)) === JSON.stringify([...new Set(input.channelIds)]) &&
    JSON.stringify(images.map((i) => [i.image_id, i.alt_text])) ===
      JSON.stringify(input.images.map((i) => [i.id, i.altText]));
  return !same;
}

/** A poster changes a post. After approval the approval is voided; a submitted post goes back to draft. */
export async function updatePost(
  ctx: AppContext,
  practiceId: string,
  postId: string,
  actor: { userId: string },
  input: PostDraftInput,
): Promise<PostRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const post = await loadPost(trx, practiceId, postId, true);
    const member = await actingPostMember(trx, practiceId, actor.userId);
    authorize(member, "edit-post", await postResource(trx, post));
    await checkContent(trx, practiceId, input, false);
    const now = ctx.now();
    const changed = await changesContent(trx, post, input);
    if (!changed && input.overrideReason === post.override_reason) return post;
    const wasApproved = APPROVED_STATES.has(post.state);
    const next = changed ? stateAfterEdit(post.state) : post.state;
    await trx
      .updateTable("posts")
      .set({
        text: input.text,
        link: input.link,
        override_reason: input.overrideReason,
        updated_at: now,
        ...(changed
          ? {
              state: next,
              last_edited_by: actor.userId,
              revision: post.revision + 1,
              verdict: null,
              submitted_at: null,
              ...(wasApproved
                ? { approved_by: null, approved_at: null, approved_verdict: null, approval_voided: true }
                : {}),
            }
          : {}),
      })
      .where("id", "=", post.id)
      .execute();
    if (changed) {
      await writeParts(trx, post.id, input);
      // Deliveries waiting for an approval that no longer holds wait no more.
      if (wasApproved)
        await trx
          .updateTable("deliveries")
          .set({ state: "cancelled", updated_at: now })
          .where("post_id", "=", post.id)
          .where("state", "in", ["pending", "scheduled", "held"])
          .execute();
    }
    await recordPostEvent(trx, post, actor.userId, now, "edited", {
      audit: {
        revision: changed ? post.revision + 1 : post.revision,
        contentChanged: changed,
        from: post.state,
        to: next,
      },
    });
    if (wasApproved && changed)
      await recordPostEvent(trx, post, actor.userId, now, "approval-voided", {
        audit: { revision: post.revision + 1 },
      });
    return loadPost(trx, practiceId, post.id);
  });
}
