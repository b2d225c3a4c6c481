// One delivery per post and channel: made (or re-armed) when an approved post gets its time, with its
// publishing job enqueued in the same transaction; the post's state follows its deliveries.
import { readPracticeSettings } from "../../core/practice-settings";
import { stateFromDeliveries, type DeliveryState } from "../../core/posts/states";
import type { Db } from "../../store/database";
import type { AppContext } from "../context";
import { recordPostEvent, type PostRow } from "./post-store";

/** Delivery states that have not sent anything and can be (re)armed or cancelled. */
export const UNSENT: DeliveryState[] = ["pending", "scheduled", "held", "failed", "cancelled"];

/** Enqueues the publishing job of one delivery for `at` (the job checks the delivery, so extra runs do nothing). */
export async function enqueuePublish(
  ctx: AppContext,
  trx: Db,
  d: { id: string; practice_id: string },
  at: Date,
): Promise<void> {
  await ctx.jobs.enqueue(
    trx,
    "posts.publish",
    { practiceId: d.practice_id, deliveryId: d.id },
    { startAfter: at, key: `publish:${d.id}:${at.getTime()}` },
  );
}

/**
 * Gives an approved post its time: one delivery per channel (kept unique by post and channel), each scheduled
 * for `at` with its job, unless it was already published; deliveries of channels no longer chosen are cancelled.
 */
export async function armDeliveries(ctx: AppContext, trx: Db, post: PostRow, at: Date): Promise<void> {
  const now = ctx.now();
  const channels = await trx
    .selectFrom("post_channels")
    .select("channel_id")
    .where("post_id", "=", post.id)
    .execute();
  const ids = channels.map((c) => c.channel_id);
  for (const channelId of ids)
    await trx
      .insertInto("deliveries")
      .values({
        practice_id: post.practice_id,
        post_id: post.id,
        channel_id: channelId,
        state: "scheduled",
        due_at: at,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(["post_id", "channel_id"])
          .doUpdateSet({
            state: "scheduled",
            due_at: at,
            attempts: 0,
            error: null,
            claimed_at: null,
            updated_at: now,
          })
          .where("deliveries.state", "in", UNSENT),
      )
      .execute();
  let stale = trx
    .updateTable("deliveries")
    .set({ state: "cancelled", updated_at: now })
    .where("post_id", "=", post.id)
    .where("state", "in", UNSENT);
  if (ids.length) stale = stale.where("channel_id", "not in", ids);
  await stale.execute();
  await trx
    .updateTable("posts")
    .set({ scheduled_at: at, updated_at: now })
    .where("id", "=", post.id)
    .execute();
  const armed = await trx
    .selectFrom("deliveries")
    .select(["id", "practice_id"])
    .where("post_id", "=", post.id)
    .where("state", "=", "scheduled")
    .execute();
  for (const d of armed) await enqueuePublish(ctx, trx, d, at);
  await syncPostState(trx, post.id, now);
}

/** Sets the post's state from its deliveries (publishing, needs-check, failed, published or scheduled); call it in a transaction. */
export async function syncPostState(trx: Db, postId: string, now: Date): Promise<void> {
  // Two deliveries of one post finishing at once on two connections would each read the other as still
  // publishing and both write "publishing". The post's row lock makes the second wait, then read the first's
  // committed delivery.
  await trx.selectFrom("posts").select("id").where("id", "=", postId).forUpdate().execute();
  const rows = await trx
    .selectFrom("deliveries")
    .select(["state", "published_at"])
    .where("post_id", "=", postId)
    .execute();
  const state = stateFromDeliveries(rows.map((r) => r.state as DeliveryState));
  if (!state) return;
  const published = rows
    .map((r) => r.published_at)
    .filter((d): d is Date => !!d)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  await trx
    .updateTable("posts")
    .set({
      state,
      updated_at: now,
      ...(state === "published" ? { published_at: published ?? now } : {}),
    })
    .where("id", "=", postId)
    .execute();
}

/** How long after its time an approved post may still be published (the practice's setting, default 24 h). */
export async function approvalWindowMs(db: Db, practiceId: string): Promise<number> {
  const p = await db
    .selectFrom("practices")
    .select("settings")
    .where("id", "=", practiceId)
    .executeTakeFirst();
  return readPracticeSettings(p?.settings).postApprovalWindowHours * 3_600_000;
}

/**
 * An approval that could not be acted on within the window after the post's time no longer holds: the post goes
 * back to the approvers (its verdict and text unchanged), and what was not sent waits for the new approval.
 */
export async function expireApproval(trx: Db, post: PostRow, now: Date): Promise<void> {
  await trx
    .updateTable("deliveries")
    .set({ state: "cancelled", updated_at: now })
    .where("post_id", "=", post.id)
    .where("state", "in", ["pending", "scheduled", "held"])
    .execute();
  await trx
    .updateTable("posts")
    .set({
      state: "awaiting-approval",
      approved_by: null,
      approved_at: null,
      approved_verdict: null,
      scheduled_at: null,
      updated_at: now,
    })
    .where("id", "=", post.id)
    .execute();
  await recordPostEvent(trx, post, null, now, "approval-expired", {
    audit: { revision: post.revision, scheduledAt: post.scheduled_at?.toISOString() ?? null },
  });
}
