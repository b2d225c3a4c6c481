// The inbox's part of "waiting for you": new conversations waiting for someone (for whoever may see the inbox),
// and each complaint still to acknowledge with its day (for whoever may manage it). Who sees what follows the
// permission model.
import { formatUkDate } from "../../core/dates";
import { can } from "../../core/permissions";
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
  return items;
}
