// "Waiting for you" by email: every few minutes each member is mailed what has newly come to wait for them,
// once per thing. Essential items (a post that failed, a channel to reconnect, a leaver's access to remove)
// are always mailed; the rest only while the member keeps the optional emails on. Items whose own area
// already sends a mail (the policy's requests, a post's changes asked for) carry no `mail` and are skipped.
import type { Role } from "../../core/roles";
import type { Db } from "../../store/database";
import type { AppContext } from "../context";
import { activeMembers, loadPractice } from "../policy/policy-store";
import { waitingFor, waitingProviders, type WaitingItem, type WaitingProvider } from "./waiting";

export interface NotifyOutcome {
  /** Mails queued. */
  mailed: number;
}

/** Records that these people were told of an item some other way (a mail of its own), so it is not mailed twice. */
export async function markNotified(
  db: Db,
  practiceId: string,
  userIds: readonly string[],
  itemId: string,
  now: Date,
): Promise<void> {
  if (!userIds.length) return;
  await db
    .insertInto("waiting_notices")
    .values(
      userIds.map((userId) => ({
        practice_id: practiceId,
        user_id: userId,
        item_id: itemId,
        notified_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(["practice_id", "user_id", "item_id"]).doNothing())
    .execute();
}

/** The `waiting.notify` job: mails each member of every practice what newly waits for them. */
export async function notifyWaiting(
  ctx: AppContext,
  providers: readonly WaitingProvider[] = waitingProviders,
): Promise<NotifyOutcome> {
  const practices = await ctx.db.selectFrom("practices").select("id").orderBy("slug").execute();
  let mailed = 0;
  for (const { id } of practices) mailed += await notifyPractice(ctx, id, providers);
  return { mailed };
}

async function notifyPractice(
  ctx: AppContext,
  practiceId: string,
  providers: readonly WaitingProvider[],
): Promise<number> {
  const members = await activeMembers(ctx.db, practiceId);
  if (!members.length) return 0;
  const optOut = new Set(
    (
      await ctx.db
        .selectFrom("users")
        .select("id")
        .where(
          "id",
          "in",
          members.map((m) => m.userId),
        )
        .where("optional_emails", "=", false)
        .execute()
    ).map((u) => u.id),
  );
  let mailed = 0;
  const practice = await loadPractice(ctx.db, practiceId);
  for (const member of members) {
    const items = (
      await waitingFor(ctx, { practiceId, userId: member.userId, roles: member.roles as Role[] }, providers)
    ).filter((i) => i.mail);
    const fresh = await claimNew(ctx, practiceId, member.userId, items);
    const send = fresh.filter((i) => i.mail === "essential" || !optOut.has(member.userId));
    if (!send.length) continue;
    await ctx.mailer.send({
      to: member.email,
      practiceId,
      subject:
        send.length === 1
          ? `Waiting for you in safepost: ${send[0]!.title}`
          : `${send.length} things are waiting for you in safepost for ${practice.name}`,
      text: [
        `Hello ${member.name},`,
        "",
        send.length === 1
          ? `This is waiting for you at ${practice.name}:`
          : `These are waiting for you at ${practice.name}:`,
        "",
        ...send.flatMap((i) => [
          `- ${i.title}${i.urgent ? " (urgent)" : ""}`,
          ...(i.description ? [`  ${i.description}`] : []),
          `  ${ctx.baseUrl}/practice/${practiceId}/${i.path}`,
        ]),
        "",
        optOut.has(member.userId)
          ? "You turned off the emails that are not essential; this one is essential."
          : "You can turn off the emails that are not essential on your account page:",
        `${ctx.baseUrl}/account/emails`,
      ].join("\n"),
    });
    mailed++;
  }
  return mailed;
}

/**
 * Remembers the member's current mailable items and answers those not remembered before. The insert skips
 * what another instance recorded first, so an item is mailed by one of them only. Items no longer waiting are
 * forgotten, so one that comes back (a post sent for approval again) is mailed again.
 */
async function claimNew(
  ctx: AppContext,
  practiceId: string,
  userId: string,
  items: readonly WaitingItem[],
): Promise<WaitingItem[]> {
  const ids = items.map((i) => i.id);
  let forget = ctx.db
    .deleteFrom("waiting_notices")
    .where("practice_id", "=", practiceId)
    .where("user_id", "=", userId);
  if (ids.length) forget = forget.where("item_id", "not in", ids);
  await forget.execute();
  if (!ids.length) return [];
  const now = ctx.now();
  const claimed = await ctx.db
    .insertInto("waiting_notices")
    .values(
      ids.map((itemId) => ({ practice_id: practiceId, user_id: userId, item_id: itemId, notified_at: now })),
    )
    .onConflict((oc) => oc.columns(["practice_id", "user_id", "item_id"]).doNothing())
    .returning("item_id")
    .execute();
  const fresh = new Set(claimed.map((r) => r.item_id));
  return items.filter((i) => fresh.has(i.id));
}
