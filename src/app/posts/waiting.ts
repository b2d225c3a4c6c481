// Practice posts' part of "waiting for you": posts to approve, changes asked for on your own posts, deliveries
// that failed or need a person to check them, channels to reconnect and account security reviews due. Who sees
// which follows the permission model (can), never a rule of its own.
import { addDays, formatUkDate, ukIsoDay } from "../../core/dates";
import { can } from "../../core/permissions";
import type { AppContext } from "../context";
import { loadPermissionMember } from "../members/role-grants";
import type { WaitingItem, WaitingMember } from "../waiting/waiting";
import { securityOf } from "../channels/channels";
import { postResource, type PostRow } from "./post-store";

/** A channel's security checklist is reviewed at least once a year. */
export const SECURITY_REVIEW_DAYS = 365;

export async function postsWaitingItems(ctx: AppContext, who: WaitingMember): Promise<WaitingItem[]> {
  const member = await loadPermissionMember(ctx.db, who.practiceId, who.userId);
  if (!member) return [];
  const items: WaitingItem[] = [];
  const posts = (await ctx.db
    .selectFrom("posts")
    .selectAll()
    .where("practice_id", "=", who.practiceId)
    .where("state", "in", ["awaiting-approval", "changes-requested", "failed", "needs-check"])
    .orderBy("updated_at")
    .execute()) as PostRow[];
  const authors = new Map(
    (
      await ctx.db
        .selectFrom("users")
        .select(["id", "name"])
        .where("id", "in", [...new Set(posts.map((p) => p.author_id)), who.userId])
        .execute()
    ).map((u) => [u.id, u.name]),
  );
  for (const post of posts) {
    const resource = await postResource(ctx.db, post);
    const path = `posts/${post.id}`;
    const when = post.scheduled_at ? ` It is due to go out on ${formatUkDate(post.scheduled_at)}.` : "";
    if (post.state === "awaiting-approval" && can(member, "approve-post", resource))
      items.push({
        id: `posts:approve:${post.id}`,
        kind: "posts.approve",
        title: `Approve a post by ${authors.get(post.author_id) ?? "a colleague"}`,
        description: `Read it with the checker's findings, then approve it or ask for changes.${when}`,
        path,
        mail: "optional",
        ...(post.scheduled_at ? { dueOn: ukIsoDay(post.scheduled_at) } : {}),
      });
    if (post.state === "changes-requested" && post.author_id === who.userId)
      items.push({
        id: `posts:changes:${post.id}`,
        kind: "posts.changes-requested",
        title: "Change your post as the approver asked",
        description: "Then send it for approval again.",
        path,
      });
    if (
      (post.state === "failed" || post.state === "needs-check") &&
      can(member, "view-posts", { type: "practice" })
    ) {
      const check = post.state === "needs-check";
      if (!check && !member.roles.some((r) => r === "poster" || r === "admin")) continue;
      if (check && !can(member, "resolve-delivery", resource)) continue;
      items.push({
        id: `posts:${post.state}:${post.id}`,
        kind: check ? "posts.needs-check" : "posts.failed",
        title: check ? "Check whether a post went out" : "A post could not be published",
        description: check
          ? "safepost lost the platform's answer. Look on the platform, then say whether it was posted."
          : "See why on the post, then publish it again or change it.",
        path,
        urgent: true,
        mail: "essential",
      });
    }
  }

  const channels = await ctx.db
    .selectFrom("channels")
    .select(["id", "kind", "name", "status", "security"])
    .where("practice_id", "=", who.practiceId)
    .execute();
  const today = ukIsoDay(ctx.now());
  const leavers = (
    await ctx.db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select(["users.id", "users.name", "memberships.deactivated_at"])
      .where("memberships.practice_id", "=", who.practiceId)
      .where("memberships.deactivated_at", "is not", null)
      .execute()
  ).map((r) => ({ id: r.id, name: r.name, left: r.deactivated_at as Date }));
  for (const c of channels) {
    const resource = { type: "channel" as const, kind: c.kind };
    if (c.status === "reconnect-needed" && can(member, "connect-channel", resource))
      items.push({
        id: `channels:reconnect:${c.id}`,
        kind: "channels.reconnect",
        title: `Reconnect ${c.name}`,
        description: "Its posts are held until it is reconnected.",
        path: "channels",
        urgent: true,
        mail: "essential",
      });
    if (c.kind === "website" || !can(member, "manage-channel", resource)) continue;
    const security = securityOf(c);
    for (const leaver of leavers.filter((l) => security?.membersWithAccess.includes(l.id)))
      items.push({
        id: `channels:leaver:${c.id}:${leaver.id}`,
        kind: "channels.leaver-access",
        title: `Change the password of ${c.name} and remove ${leaver.name}'s access`,
        description: `${leaver.name} left the practice on ${formatUkDate(leaver.left)} and could still sign in to this account. Then record it on the Channels page.`,
        path: "channels",
        urgent: true,
        mail: "essential",
      });
    const last = security?.lastReviewedOn ?? null;
    const due = last ? addDays(last, SECURITY_REVIEW_DAYS) : today;
    if (due <= today)
      items.push({
        id: `channels:security:${c.id}`,
        kind: "channels.security-review",
        title: `Review the account security of ${c.name}`,
        description: last
          ? `Last reviewed on ${formatUkDate(last)}: check two-step sign-in, who has access and the recovery email.`
          : "Check two-step sign-in, who has access and the recovery email, and record the review.",
        path: "channels",
        dueOn: due,
        mail: "optional",
      });
  }
  return items;
}
