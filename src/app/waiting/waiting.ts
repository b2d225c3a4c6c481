// "Waiting for you" on a practice's home page: what each member has to do, gathered from every part of the
// product. Each part (the policy now; posts, the inbox and incidents later) registers one provider here.
import type { Role } from "../../core/roles";
import type { AppContext } from "../context";
import { policyWaitingItems } from "../policy/waiting";
import { postsWaitingItems } from "../posts/waiting";
import { inboxWaitingItems } from "../inbox/waiting";
import { myAccountsWaitingItems } from "../my-accounts/waiting";

/** One thing a member has to do. */
export interface WaitingItem {
  /** Stable within the member's list, e.g. "policy:acknowledge:<versionId>". */
  id: string;
  /** What kind of task, for icons and tests: "policy.comment", "policy.approve"… */
  kind: string;
  /** The task in a few words, as a link text: "Comment on the draft social media policy". */
  title: string;
  /** One sentence more, or none. */
  description?: string;
  /** Where it is done, under /practice/:practiceId/ (no leading slash). */
  path: string;
  /** The day it is due by (ISO), when there is one; the list is sorted by it. */
  dueOn?: string;
  /** Overdue or otherwise pressing: shown first and marked. */
  urgent?: boolean;
  /**
   * Mailed to the member when it first waits for them (the waiting.notify job): "essential" always, "optional"
   * unless they turned those emails off. Left out where the item's own area already sends a mail about it.
   */
  mail?: "essential" | "optional";
}

/** Whom the list is for. */
export interface WaitingMember {
  practiceId: string;
  userId: string;
  roles: readonly Role[];
}

export type WaitingProvider = (ctx: AppContext, member: WaitingMember) => Promise<WaitingItem[]>;

/** Every provider, in the order their items show when nothing else orders them. Add one line per area. */
export const waitingProviders: WaitingProvider[] = [
  policyWaitingItems,
  postsWaitingItems,
  inboxWaitingItems,
  myAccountsWaitingItems,
];

/** The member's list: urgent first, then by due day (undated last), then in provider order. */
export async function waitingFor(
  ctx: AppContext,
  member: WaitingMember,
  providers: readonly WaitingProvider[] = waitingProviders,
): Promise<WaitingItem[]> {
  const lists = await Promise.all(providers.map((p) => p(ctx, member)));
  return lists
    .flat()
    .map((item, order) => ({ item, order }))
    .sort(
      (a, b) =>
        Number(!!b.item.urgent) - Number(!!a.item.urgent) ||
        (a.item.dueOn ?? "9999").localeCompare(b.item.dueOn ?? "9999") ||
        a.order - b.order,
    )
    .map((x) => x.item);
}
