/** The roles a member can hold in a practice; one person may hold several. */
export const ROLES = ["admin", "approver", "poster", "staff", "staff-rep"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Practice manager (admin)",
  approver: "Approver (partner or senior clinician)",
  poster: "Comms group (posts on practice accounts)",
  staff: "Staff member",
  "staff-rep": "Staff representative",
};

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
