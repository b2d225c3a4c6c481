// The channels list and what the practice manager changes on a channel: its footer and its security checklist.
import { authorize, allowedActions, type ChannelResource } from "../../core/permissions";
import { appendAudit } from "../audit/audit-log";
import type { AppContext } from "../context";
import { actingPostMember } from "../posts/permissions";
import {
  channelView,
  ensureWebsiteChannel,
  loadChannel,
  loadChannels,
  type ChannelRow,
  type ChannelSecurity,
} from "./channels";

const resourceOf = (row: ChannelRow): ChannelResource => ({ type: "channel", kind: row.kind });

export type ChannelView = ReturnType<typeof channelView>;

/** Every channel of the practice (the website channel is made on first use), with what the member may do. */
export async function listChannels(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string },
): Promise<ChannelView[]> {
  const member = await actingPostMember(ctx.db, practiceId, actor.userId);
  authorize(member, "view-posts", { type: "practice" });
  await ensureWebsiteChannel(ctx.db, practiceId, ctx.now());
  return (await loadChannels(ctx.db, practiceId)).map((c) =>
    channelView(c, allowedActions(member, resourceOf(c))),
  );
}

export interface ChannelUpdate {
  /** null: the standard footer; "" for none. */
  footer: string | null;
  security: ChannelSecurity;
}

/** The practice manager sets a channel's footer and records its security review. */
export async function updateChannel(
  ctx: AppContext,
  practiceId: string,
  channelId: string,
  actor: { userId: string },
  input: ChannelUpdate,
): Promise<ChannelView> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadChannel(trx, practiceId, channelId, true);
    const member = await actingPostMember(trx, practiceId, actor.userId);
    authorize(member, "manage-channel", resourceOf(row));
    const now = ctx.now();
    const footer = input.footer === null ? null : input.footer.trim();
    const updated = await trx
      .updateTable("channels")
      .set({ footer, security: JSON.stringify(input.security), updated_at: now })
      .where("id", "=", row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const before = (typeof row.security === "string" ? JSON.parse(row.security) : row.security) as {
      lastReviewedOn?: string | null;
    } | null;
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: "channel.updated",
        targetType: "channel",
        targetId: row.id,
        details: {
          footerChanged: footer !== row.footer,
          standardFooter: footer === null,
          twoFactor: input.security.twoFactor,
          reviewedOn: input.security.lastReviewedOn,
          reviewRecorded: (before?.lastReviewedOn ?? null) !== input.security.lastReviewedOn,
        },
      },
      now,
    );
    return channelView(updated, allowedActions(member, resourceOf(updated)));
  });
}
