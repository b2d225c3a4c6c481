import { AppError } from "../../core/errors";
import type { Db } from "../../store/database";
import type { TwoFactorPolicy } from "../../core/two-factor";

export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export interface NewPractice {
  slug: string;
  name: string;
  settings?: Record<string, unknown>;
  /** Who needs two-step sign-in; by default admins, approvers and posters ("roles"). */
  twoFactor?: TwoFactorPolicy;
}

/** Creates a practice; its slug names its public pages (/p/{slug}/…). */
export async function createPractice(
  db: Db,
  input: NewPractice,
): Promise<{ id: string; slug: string; name: string }> {
  if (!SLUG.test(input.slug))
    throw new AppError(
      "invalid-input",
      "The short name may use lower-case letters, digits and hyphens only.",
      { slug: "Letters, digits and hyphens." },
    );
  if (!input.name.trim())
    throw new AppError("invalid-input", "Please enter the practice's name.", { name: "Required." });
  const taken = await db
    .selectFrom("practices")
    .select("id")
    .where("slug", "=", input.slug)
    .executeTakeFirst();
  if (taken)
    throw new AppError("conflict", `A practice with the short name "${input.slug}" already exists.`, {
      slug: "Already in use.",
    });
  return db
    .insertInto("practices")
    .values({
      slug: input.slug,
      name: input.name.trim(),
      settings: JSON.stringify(input.settings ?? {}),
      two_factor: input.twoFactor ?? "roles",
    })
    .returning(["id", "slug", "name"])
    .executeTakeFirstOrThrow();
}
