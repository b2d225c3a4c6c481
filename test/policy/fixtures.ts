import type { AppContext } from "../../src/app/context";
import { createPractice } from "../../src/app/practices/create-practice";
import { addMembership, createUser } from "../../src/app/users/create-user";
import { createSession } from "../../src/app/auth/sessions";
import type { Role } from "../../src/core/roles";
import { DEMO_SETTINGS } from "../../src/app/demo/ensure-demo";

export const PASSWORD = "correct horse battery staple";

export type Who = "admin" | "approver" | "staff" | "rep" | "poster";
const ROLES: Record<Who, Role[]> = {
  admin: ["admin", "staff"],
  approver: ["approver", "staff"],
  staff: ["staff"],
  rep: ["staff-rep", "staff"],
  poster: ["poster", "staff"],
};

/** A practice with one person per role; every one is a member (so acknowledgement counts all five). */
export async function seedPolicyPractice(ctx: AppContext, slug: string) {
  const practice = await createPractice(ctx.db, {
    slug,
    name: `${slug[0]!.toUpperCase()}${slug.slice(1)} Surgery`,
    settings: DEMO_SETTINGS,
  });
  const users = {} as Record<Who, { id: string; email: string }>;
  for (const who of Object.keys(ROLES) as Who[]) {
    const u = await createUser(ctx.db, {
      email: `${who}@${slug}.example`,
      name: `${who} ${slug}`,
      password: PASSWORD,
    });
    await addMembership(ctx.db, practice.id, u.id, ROLES[who]);
    users[who] = u;
  }
  return { practice, users };
}

/** Request headers for a signed-in user (cookie + CSRF token). */
export async function sessionHeaders(ctx: AppContext, userId: string): Promise<Record<string, string>> {
  const s = await createSession(ctx, userId);
  return { cookie: `sp_session=${s.token}`, "x-csrf-token": s.csrfToken };
}
