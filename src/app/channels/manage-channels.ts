// The channels list and what the practice manager changes on a channel: its footer and its security checklist.
import { ukIsoDay } from "../../core/dates";
import { AppError, notFound } from "../../core/errors";
import { isUuid, knownIdShape } from "../../core/ids";
import { authorize, allowedActions, type ChannelResource } from "../../core/permissions";
import type { Db } from "../../store/database";
import { appendAudit } from "../audit/audit-log";
import type { AppContext } from "../context";
import { actingPostMember } from "../posts/permissions";
import {
  channelView,
  ensureWebsiteChannel,
  loadChannel,
  loadChannels,
  securityOf,
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
  /** The list of members with access and the password's change date are kept when left out. */
  security: Omit<ChannelSecurity, "membersWithAccess" | "passwordChangedOn"> & {
    membersWithAccess?: string[] | undefined;
    passwordChangedOn?: string | null | undefined;
  };
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
    const previous = securityOf(row);
    const changedOn = input.security.passwordChangedOn;
    if (changedOn && changedOn > ukIsoDay(now))
      throw new AppError("invalid-input", "The password's change date must be today or in the past.", {
        passwordChangedOn: "The password's change date must be today or in the past.",
      });
    const security: ChannelSecurity = {
      ...input.security,
      membersWithAccess: await checkedMembers(
        trx,
        practiceId,
        input.security.membersWithAccess ?? previous?.membersWithAccess ?? [],
        previous,
      ),
      passwordChangedOn: changedOn ?? previous?.passwordChangedOn ?? null,
    };
    const updated = await trx
      .updateTable("channels")
      .set({ footer, security: JSON.stringify(security), updated_at: now })
      .where("id", "=", row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
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
          reviewRecorded: (previous?.lastReviewedOn ?? null) !== input.security.lastReviewedOn,
          membersWithAccess: security.membersWithAccess.length,
        },
      },
      now,
    );
    return channelView(updated, allowedActions(member, resourceOf(updated)));
  });
}

/**
 * The members named as able to sign in to a platform account must be this practice's members. A member who
 * has left may stay on the list only if they were on it already (the practice manager still has to change
 * the password); nobody who has left can be added.
 */
async function checkedMembers(
  db: Db,
  practiceId: string,
  ids: readonly string[],
  previous: ChannelSecurity | null,
): Promise<string[]> {
  const unique = [...new Set(ids)];
  const refuse = () =>
    new AppError("invalid-input", "Choose the people with access from the practice's current members.", {
      membersWithAccess: "Choose the people with access from the practice's current members.",
    });
  if (unique.some((id) => !isUuid(id))) throw refuse();
  if (!unique.length) return [];
  const rows = await db
    .selectFrom("memberships")
    .select(["user_id", "deactivated_at"])
    .where("practice_id", "=", practiceId)
    .where("user_id", "in", unique)
    .execute();
  const found = new Map(rows.map((r) => [r.user_id, r.deactivated_at]));
  const before = new Set(previous?.membersWithAccess ?? []);
  for (const id of unique) {
    if (!found.has(id)) throw refuse();
    if (found.get(id) !== null && !before.has(id)) throw refuse();
  }
  return unique;
}

/**
 * The practice manager records that a member who left no longer has access to a platform account: the
 * account's password was changed and their access removed on the platform. The member comes off the list
 * and the password's change date is today (UK).
 */
export async function recordAccessRemoved(
  ctx: AppContext,
  practiceId: string,
  channelId: string,
  userId: string,
  actor: { userId: string },
): Promise<ChannelView> {
  knownIdShape(userId, "That member");
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadChannel(trx, practiceId, channelId, true);
    const member = await actingPostMember(trx, practiceId, actor.userId);
    authorize(member, "manage-channel", resourceOf(row));
    const security = securityOf(row);
    if (!security?.membersWithAccess.includes(userId))
      throw notFound("That member on this channel's access list");
    const now = ctx.now();
    const next: ChannelSecurity = {
      ...security,
      membersWithAccess: security.membersWithAccess.filter((id) => id !== userId),
      passwordChangedOn: ukIsoDay(now),
    };
    const updated = await trx
      .updateTable("channels")
      .set({ security: JSON.stringify(next), updated_at: now })
      .where("id", "=", row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: "channel.access-removed",
        targetType: "channel",
        targetId: row.id,
        details: { memberId: userId, passwordChangedOn: next.passwordChangedOn },
      },
      now,
    );
    return channelView(updated, allowedActions(member, resourceOf(updated)));
  });
}
