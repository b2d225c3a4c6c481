import { AppError } from "../../core/errors";
import { looksLikeEmail, normaliseEmail } from "../../core/email";
import type { Role } from "../../core/roles";
import type { Db } from "../../store/database";
import { assertPasswordAcceptable, hashPassword } from "../auth/passwords";
import { grantedNow } from "../members/role-grants";

export interface NewUser {
  email: string;
  name: string;
  password: string;
  /** The hash of this same password, when one was computed for several accounts at once (the demo's people). */
  passwordHash?: string;
}

/** Creates a person who can sign in. Refuses a duplicate email with a plain 409. */
export async function createUser(db: Db, input: NewUser): Promise<{ id: string; email: string }> {
  const email = normaliseEmail(input.email);
  if (!looksLikeEmail(email))
    throw new AppError("invalid-input", "Please enter a valid email address.", {
      email: "Not a valid email address.",
    });
  const name = input.name.trim();
  if (!name) throw new AppError("invalid-input", "Please enter the person's name.", { name: "Required." });
  assertPasswordAcceptable(input.password);
  const existing = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  if (existing)
    throw new AppError("conflict", "Someone with that email address already has an account.", {
      email: "Already in use.",
    });
  const row = await db
    .insertInto("users")
    .values({ email, name, password_hash: input.passwordHash ?? (await hashPassword(input.password)) })
    .returning(["id", "email"])
    .executeTakeFirstOrThrow();
  return row;
}

/** Gives a user roles in a practice (or reactivates them with these roles), granted at `grantedAt`. */
export async function addMembership(
  db: Db,
  practiceId: string,
  userId: string,
  roles: Role[],
  grantedAt: Date = new Date(),
): Promise<void> {
  const role_granted_at = grantedNow(roles, grantedAt);
  await db
    .insertInto("memberships")
    .values({ practice_id: practiceId, user_id: userId, roles, role_granted_at })
    .onConflict((oc) =>
      oc.columns(["practice_id", "user_id"]).doUpdateSet({ roles, role_granted_at, deactivated_at: null }),
    )
    .execute();
}
