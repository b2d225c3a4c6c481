import type { FastifyInstance } from "fastify";
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
    await addMembership(ctx.db, practice.id, u.id, ROLES[who], ctx.now());
    users[who] = u;
  }
  return { practice, users };
}

/** Request headers for a signed-in user (cookie + CSRF token). */
export async function sessionHeaders(ctx: AppContext, userId: string): Promise<Record<string, string>> {
  const s = await createSession(ctx, userId);
  return { cookie: `sp_session=${s.token}`, "x-csrf-token": s.csrfToken };
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * A request helper for policy API tests: `call(who, method, url, payload?)` sends as that person (their
 * session cookie and CSRF header from `h`) and answers the status, the parsed JSON body and the raw reply.
 */
export function policyCaller(
  app: () => FastifyInstance,
  h: Partial<Record<Who | "outsider", Record<string, string>>>,
) {
  return async (
    who: Who | "outsider" | null,
    method: Method,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await app().inject({
      method,
      url,
      headers: { ...(who ? h[who] : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    let body: any = null; // eslint-disable-line @typescript-eslint/no-explicit-any
    try {
      body = JSON.parse(res.body);
    } catch {
      body = null;
    }
    return { status: res.statusCode, body, text: res.body, raw: res.rawPayload, headers: res.headers };
  };
}
