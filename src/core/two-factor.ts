import type { Role } from "./roles";

/** Who in a practice needs a second factor to sign in. */
export const TWO_FACTOR_POLICIES = ["roles", "everyone", "off"] as const;
export type TwoFactorPolicy = (typeof TWO_FACTOR_POLICIES)[number];

/** The roles that can publish, approve or manage: a stolen password alone must never be enough for them. */
export const SECOND_FACTOR_ROLES: readonly Role[] = ["admin", "approver", "poster"];

export const isTwoFactorPolicy = (value: string): value is TwoFactorPolicy =>
  (TWO_FACTOR_POLICIES as readonly string[]).includes(value);

/**
 * Whether a person must pass a second factor, from their active memberships: any one practice that asks it of
 * them is enough. An unknown stored policy counts as the strictest.
 */
export function needsSecondFactor(
  memberships: readonly { policy: string; roles: readonly string[] }[],
): boolean {
  return memberships.some((m) => {
    if (m.policy === "off") return false;
    if (m.policy === "roles")
      return m.roles.some((r) => (SECOND_FACTOR_ROLES as readonly string[]).includes(r));
    return true;
  });
}
