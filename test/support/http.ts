import type { FastifyInstance, HTTPMethods } from "fastify";
import type { AppContext } from "../../src/app/context";
import { buildServer } from "../../src/server/app";
import { createPractice } from "../../src/app/practices/create-practice";
import { addMembership, createUser } from "../../src/app/users/create-user";
import type { Role } from "../../src/core/roles";

export const PASSWORD = "correct horse battery";

export interface Response {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Record<string, unknown>;
  text: string;
  /** The body's bytes (a PDF or image download). */
  raw: Buffer;
}

/** A signed-in (or not) browser-like client over app.inject: keeps the session cookie and sends the CSRF header. */
export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(
    readonly app: FastifyInstance,
    readonly address = "10.0.0.1",
  ) {}

  async request(
    method: HTTPMethods,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== "GET") h["x-csrf-token"] = this.csrf;
    const res = await this.app.inject({
      method,
      url,
      headers: h,
      remoteAddress: this.address,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const set = res.cookies.find((c) => c.name === "sp_session");
    if (set) this.cookie = set.value ? `sp_session=${set.value}` : null;
    let parsed: unknown = null;
    try {
      parsed = res.body ? JSON.parse(res.body) : null;
    } catch {
      parsed = null;
    }
    if (parsed && typeof parsed === "object" && "csrfToken" in parsed)
      this.csrf = String((parsed as { csrfToken: string }).csrfToken);
    return {
      status: res.statusCode,
      body: parsed,
      headers: res.headers,
      text: res.body,
      raw: res.rawPayload,
    };
  }
  get = (url: string) => this.request("GET", url);
  post = (url: string, body: unknown = {}) => this.request("POST", url, body);
  patch = (url: string, body: unknown = {}) => this.request("PATCH", url, body);
  put = (url: string, body: unknown = {}) => this.request("PUT", url, body);
  delete = (url: string) => this.request("DELETE", url);

  async signIn(email: string, password = PASSWORD): Promise<Response> {
    return this.post("/api/auth/sign-in", { email, password });
  }
}

export async function testServer(ctx: AppContext): Promise<FastifyInstance> {
  return buildServer(ctx, { logLevel: "silent", checkResponses: true });
}

/** A practice with one person per role (all also `staff`), emails <role>@<slug>.example. */
export async function seedPractice(ctx: AppContext, slug: string) {
  // Two-step sign-in is tested on its own (test/two-factor/); elsewhere a password signs in.
  const practice = await createPractice(ctx.db, { slug, name: `${slug} Surgery`, twoFactor: "off" });
  const people: Record<string, { id: string; email: string }> = {};
  const roles: Role[][] = [
    ["admin", "staff"],
    ["approver", "staff"],
    ["poster", "staff"],
    ["staff"],
    ["staff-rep", "staff"],
  ];
  for (const r of roles) {
    const key = r[0]!;
    const user = await createUser(ctx.db, {
      email: `${key}@${slug}.example`,
      name: `${key} of ${slug}`,
      password: PASSWORD,
    });
    await addMembership(ctx.db, practice.id, user.id, r, ctx.now());
    people[key] = user;
  }
  return {
    practice,
    people: people as Record<
      "admin" | "approver" | "poster" | "staff" | "staff-rep",
      { id: string; email: string }
    >,
  };
}
