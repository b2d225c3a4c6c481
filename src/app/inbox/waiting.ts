// The inbox's part of "waiting for you": new conversations waiting for someone (for whoever may see the inbox),
// and each complaint still to acknowledge with its day (for whoever may manage it). Who sees what follows the
// permission model.
import { formatUkDate } from "../../core/dates";
import { can, type PermissionMember } from "../../core/permissions";
import { replyResource } from "./replies";
import type { AppContext } from "../context";
import { loadPermissionMember } from "../members/role-grants";
import type { WaitingItem, WaitingMember } from "../waiting/waiting";

export async function inboxWaitingItems(ctx: AppContext, who: WaitingMember): Promise<WaitingItem[]> {
  const member = await loadPermissionMember(ctx.db, who.practiceId, who.userId);
  if (!member || !can(member, "view-inbox", { type: "practice" })) return [];
  const open = await ctx.db
    .selectFrom("inbox_conversations")
    .select(["id", "priority", "category", "acknowledge_by", "status"])
    .where("practice_id", "=", who.practiceId)
    .where("status", "in", ["new", "in_progress", "awaiting_approval"])
    .execute();
  const items: WaitingItem[] = [];
  const fresh = open.filter((c) => c.status === "new");
  if (fresh.length)
    items.push({
      id: "inbox:new",
      kind: "inbox.new",
      title: `${fresh.length} new conversation${fresh.length === 1 ? "" : "s"} in the inbox`,
      description: fresh.some((c) => c.priority === "urgent")
        ? "Some are urgent: open the inbox now."
        : "Read them and decide who answers.",
      path: "inbox?status=new",
      ...(fresh.some((c) => c.priority === "urgent") ? { urgent: true } : {}),
    });
  if (can(member, "manage-inbox", { type: "practice" }))
    for (const c of open)
      if (c.acknowledge_by)
        items.push({
          id: `inbox:acknowledge:${c.id}`,
          kind: "inbox.acknowledge-complaint",
          title: "Acknowledge a complaint",
          description: `NHS complaints are acknowledged within 3 working days: by ${formatUkDate(c.acknowledge_by)}.`,
          path: `inbox/${c.id}`,
          dueOn: c.acknowledge_by,
        });
  items.push(...(await replyWaitingItems(ctx, who, member)));
  return items;
}

/** Replies to approve (not one's own), replies sent back to their author, and replies a person must settle. */
async function replyWaitingItems(
  ctx: AppContext,
  who: WaitingMember,
  member: PermissionMember,
): Promise<WaitingItem[]> {
  const rows = await ctx.db
    .selectFrom("inbox_replies")
    .selectAll()
    .where("practice_id", "=", who.practiceId)
    .where("state", "in", ["awaiting-approval", "changes-requested", "failed", "needs-check", "post-by-hand"])
    .execute();
  const now = ctx.now();
  const items: WaitingItem[] = [];
  const toApprove = rows.filter((r) => can(member, "approve-reply", replyResource(r, now)));
  if (toApprove.length)
    items.push({
      id: "inbox:approve-replies",
      kind: "inbox.approve-reply",
      title: `Approve ${toApprove.length === 1 ? "a reply" : `${toApprove.length} replies`} to patients`,
      description: "Someone else wrote them: read each, then approve it or send it back with a note.",
      path:
        toApprove.length === 1 ? `inbox/${toApprove[0]!.conversation_id}` : "inbox?status=awaiting_approval",
      mail: "optional",
    });
  for (const r of rows) {
    if (r.state === "changes-requested" && r.author_id === who.userId)
      items.push({
        id: `inbox:reply-changes:${r.id}`,
        kind: "inbox.reply-changes",
        title: "Change a reply an approver sent back",
        description: "Read the approver's note, change the reply and send it again.",
        path: `inbox/${r.conversation_id}`,
      });
    else if (r.state !== "awaiting-approval" && can(member, "resolve-reply", replyResource(r, now)))
      items.push({
        id: `inbox:reply-resolve:${r.id}`,
        kind: `inbox.reply-${r.state}`,
        title:
          r.state === "post-by-hand"
            ? "Post an approved reply by hand"
            : r.state === "needs-check"
              ? "Check whether a reply was posted"
              : "A reply was not sent",
        description:
          r.state === "post-by-hand"
            ? "safepost cannot answer on this channel: copy the reply there, then say you have posted it."
            : (r.outcome_message ?? "Look at it and send it again."),
        path: `inbox/${r.conversation_id}`,
        ...(r.state === "post-by-hand" ? {} : { urgent: true }),
      });
  }
  return items;
}
