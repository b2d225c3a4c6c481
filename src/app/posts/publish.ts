// The publishing job for one delivery. Exactly once: the delivery is claimed (scheduled → publishing) and that
// is committed before the platform is called; a second runner, a retried job or a restarted instance finds it
// publishing and sends nothing. After the call the platform's id and address are recorded. An outcome that is
// not known is never sent again blindly: the adapter looks for the post, else a person is asked to check.
import {
  ChannelError,
  type ChannelAdapter,
  type ChannelConnection,
  type OutgoingPost,
  type PublishedRef,
} from "../../channels/adapter";
import { adapterFor } from "../../channels/registry";
import type { Db } from "../../store/database";
import { secretsOf } from "../auth/secret-box";
import { appendAudit } from "../audit/audit-log";
import { channelKindOf, kindName, type ChannelRow } from "../channels/channels";
import type { AppContext } from "../context";
import { loadPractice } from "../policy/policy-store";
import { approvalWindowMs, enqueuePublish, expireApproval, syncPostState } from "./deliveries";
import { loadOutgoingImages } from "./images";
import { loadPost, recordPostEvent, type PostRow } from "./post-store";
import { contentOf } from "./review";
import { previewOn } from "./targets";

/** How long one platform call may take before its outcome counts as unknown. */
export const PUBLISH_TIMEOUT_MS = 120_000;
/** A delivery still `publishing` this long after it was claimed: its runner died; a person checks it. */
export const STUCK_AFTER_MS = 15 * 60_000;
/** Tries of a platform that keeps answering "try later" before the delivery is marked failed. */
export const MAX_ATTEMPTS = 8;

export const CHECK_MESSAGE =
  "safepost could not tell whether this was posted (the platform did not answer in time). Check the channel: if it is there, give its address; if not, publish it again.";

export type PublishOutcome =
  "skipped" | "published" | "retry" | "held" | "failed" | "needs-check" | "manual" | "returned-to-review";

interface Claimed {
  deliveryId: string;
  post: PostRow;
  channel: ChannelRow;
  adapter: ChannelAdapter;
  outgoing: Omit<OutgoingPost, "images">;
  attempts: number;
}

/** The backoff before try `attempt` (1-based): 30 s doubling, at most an hour, or what the platform asked. */
export function retryDelayMs(attempt: number, retryAfterSeconds?: number): number {
  const backoff = Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return retryAfterSeconds !== undefined ? Math.max(retryAfterSeconds * 1000, 1000) : backoff;
}

/** Sets a delivery's outcome and the post's state from its deliveries, with a timeline step and audit. */
async function settle(
  trx: Db,
  ctx: AppContext,
  post: PostRow,
  channel: ChannelRow,
  deliveryId: string,
  set: {
    state: string;
    error?: string | null;
    url?: string | null;
    platform_id?: string | null;
    due_at?: Date;
    published_at?: Date;
  },
  event: string | null,
): Promise<void> {
  const now = ctx.now();
  // The post first, then the delivery, as claimDelivery does: two settlements of one post's deliveries, or a
  // settlement and a duplicate job's claim, then wait for each other instead of deadlocking.
  await trx.selectFrom("posts").select("id").where("id", "=", post.id).forUpdate().execute();
  await trx
    .updateTable("deliveries")
    .set({ ...set, updated_at: now })
    .where("id", "=", deliveryId)
    .execute();
  await syncPostState(trx, post.id, now);
  if (event)
    await recordPostEvent(trx, post, null, now, event, {
      note: channel.name,
      audit: { deliveryId, channelId: channel.id, kind: channel.kind, state: set.state },
    });
}

