// My accounts' part of "waiting for you": the member's own check, until it is complete against today's checklist.
// A platform the practice adds makes a completed check incomplete, so the item comes back until it is answered.
// The policy's text only changes which clause each item links to, never what is asked, so it does not.
import { can } from "../../core/permissions";
import { checklistProgress, currentAnswers } from "../../core/my-accounts";
import type { AppContext } from "../context";
import { loadPermissionMember } from "../members/role-grants";
import type { WaitingItem, WaitingMember } from "../waiting/waiting";
import { completedAt } from "./check";
import { ownCheck, practiceChecklist } from "./store";

/** The member's own check, when it is not complete. Never mailed: it is private, and nobody chases it. */
export async function myAccountsWaitingItems(ctx: AppContext, who: WaitingMember): Promise<WaitingItem[]> {
  const member = await loadPermissionMember(ctx.db, who.practiceId, who.userId);
  if (!member || !can(member, "use-my-accounts", { type: "practice" })) return [];
  const { checklist } = await practiceChecklist(ctx.db, who.practiceId);
  const check = await ownCheck(ctx.db, who.practiceId, who.userId, ctx.now());
  if (completedAt(checklist, check)) return [];
  const answers = currentAnswers(checklist, check.answers);
  const progress = checklistProgress(checklist, answers);
  const left = progress.platforms.filter((p) => p.state !== "complete" && p.state !== "not-used").length;
  const started = Object.keys(answers).length > 0;
  return [
    {
      id: "my-accounts:check",
      kind: "my-accounts.check",
      title: started
        ? "Finish the check of your own social media accounts"
        : "Check your own social media accounts",
      description: started
        ? `${left === 1 ? "1 platform is" : `${left} platforms are`} still to finish. Your answers stay private to you.`
        : "Go through the practice's checklist for each platform you use. Your answers stay private to you.",
      path: "my-accounts",
    },
  ];
}
