import { formatUkDate, formatUkDateTime } from "../../../core/dates";
import { ROLES, ROLE_LABELS, type Role } from "../../../core/roles";

export const ROLE_OPTIONS: { value: Role; label: string }[] = ROLES.map((r) => ({
  value: r,
  label: ROLE_LABELS[r],
}));

/** Short labels for tables ("Practice manager", not the long description). */
export function shortRole(role: Role): string {
  return ROLE_LABELS[role].replace(/\s*\(.*\)$/, "");
}

/** "21 November 2027" on the UK calendar. */
export const formatDate = (iso: string | null | undefined): string => formatUkDate(iso);

/** "21 November 2027, 14:05" on the UK clock. */
export const formatDateTime = (iso: string | null | undefined): string => formatUkDateTime(iso);
