import { ROLES, ROLE_LABELS, type Role } from "../../../core/roles";

export const ROLE_OPTIONS: { value: Role; label: string }[] = ROLES.map((r) => ({
  value: r,
  label: ROLE_LABELS[r],
}));

/** Short labels for tables ("Practice manager", not the long description). */
export function shortRole(role: Role): string {
  return ROLE_LABELS[role].replace(/\s*\(.*\)$/, "");
}

export const formatDate = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" }) : "";

export const formatDateTime = (iso: string | null | undefined): string =>
  iso
    ? new Date(iso).toLocaleString("en-GB", {
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
      })
    : "";
