// The cards on a practice's home page. Each capability adds its card here (a link, or a small live summary).
import type { ComponentType } from "react";
import type { PracticeAction } from "./api";
import type { PracticeScope } from "./layouts";
import PolicyHomeCard from "./pages/policy/PolicyHomeCard";

export interface HomeCardProps {
  scope: PracticeScope;
}

export interface HomeCard {
  id: string;
  /** Shown only when the server allows the member this practice action; to everyone when omitted. */
  action?: PracticeAction;
  /** A plain link card: heading, description, and the path under /practice/:practiceId. */
  title?: string;
  description?: string;
  path?: string;
  /** Or a component that renders its own card body (fetching live figures, say). */
  component?: ComponentType<HomeCardProps>;
}

export const homeCards: HomeCard[] = [
  { id: "policy", component: PolicyHomeCard },
  {
    id: "oversight",
    action: "view-oversight",
    title: "Oversight",
    description:
      "Open cases and breach clocks, posts and replies to approve, the inbox, acknowledgements, reviews due, and what the checker caught.",
    path: "oversight",
  },
  {
    id: "check",
    title: "Check a post",
    description:
      "Before you post, see what could break the policy, word by word, with a suggested fix. Nothing you type is sent: it stays on your device.",
    path: "check",
  },
  {
    id: "posts",
    action: "view-posts",
    title: "Practice posts",
    description:
      "Draft posts for the practice's own accounts, have a colleague approve them, and schedule them. The calendar shows what is going out when.",
    path: "posts",
  },
  {
    id: "staff",
    title: "Staff",
    description: "Who is in the practice and what each person can do.",
    path: "staff",
  },
  {
    id: "outbox",
    action: "view-outbox",
    title: "Outbox",
    description: "Emails safepost has sent or is keeping for you, such as invitation links.",
    path: "outbox",
  },
  {
    id: "audit",
    action: "view-audit",
    title: "Audit log",
    description: "Every change made in safepost, with a check that nothing has been altered.",
    path: "audit",
  },
];

export function visibleHomeCards(
  allowed: readonly PracticeAction[],
  cards: readonly HomeCard[] = homeCards,
): HomeCard[] {
  return cards.filter((c) => !c.action || allowed.includes(c.action));
}
