import { AppError } from "../../core/errors";
import { isRole, ROLES, type Role } from "../../core/roles";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";
import { createPractice } from "../practices/create-practice";
import { addMembership, createUser } from "./create-user";

export interface NewMember {
  email: string;
  name: string;
  password: string;
  /** The practice's short name; it is created (with `practiceName`) when there is none yet. */
  practiceSlug: string;
  practiceName?: string | undefined;
  roles: readonly string[];
}

/**
 * Headless set-up (`safepost user create`): a person with roles in a practice, the practice created first if
 * new. One transaction: a refused password or a taken email leaves no half-made practice behind.
 */
export async function provisionMember(
  ctx: AppContext,
  input: NewMember,
): Promise<{ userId: string; email: string; practice: { id: string; name: string; created: boolean } }> {
  const unknown = input.roles.filter((r) => !isRole(r));
  if (unknown.length || input.roles.length === 0)
    throw new AppError(
      "invalid-input",
      `Unknown role ${unknown.join(", ") || "(none given)"}; the roles are ${ROLES.join(", ")}.`,
      { roles: "Unknown role." },
    );
  const roles = [...new Set(input.roles)] as Role[];
  return ctx.db.transaction().execute(async (trx) => {
    let practice = await trx
      .selectFrom("practices")
      .select(["id", "name"])
      .where("slug", "=", input.practiceSlug)
      .executeTakeFirst();
    const created = !practice;
    if (!practice) {
      if (!input.practiceName?.trim())
        throw new AppError(
          "not-found",
          `There is no practice "${input.practiceSlug}"; give its full name to create it.`,
          { practiceName: "Required to create the practice." },
        );
      practice = await createPractice(trx, { slug: input.practiceSlug, name: input.practiceName });
    }
    const user = await createUser(trx, { email: input.email, name: input.name, password: input.password });
    await addMembership(trx, practice.id, user.id, roles, ctx.now());
    await appendAudit(
      trx,
      {
        practiceId: practice.id,
        actorId: null,
        action: "member.created-by-cli",
        targetType: "user",
        targetId: user.id,
        details: { roles, practiceCreated: created },
      },
      ctx.now(),
    );
    return {
      userId: user.id,
      email: user.email,
      practice: { id: practice.id, name: practice.name, created },
    };
  });
}
