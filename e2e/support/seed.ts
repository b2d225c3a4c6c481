import { randomBytes } from "node:crypto";
import type { Role } from "../../src/core/roles";
import type { AppContext } from "../../src/app/context";
import { createPractice } from "../../src/app/practices/create-practice";
import { addMembership, createUser } from "../../src/app/users/create-user";

export const PASSWORD = "correct-horse-battery";

export interface SeededUser {
  id: string;
  email: string;
  name: string;
  password: string;
  roles: Role[];
}

export interface SeededPractice {
  id: string;
  slug: string;
  name: string;
  users: SeededUser[];
  /** The first user with this role. */
  user(role: Role): SeededUser;
}

const suffix = (): string => randomBytes(4).toString("hex");

/**
 * Creates a practice of its own for one test, with one user per entry of `people`, through the same use cases the app
 * uses. Emails and slugs are unique, so tests never see each other's data even on a shared server.
 */
export async function seedPractice(
  ctx: AppContext,
  people: { name?: string; roles: Role[] }[] = [{ name: "Priya Admin", roles: ["admin", "staff"] }],
  name = "Test Surgery",
): Promise<SeededPractice> {
  const tag = suffix();
  // Two-step sign-in has its own browser test (e2e/two-factor.test.ts); here a password signs in.
  const practice = await createPractice(ctx.db, { slug: `test-${tag}`, name, twoFactor: "off" });
  const users: SeededUser[] = [];
  for (const [i, p] of people.entries()) {
    const email = `${p.roles[0] ?? "member"}-${i + 1}-${tag}@surgery.example`;
    const userName = p.name ?? `Person ${i + 1}`;
    const user = await createUser(ctx.db, { email, name: userName, password: PASSWORD });
    await addMembership(ctx.db, practice.id, user.id, p.roles);
    users.push({ id: user.id, email: user.email, name: userName, password: PASSWORD, roles: p.roles });
  }
  return {
    ...practice,
    users,
    user(role) {
      const found = users.find((u) => u.roles.includes(role));
      if (!found) throw new Error(`seedPractice: nobody has the role ${role}`);
      return found;
    },
  };
}

/** A unique address for someone who does not have an account yet. */
export const newEmail = (label = "new"): string => `${label}-${suffix()}@surgery.example`;
