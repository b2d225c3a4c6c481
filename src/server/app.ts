import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import type { AppContext } from "../app/context";
import { ping } from "../store/database";
import { clientWentAway, installErrorHandling } from "./errors";
import { installRateLimits } from "./rate-limits";
import { installTextGuard } from "./validate";
import { installResponseCheck } from "./response-check";
import { installAuth } from "./auth";
import { routeModules } from "./routes/index";
import { installWeb } from "./web";
import { createLogger, type LogFormat } from "./logger";
import type { LevelWithSilent, Logger } from "pino";

declare module "fastify" {
  interface FastifyInstance {
    /** Every route registered, for the authorisation tests that must cover them all. */
    safepostRoutes: { method: string; url: string }[];
  }
}

export interface ServerOptions {
  /** pino level; "silent" in tests. */
  logLevel?: LevelWithSilent;
  /** "text" for people (the default), "json" for machines. */
  logFormat?: LogFormat;
  /** A logger made by createLogger, shared across the process; replaces logLevel and logFormat. */
  logger?: Logger;
  /** Serve the built web app from this folder (dist/web); omitted in API-only tests. */
  webRoot?: string | undefined;
  /** True when the public address is https (adds upgrade-insecure-requests to the CSP). */
  https?: boolean;
  /** Per-address request limits on costly and public routes (src/server/rate-limits.ts); default on. */
  rateLimit?: boolean;
  /** Which proxies may name the client in X-Forwarded-For (config TRUST_PROXY); default none. */
  trustProxy?: false | number | string[];
  /** Tests: check every contracted JSON answer against its response schema (src/server/response-check.ts). */
  checkResponses?: boolean;
}

/**
 * Requests are logged once each, when they finish, at debug: the console stays quiet at the default level.
 * An entry names the method, the route pattern and the status, never the address, body or query string.
 */
class QuietRequestLog extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    const entry = {
      method: req.method,
      route: req.routeOptions?.url ?? "unmatched",
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (error && clientWentAway(error, req)) reply.log.debug(entry, "the client went away");
    else if (error) reply.log.error({ ...entry, error: error.name }, "request failed");
    else reply.log.debug(entry, "request");
  }
}

/** Fastify's form of TRUST_PROXY: a hop count becomes "trust the first n hops" (as proxy-addr counts them). */
function trustedProxies(
  setting: false | number | string[],
): boolean | string[] | ((a: string, i: number) => boolean) {
  return typeof setting === "number" ? (_address, hop) => hop < setting : setting;
}

/**
 * Builds the HTTP server: JSON API under /api, the public pages, the web app.
 * Logs name the route and status only, never bodies, query strings or tokens.
 */
export async function buildServer(ctx: AppContext, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: 1024 * 1024,
    // A client must send its whole request within 30 s, and an idle connection is closed after 60 s, so slow
    // or stalled clients cannot hold the server's sockets.
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    // Only a configured proxy may name the client: otherwise anyone could pick their own address.
    trustProxy: trustedProxies(options.trustProxy ?? false),
    loggerInstance: (options.logger ??
      createLogger({
        level: options.logLevel ?? "info",
        format: options.logFormat ?? "text",
      })) as FastifyBaseLogger,
    logController: new QuietRequestLog(),
  });
  app.server.headersTimeout = 15_000;
  await app.register(cookie);
  if (options.rateLimit ?? true) await installRateLimits(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        // Nothing leaves the machine: no web fonts from assets.nhs.uk or anywhere else.
        fontSrc: ["'self'"],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
        // Served over plain http (a practice's LAN), upgrading would break every script and stylesheet.
        upgradeInsecureRequests: options.https ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  const routes: { method: string; url: string }[] = [];
  app.addHook("onRoute", (r) => {
    for (const method of [r.method].flat()) if (method !== "HEAD") routes.push({ method, url: r.url });
  });
  app.decorate("safepostRoutes", routes);
  installErrorHandling(app);
  installTextGuard(app);
  installAuth(app, ctx);
  if (options.checkResponses) installResponseCheck(app);

  app.get("/healthz", async (_req, reply) => {
    const ok = await ping(ctx.db);
    return reply.status(ok ? 200 : 503).send({ status: ok ? "ok" : "database-unavailable" });
  });
  for (const register of routeModules) register(app, ctx);
  if (options.webRoot) await installWeb(app, options.webRoot);
  return app;
}
