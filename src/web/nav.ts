// The practice navigation in the header. Each capability adds its link here, in the order shown.
import type { Role } from "../core/roles";

export interface NavItem {
  label: string;
  /** The path under /practice/:practiceId ("" for the home page). */
  path: string;
  /** Shown only to members holding one of these roles; everyone when omitted. */
  roles?: readonly Role[];
}

export const navItems: NavItem[] = [
  { label: "Home", path: "" },
  { label: "Check a post", path: "check" },
  { label: "Staff", path: "staff" },
  { label: "Policy", path: "policy" },
  { label: "Outbox", path: "outbox", roles: ["admin"] },
  { label: "Background jobs", path: "jobs", roles: ["admin"] },
  { label: "Audit log", path: "audit", roles: ["admin"] },
  { label: "Settings", path: "settings", roles: ["admin"] },
  { label: "Sign-in rules", path: "sign-in-rules", roles: ["admin"] },
];

/** The items a member with `roles` may see. */
export function visibleNavItems(roles: readonly Role[], items: readonly NavItem[] = navItems): NavItem[] {
  return items.filter((item) => !item.roles || item.roles.some((r) => roles.includes(r)));
}
