// The policy's part of "waiting for you": comment on the draft, respond as staff representative, approve,
// publish, acknowledge, review. Who sees which follows the permission model (can), never a rule of its own.
import { consultationOpen, formatVersion, reviewState } from "../../core/policy";
import { formatUkDate, ukIsoDay } from "../../core/dates";
import type { AppContext } from "../context";
import type { WaitingItem, WaitingMember } from "../waiting/waiting";
import { unacknowledgedMembers } from "./acknowledgements";
import { loadOpenDraft, loadPublished } from "./policy-store";
import { can } from "../../core/permissions";
import { loadPermissionMember } from "../members/role-grants";
import { policyResource, versionResource } from "./policy-permissions";

/** What the policy waits on this member for, today. */
export async function policyWaitingItems(ctx: AppContext, who: WaitingMember): Promise<WaitingItem[]> {
  const items: WaitingItem[] = [];
  const member = await loadPermissionMember(ctx.db, who.practiceId, who.userId);
  if (!member) return items;
  const today = ukIsoDay(ctx.now());
  const draft = await loadOpenDraft(ctx.db, who.practiceId);
  const onDraft = draft ? await versionResource(ctx.db, draft) : null;
  if (draft && onDraft && draft.status === "consultation") {
    const version = formatVersion(draft);
    const path = `policy/versions/${draft.id}`;
    const closes = draft.consultation_closes_on;
    const commented = await ctx.db
      .selectFrom("policy_comments")
      .select("id")
      .where("version_id", "=", draft.id)
      .where("author_id", "=", who.userId)
      .executeTakeFirst();
    if (!commented && consultationOpen(closes, today) && can(member, "comment", onDraft))
      items.push({
        id: `policy:comment:${draft.id}`,
        kind: "policy.comment",
        title: "Comment on the draft social media policy",
        description: closes
          ? `Version ${version} is out for consultation until ${formatUkDate(closes)}.`
          : `Version ${version} is out for consultation.`,
        path,
        ...(closes ? { dueOn: closes } : {}),
      });
    if (can(member, "record-staff-view", onDraft)) {
      const latest = await ctx.db
        .selectFrom("policy_staff_rep_decisions")
        .select("revision")
        .where("version_id", "=", draft.id)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .executeTakeFirst();
      if (latest?.revision !== draft.revision)
        items.push({
          id: `policy:staff-rep:${draft.id}`,
          kind: "policy.staff-rep",
          title: "Respond to the draft policy as staff representative",
          description: latest
            ? "The draft has changed since you last responded: say whether staff agree with it now."
            : "Say whether staff agree with the draft or object to it. It cannot be approved until you do.",
          path,
          ...(closes ? { dueOn: closes } : {}),
        });
    }
    if (can(member, "edit", onDraft)) {
      const asked = await ctx.db
        .selectFrom("policy_change_requests")
        .select("id")
        .where("version_id", "=", draft.id)
        .where("revision", "=", draft.revision)
        .where("user_id", "<>", who.userId)
        .executeTakeFirst();
      if (asked)
        items.push({
          id: `policy:changes:${draft.id}`,
          kind: "policy.changes-requested",
          title: "Make the changes an approver asked for",
          description: `An approver has sent version ${version} back with a note of what to change.`,
          path,
        });
    }
    if (can(member, "approve", onDraft))
      items.push({
        id: `policy:approve:${draft.id}`,
        kind: "policy.approve",
        title: "Approve the draft social media policy",
        description: `Version ${version} is ready for your approval.`,
        path,
      });
  }
  if (draft && onDraft && can(member, "publish", onDraft))
    items.push({
      id: `policy:publish:${draft.id}`,
      kind: "policy.publish",
      title: "Publish the approved social media policy",
      description: `Version ${formatVersion(draft)} has been approved and is ready to publish.`,
      path: `policy/versions/${draft.id}`,
    });
  const published = await loadPublished(ctx.db, who.practiceId);
  if (published) {
    const unread = await unacknowledgedMembers(ctx.db, who.practiceId, published.major);
    if (unread.some((m) => m.userId === who.userId))
      items.push({
        id: `policy:acknowledge:${published.id}`,
        kind: "policy.acknowledge",
        title: "Read and acknowledge the social media policy",
        description: `Version ${formatVersion(published)} is new to you.`,
        path: "policy/read",
      });
    const due = published.review_due;
    const state = due ? reviewState(due, today) : "ok";
    if (due && state !== "ok" && can(member, "set-review-date", await policyResource(ctx.db, who.practiceId)))
      items.push({
        id: `policy:review:${published.id}`,
        kind: "policy.review",
        title: "Review the social media policy",
        description:
          state === "overdue"
            ? `The review was due on ${formatUkDate(due)}. Start a new draft, or set a new review date.`
            : `The review is due on ${formatUkDate(due)}.`,
        path: "policy",
        dueOn: due,
        urgent: state === "overdue",
      });
  }
  return items;
}