/** Claims a due delivery in its own committed transaction, or says why not (and records that). The first half of a run. */
export async function claimDelivery(
  ctx: AppContext,
  practiceId: string,
  deliveryId: string,
): Promise<Claimed | PublishOutcome> {
  const found = await ctx.db
    .selectFrom("deliveries")
    .select("post_id")
    .where("id", "=", deliveryId)
    .where("practice_id", "=", practiceId)
    .executeTakeFirst();
  if (!found) return "skipped";
  return ctx.db.transaction().execute(async (trx): Promise<Claimed | PublishOutcome> => {
    // The post first, then the delivery: the order every other change takes, so none waits on another.
    const post = await loadPost(trx, practiceId, found.post_id, true);
    const d = await trx
      .selectFrom("deliveries")
      .selectAll()
      .where("id", "=", deliveryId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const now = ctx.now();
    if (d.state !== "scheduled" || d.due_at.getTime() > now.getTime() || !post.approved_at) return "skipped";
    const channel = await trx
      .selectFrom("channels")
      .selectAll()
      .where("id", "=", d.channel_id)
      .executeTakeFirstOrThrow();
    if (now.getTime() - d.due_at.getTime() > (await approvalWindowMs(trx, practiceId))) {
      await expireApproval(trx, post, now);
      return "returned-to-review";
    }
    const kind = channelKindOf(channel);
    if (channel.status === "reconnect-needed") {
      await settle(trx, ctx, post, channel, d.id, { state: "held", error: reconnectMessage(channel) }, null);
      return "held";
    }
    const adapter = adapterFor(kind);
    const preview = previewOn(await contentOf(trx, post), channel);
    if (!adapter || !adapter.capabilities.publishText) {
      const message = adapter
        ? `Post this on ${channel.name} by hand: copy the text and images, then mark it posted with its address.`
        : `safepost cannot publish to ${kindName(kind)} yet. Post it by hand, then mark it posted with its address.`;
      await trx
        .updateTable("deliveries")
        .set({ sent_text: preview.text, sent_link: preview.link })
        .where("id", "=", d.id)
        .execute();
      await settle(trx, ctx, post, channel, d.id, { state: "needs-check", error: message }, "ready-to-copy");
      return "manual";
    }
    const claimed = await trx
      .updateTable("deliveries")
      .set({
        state: "publishing",
        claimed_at: now,
        attempts: d.attempts + 1,
        sent_text: preview.text,
        sent_link: preview.link,
        updated_at: now,
      })
      .where("id", "=", d.id)
      .where("state", "=", "scheduled")
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return "skipped";
    await syncPostState(trx, post.id, now);
    return {
      deliveryId: d.id,
      post,
      channel,
      adapter,
      outgoing: { deliveryId: d.id, text: preview.text, link: preview.link },
      attempts: d.attempts + 1,
    };
  });
}

const reconnectMessage = (channel: ChannelRow): string =>
  `${channel.name} needs reconnecting: its sign-in has expired or was withdrawn. The post waits until it is reconnected.`;

/** The connection an adapter gets: where the platform's API is, the account, the decrypted credentials. */
async function connectionOf(ctx: AppContext, channel: ChannelRow): Promise<ChannelConnection> {
  const kind = channelKindOf(channel);
  let apiBase = channel.api_base ?? "";
  if (kind === "website") {
    const practice = await loadPractice(ctx.db, channel.practice_id);
    apiBase = `${ctx.baseUrl}/p/${practice.slug}/news`;
  }
  const credentials = channel.credentials_enc
    ? (JSON.parse(secretsOf(ctx).open(channel.credentials_enc, `channel:${channel.id}`)) as Record<
        string,
        string
      >)
    : {};
  return { kind, apiBase, accountId: channel.account_id ?? "", credentials };
}

/** The job: publishes one delivery once, and records what happened. */
export async function publishDelivery(
  ctx: AppContext,
  payload: { practiceId: string; deliveryId: string },
): Promise<PublishOutcome> {
  const c = await claimDelivery(ctx, payload.practiceId, payload.deliveryId);
  if (typeof c === "string") return c;
  const record = (fn: (trx: Db) => Promise<PublishOutcome>) => ctx.db.transaction().execute(fn);
  let conn: ChannelConnection;
  let post: OutgoingPost;
  try {
    conn = await connectionOf(ctx, c.channel);
    const content = await contentOf(ctx.db, c.post);
    const images = await loadOutgoingImages(
      ctx,
      c.post.practice_id,
      content.images.map((i) => i.id),
      content.images.map((i) => i.altText),
    );
    post = { ...c.outgoing, images };
  } catch {
    // Nothing was sent: the images or the credentials could not be read.
    return record(async (trx) => {
      await settle(
        trx,
        ctx,
        c.post,
        c.channel,
        c.deliveryId,
        {
          state: "failed",
          error: `safepost could not prepare this post for ${c.channel.name} (an image or the channel's sign-in could not be read). Nothing was sent.`,
        },
        "failed",
      );
      return "failed";
    });
  }
  try {
    const ref = await c.adapter.publish(conn, post, AbortSignal.timeout(PUBLISH_TIMEOUT_MS));
    return record(async (trx) => {
      await settle(
        trx,
        ctx,
        c.post,
        c.channel,
        c.deliveryId,
        {
          state: "published",
          url: ref.url,
          platform_id: ref.platformId,
          published_at: ctx.now(),
          error: null,
        },
        "published",
      );
      return "published";
    });
  } catch (err) {
    const e =
      err instanceof ChannelError
        ? err
        : new ChannelError("unknown-outcome", "The call to the platform ended unexpectedly.");
    // Looking for the post is a platform call too: made before the transaction that records the outcome.
    const found =
      e.kind === "unknown-outcome" && !c.adapter.capabilities.idempotencyKey && c.adapter.findPublished
        ? await c.adapter.findPublished(conn, post, AbortSignal.timeout(PUBLISH_TIMEOUT_MS)).catch(() => null)
        : null;
    return record((trx) => afterFailure(ctx, trx, c, e, found));
  }
}

/** What a failed platform call leads to, by its kind alone. */
async function afterFailure(
  ctx: AppContext,
  trx: Db,
  c: Claimed,
  e: ChannelError,
  found: PublishedRef | null,
): Promise<PublishOutcome> {
  const now = ctx.now();
  const settleAs = (set: Parameters<typeof settle>[5], event: string | null) =>
    settle(trx, ctx, c.post, c.channel, c.deliveryId, set, event);
  switch (e.kind) {
    case "retry": {
      if (c.attempts >= MAX_ATTEMPTS) {
        await settleAs(
          {
            state: "failed",
            error: `${c.channel.name} kept asking safepost to try later; it gave up after ${MAX_ATTEMPTS} tries. Nothing was posted.`,
          },
          "failed",
        );
        return "failed";
      }
      const at = new Date(now.getTime() + retryDelayMs(c.attempts, e.details.retryAfterSeconds));
      await settleAs({ state: "scheduled", due_at: at, error: e.message }, null);
      await enqueuePublish(ctx, trx, { id: c.deliveryId, practice_id: c.post.practice_id }, at);
      return "retry";
    }
    case "reconnect":
      await trx
        .updateTable("channels")
        .set({ status: "reconnect-needed", updated_at: now })
        .where("id", "=", c.channel.id)
        .execute();
      await appendAudit(
        trx,
        {
          practiceId: c.post.practice_id,
          actorId: null,
          action: "channel.reconnect-needed",
          targetType: "channel",
          targetId: c.channel.id,
          details: { kind: c.channel.kind },
        },
        now,
      );
      await settleAs({ state: "held", error: reconnectMessage(c.channel) }, "held");
      return "held";
    case "rejected": {
      const reason = e.details.platformReason ? ` ${c.channel.name} said: ${e.details.platformReason}` : "";
      await settleAs({ state: "failed", error: `${e.message}${reason}` }, "failed");
      return "failed";
    }
    case "unknown-outcome": {
      if (c.adapter.capabilities.idempotencyKey) {
        // The platform drops a repeat of the same key, so sending again cannot post twice.
        const at = new Date(now.getTime() + retryDelayMs(c.attempts));
        await settleAs({ state: "scheduled", due_at: at, error: e.message }, null);
        await enqueuePublish(ctx, trx, { id: c.deliveryId, practice_id: c.post.practice_id }, at);
        return "retry";
      }
      if (found) {
        await settleAs(
          {
            state: "published",
            url: found.url,
            platform_id: found.platformId,
            published_at: now,
            error: null,
          },
          "published",
        );
        return "published";
      }
      await settleAs({ state: "needs-check", error: CHECK_MESSAGE }, "needs-check");
      return "needs-check";
    }
  }
}
