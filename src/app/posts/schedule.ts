// When a post goes out: schedule or reschedule it (UK time in the pages, an instant here), publish it now,
// cancel it, and settle a delivery a person had to check (or post by hand).
import { AppError, notFound } from "../../core/errors";
import { formatUkDateTime } from "../../core/dates";
import { knownIdShape } from "../../core/ids";
import { authorize } from "../../core/permissions";
import { APPROVED_STATES } from "../../core/posts/states";
import type { AppContext } from "../context";
import { armDeliveries, enqueuePublish, syncPostState, UNSENT } from "./deliveries";
import { actingPostMember } from "./permissions";
import { loadPost, postResource, recordPostEvent, type PostRow } from "./post-store";

/** The furthest ahead a post may be scheduled. */
const MAX_AHEAD_MS = 2 * 366 * 86_400_000;

/** Sets or moves the time a post is published; an approved post is armed for it at once. */
export async function schedulePost(
  ctx: AppContext,
  practiceId: string,
  postId: string,
  actor: { userId: string },
  scheduledAt: string,
): Promise<PostRow> {
  const at = new Date(scheduledAt);
  const now = ctx.now();
  if (Number.isNaN(at.getTime()))
    throw new AppError("invalid-input", "Give the time to publish as a full date and time.", {
      scheduledAt: "Give a date and time.",
    });
  if (at.getTime() <= now.getTime())
    throw new AppError("invalid-input", "Choose a time in the future.", {
      scheduledAt: `It is ${formatUkDateTime(now)} now (UK time).`,
    });
  if (at.getTime() - now.getTime() > MAX_AHEAD_MS)
    throw new AppError("invalid-input", "Choose a time within the next two years.", {
      scheduledAt: "Too far ahead.",
    });
  return ctx.db.transaction().execute(async (trx) => {
    const post = await loadPost(trx, practiceId, postId, true);
    const member = await actingPostMember(trx, practiceId, actor.userId);
    authorize(member, "schedule-post", await postResource(trx, post));
    const event = post.scheduled_at ? "rescheduled" : "scheduled";
    if (APPROVED_STATES.has(post.state)) await armDeliveries(ctx, trx, post, at);
    else
      await trx
        .updateTable("posts")
        .set({ scheduled_at: at, updated_at: now })
        .where("id", "=", post.id)
        .execute();
    await recordPostEvent(trx, post, actor.userId, now, event, {
      note: `${formatUkDateTime(at)} (UK time)`,
      audit: { scheduledAt: at.toISOString(), previously: post.scheduled_at?.toISOString() ?? null },
    });
    return loadPost(trx, practiceId, post.id);
  });
}

/** Publishes an approved post now instead of at its time. */
export async function publishNow(
  ctx: AppContext,
  practiceId: string,
  postId: string,
  actor: { userId: string },
): Promise<PostRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const post = await loadPost(trx, practiceId, postId, true);
    const member = await actingPostMember(trx, practiceId, actor.userId);
    authorize(member, "publish-now", await postResource(trx, post));
    const now = ctx.now();
    await armDeliveries(ctx, trx, post, now);
    await recordPostEvent(trx, post, actor.userId, now, "publish-now", { audit: {} });
    return loadPost(trx, practiceId, post.id);
  });
}

/** Cancels what has not gone out; a post none of whose deliveries went out is cancelled as a whole. */
export async function cancelPost(
  ctx: AppContext,
  practiceId: string,
  postId: string,
  actor: { userId: string },
): Promise<PostRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const post = await loadPost(trx, practiceId, postId, true);
    const member = await actingPostMember(trx, practiceId, actor.userId);
    authorize(member, "cancel-post", await postResource(trx, post));
    const now = ctx.now();
    await trx
      .updateTable("deliveries")
      .set({ state: "cancelled", updated_at: now })
      .where("post_id", "=", post.id)
      .where("state", "in", UNSENT)
      .execute();
    const sent = await trx
      .selectFrom("deliveries")
      .select("id")
      .where("post_id", "=", post.id)
      .where("state", "<>", "cancelled")
      .executeTakeFirst();
    if (sent) await syncPostState(trx, post.id, now);
    else
      await trx
        .updateTable("posts")
        .set({ state: "cancelled", updated_at: now })
        .where("id", "=", post.id)
        .execute();
    await recordPostEvent(trx, post, actor.userId, now, "cancelled", {
      audit: { from: post.state, partlyPublished: !!sent },
    });
    return loadPost(trx, practiceId, post.id);
  });
}

/**
 * A person settles a delivery safepost could not: it was posted (with its address), or it was not and should be
 * published again (a platform channel only; a manual channel is posted by hand and then marked posted).
 */
export async function resolveDelivery(
  ctx: AppContext,
  practiceId: string,
  postId: string,
  deliveryId: string,
  actor: { userId: string },
  input: { posted: boolean; url: string | null },
): Promise<PostRow> {
  knownIdShape(deliveryId, "That delivery");
  if (input.posted && (!input.url || !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(input.url)))
    throw new AppError("invalid-input", "Give the address of the post, starting https://", {
      url: "Copy the post's address from the platform, starting https://",
    });
  return ctx.db.transaction().execute(async (trx) => {
    const post = await loadPost(trx, practiceId, postId, true);
    const member = await actingPostMember(trx, practiceId, actor.userId);
    const d = await trx
      .selectFrom("deliveries")
      .innerJoin("channels", "channels.id", "deliveries.channel_id")
      .select(["deliveries.id", "deliveries.state", "channels.kind", "channels.name"])
      .where("deliveries.id", "=", deliveryId)
      .where("deliveries.post_id", "=", post.id)
      .forUpdate()
      .executeTakeFirst();
    if (!d) throw notFound("That delivery");
    authorize(member, "resolve-delivery", await postResource(trx, post));
    if (d.state !== "needs-check")
      throw new AppError("conflict", "This delivery is not waiting for anyone to check it.");
    const now = ctx.now();
    if (input.posted) {
      await trx
        .updateTable("deliveries")
        .set({ state: "published", url: input.url, published_at: now, error: null, updated_at: now })
        .where("id", "=", d.id)
        .execute();
    } else {
      if (d.kind === "manual")
        throw new AppError(
          "invalid-input",
          "A manual channel is posted by hand: post it, then mark it posted with its address.",
          { posted: "Post it by hand first." },
        );
      await trx
        .updateTable("deliveries")
        .set({ state: "scheduled", due_at: now, error: null, claimed_at: null, updated_at: now })
        .where("id", "=", d.id)
        .execute();
      await enqueuePublish(ctx, trx, { id: d.id, practice_id: practiceId }, now);
    }
    await syncPostState(trx, post.id, now);
    await recordPostEvent(trx, post, actor.userId, now, input.posted ? "marked-posted" : "publish-again", {
      note: d.name,
      audit: { deliveryId: d.id, posted: input.posted },
    });
    return loadPost(trx, practiceId, post.id);
  });
}
