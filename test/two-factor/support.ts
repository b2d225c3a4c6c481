import type { FastifyInstance, HTTPMethods } from "fastify";
import { generate } from "otplib";
import type { AppContext } from "../../src/app/context";
import { createPractice } from "../../src/app/practices/create-practice";
import { addMembership, createUser } from "../../src/app/users/create-user";
import type { Role } from "../../src/core/roles";
import type { TwoFactorPolicy } from "../../src/core/two-factor";

export const PASSWORD = "correct horse battery";

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Record<string, unknown>;
}

/** A browser-like client over app.inject that keeps every cookie (session and sign-in challenge) and the CSRF token. */
export class JarClient {
  cookies = new Map<string, string>();
  csrf: string | null = null;
  constructor(
    readonly app: FastifyInstance,
    readonly address = "10.7.0.1",
  ) {}

  async request(method: HTTPMethods, url: string, body?: unknown): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (this.csrf && method !== "GET") headers["x-csrf-token"] = this.csrf;
    const res = await this.app.inject({
      method,
      url,
      headers,
      remoteAddress: this.address,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    for (const c of res.cookies) {
      if (c.value && !(c.maxAge !== undefined && c.maxAge <= 0)) this.cookies.set(c.name, c.value);
      else this.cookies.delete(c.name);
    }
    let parsed: unknown = null;
    try {
      parsed = res.body ? JSON.parse(res.body) : null;
    } catch {
      parsed = null;
    }
    if (parsed && typeof parsed === "object" && "csrfToken" in parsed)
      this.csrf = String((parsed as { csrfToken: string }).csrfToken);
    return { status: res.statusCode, body: parsed, headers: res.headers };
  }
  get = (url: string) => this.request("GET", url);
  post = (url: string, body: unknown = {}) => this.request("POST", url, body);
  put = (url: string, body: unknown = {}) => this.request("PUT", url, body);
  delete = (url: string) => this.request("DELETE", url);
  signIn = (email: string, password = PASSWORD) => this.post("/api/auth/sign-in", { email, password });
}

/** The code an authenticator app shows at this moment of the test clock, for a secret as safepost shows it. */
export const totpCode = (secret: string, at: Date): Promise<string> =>
  generate({ secret: secret.replace(/\s/g, ""), epoch: Math.floor(at.getTime() / 1000) });

/** A practice with the given two-step rule and one person per role. */
export async function seedTwoFactorPractice(ctx: AppContext, slug: string, twoFactor?: TwoFactorPolicy) {
  const practice = await createPractice(ctx.db, {
    slug,
    name: `${slug} Surgery`,
    ...(twoFactor ? { twoFactor } : {}),
  });
  const people = {} as Record<"admin" | "approver" | "poster" | "staff", { id: string; email: string }>;
  const roles: Record<keyof typeof people, Role[]> = {
    admin: ["admin", "staff"],
    approver: ["approver", "staff"],
    poster: ["poster", "staff"],
    staff: ["staff"],
  };
  for (const key of Object.keys(roles) as (keyof typeof people)[]) {
    const user = await createUser(ctx.db, {
      email: `${key}@${slug}.example`,
      name: `${key} ${slug}`,
      password: PASSWORD,
    });
    await addMembership(ctx.db, practice.id, user.id, roles[key]);
    people[key] = user;
  }
  return { practice, people };
}
