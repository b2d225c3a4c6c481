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

/** Why a "Sign in with NHSmail" was refused (the sign-in page is sent back with one of these). */
export type OidcRefusal = "expired" | "token" | "unverified-email" | "wrong-domain" | "no-account";

export const NHSMAIL_REFUSALS: Record<OidcRefusal | "unavailable" | "unreachable", string> = {
  expired: "That NHSmail sign-in had already been used or had timed out. Please start again.",
  token: "NHSmail's answer could not be checked, so you have not been signed in. Please try again.",
  "unverified-email": "NHSmail did not confirm your email address, so you have not been signed in.",
  "wrong-domain": "That NHSmail address is not one of this practice's email domains.",
  "no-account":
    "There is no safepost account for that NHSmail address in this practice. Ask your practice manager to invite you.",
  unavailable: "Sign in with NHSmail is not set up for that practice. Please sign in with your password.",
  unreachable:
    "NHSmail could not be reached just now. Please sign in with your password, or try again later.",
};
