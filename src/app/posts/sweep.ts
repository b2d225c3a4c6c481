// Every minute: deliveries whose runner died mid-publish go to a person ("check whether this was posted"), never
// back to the queue; approvals that could not be acted on within their window go back for review; and a due
// delivery whose job was lost gets a new one (the claim makes an extra job harmless).
import type { AppContext } from "../context";
import { approvalWindowMs, enqueuePublish, expireApproval, syncPostState } from "./deliveries";
import { loadPost, recordPostEvent } from "./post-store";
import { CHECK_MESSAGE, STUCK_AFTER_MS } from "./publish";

/** A due delivery with no run for this long gets a new job. */
const LOST_AFTER_MS = 2 * 60_000;

export interface SweepResult {
  stuck: number;
  expired: number;
  requeued: number;
}

export async function sweepDeliveries(ctx: AppContext): Promise<SweepResult> {
  const now = ctx.now();
  const result: SweepResult = { stuck: 0, expired: 0, requeued: 0 };
  const stuck = await ctx.db
    .selectFrom("deliveries")
    .select(["id", "post_id", "practice_id"])
    .where("state", "=", "publishing")
    .where("claimed_at", "<", new Date(now.getTime() - STUCK_AFTER_MS))
    .execute();
  for (const d of stuck)
    await ctx.db.transaction().execute(async (trx) => {
      const post = await loadPost(trx, d.practice_id, d.post_id, true);
      const moved = await trx
        .updateTable("deliveries")
        .set({ state: "needs-check", error: CHECK_MESSAGE, updated_at: now })
        .where("id", "=", d.id)
        .where("state", "=", "publishing")
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return;
      result.stuck++;
      await syncPostState(trx, post.id, now);
      await recordPostEvent(trx, post, null, now, "needs-check", {
        audit: { deliveryId: d.id, reason: "no-answer" },
      });
    });

  const waiting = await ctx.db
    .selectFrom("deliveries")
    .select(["id", "post_id", "practice_id", "state", "due_at"])
    .where("state", "in", ["scheduled", "held"])
    .where("due_at", "<", new Date(now.getTime() - LOST_AFTER_MS))
    .orderBy("due_at")
    .limit(1000)
    .execute();
  const windows = new Map<string, number>();
  for (const d of waiting) {
    if (!windows.has(d.practice_id))
      windows.set(d.practice_id, await approvalWindowMs(ctx.db, d.practice_id));
    const late = now.getTime() - d.due_at.getTime();
    if (late > windows.get(d.practice_id)!) {
      await ctx.db.transaction().execute(async (trx) => {
        const post = await loadPost(trx, d.practice_id, d.post_id, true);
        if (!post.approved_at) return;
        await expireApproval(trx, post, now);
        result.expired++;
      });
    } else if (d.state === "scheduled") {
      // One new job per minute at most (the key), so a busy sweep never piles them up.
      const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
      await enqueuePublish(ctx, ctx.db, d, minute);
      result.requeued++;
    }
  }
  return result;
}
