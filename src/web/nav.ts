// The practice navigation in the header. Each capability adds its link here, in the order shown.
import type { PracticeAction } from "./api";

export interface NavItem {
  label: string;
  /** The path under /practice/:practiceId ("" for the home page). */
  path: string;
  /** Shown only when the server allows the member this practice action; to everyone when omitted. */
  action?: PracticeAction;
}

export const navItems: NavItem[] = [
  { label: "Home", path: "" },
  { label: "Oversight", path: "oversight", action: "view-oversight" },
  { label: "Check a post", path: "check" },
  { label: "Staff", path: "staff" },
  { label: "Policy", path: "policy" },
  { label: "Posts", path: "posts", action: "view-posts" },
  { label: "Channels", path: "channels", action: "view-posts" },
  { label: "Inbox", path: "inbox", action: "view-inbox" },
  { label: "Incidents", path: "incidents", action: "view-incidents" },
  { label: "Report a concern", path: "incidents/report", action: "report-concern" },
  { label: "My accounts", path: "my-accounts", action: "use-my-accounts" },
  { label: "Outbox", path: "outbox", action: "view-outbox" },
  { label: "Background jobs", path: "jobs", action: "manage-jobs" },
  { label: "Audit log", path: "audit", action: "view-audit" },
  { label: "Settings", path: "settings", action: "edit-settings" },
  { label: "Sign-in rules", path: "sign-in-rules", action: "edit-settings" },
];

/** The items a member the server allows `allowed` may see. */
export function visibleNavItems(
  allowed: readonly PracticeAction[],
  items: readonly NavItem[] = navItems,
): NavItem[] {
  return items.filter((item) => !item.action || allowed.includes(item.action));
}
