import type { FastifyInstance } from "fastify";
import rateLimit from "@fastify/rate-limit";
import { AppError } from "../core/errors";

const MINUTE = 60_000;

/**
 * Requests per minute per client address on the routes that cost a lot to answer or that a stranger can
 * call without signing in. These protect each process's CPU, so they are counted in each process's memory;
 * the limits that protect accounts (sign-in, reset) are counted in the database (src/app/auth/throttle.ts)
 * and hold across every instance.
 */
export const RATE_LIMITS: { method: string; url: RegExp; perMinute: number }[] = [
  { method: "POST", url: /^\/api\/check$/, perMinute: 60 },
  { method: "POST", url: /^\/api\/auth\/sign-in$/, perMinute: 60 },
  { method: "POST", url: /^\/api\/auth\/forgot-password$/, perMinute: 10 },
  { method: "POST", url: /^\/api\/auth\/reset-password$/, perMinute: 20 },
  { method: "POST", url: /^\/api\/invites\/lookup$/, perMinute: 30 },
  { method: "POST", url: /^\/api\/invites\/accept$/, perMinute: 20 },
  { method: "GET", url: /^\/p\//, perMinute: 300 },
  { method: "GET", url: /^\/media\//, perMinute: 300 },
];

export function limitFor(method: string, url: string): number | null {
  return RATE_LIMITS.find((l) => l.method === method && l.url.test(url))?.perMinute ?? null;
}

/** Installs the limits; call before any route is registered (they are attached as each route is added). */
export async function installRateLimits(app: FastifyInstance): Promise<void> {
  app.addHook("onRoute", (route) => {
    const methods = [route.method].flat();
    const perMinute = methods.map((m) => limitFor(m, route.url)).find((n) => n !== null);
    if (perMinute) route.config = { ...route.config, rateLimit: { max: perMinute, timeWindow: MINUTE } };
  });
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (req) => req.ip,
    errorResponseBuilder: (_req, context) =>
      new AppError(
        "too-many-requests",
        `Too many requests from your network. Please wait ${Math.max(1, Math.ceil(context.ttl / 1000))} seconds and try again.`,
      ),
  });
}
