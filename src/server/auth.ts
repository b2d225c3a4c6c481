import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError, forbidden, notFound } from "../core/errors";
import { knownIdShape } from "../core/ids";
import { authorize, type ActionOf, type PermissionMember } from "../core/permissions";
import { loadPermissionMember } from "../app/members/role-grants";
import type { AppContext } from "../app/context";
import { findSession, type SessionUser } from "../app/auth/sessions";

export const SESSION_COOKIE = "sp_session";
export const CSRF_HEADER = "x-csrf-token";

declare module "fastify" {
  interface FastifyRequest {
    auth: SessionUser | null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Reads the session cookie on every request and guards every state-changing request against CSRF:
 * a cross-site Origin is refused, and a signed-in request must echo its session's CSRF token in a header
 * (a header another site cannot set without our consent, since we allow no CORS).
 */
export function installAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest("auth", null);
  app.addHook("onRequest", async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    // Only the API acts for a person: static files, public pages and /healthz cost no session lookup.
    req.auth = token && req.url.startsWith("/api/") ? await findSession(ctx, token) : null;
    if (SAFE_METHODS.has(req.method)) return;
    const origin = req.headers.origin;
    if (origin && origin !== "null") {
      let host: string;
      try {
        host = new URL(origin).host;
      } catch {
        host = "";
      }
      if (host !== req.headers.host)
        throw forbidden("This request came from another website and was refused.");
    }
    if (req.auth && req.headers[CSRF_HEADER] !== req.auth.csrfToken) {
      throw forbidden(
        "Your session's security token is missing or out of date. Please reload the page and try again.",
      );
    }
  });
}

/** The signed-in user, or a 401. */
export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.auth) throw new AppError("not-signed-in", "Please sign in to continue.");
  return req.auth;
}

export interface Member extends SessionUser, PermissionMember {
  practiceId: string;
}

/**
 * The signed-in user as an active member of the practice. Someone who is not a member gets 404, exactly
 * as if the practice did not exist. With `action`, the permission model must also allow that practice action
 * (403 otherwise): routes name what is being done, never which roles may do it.
 */
export async function requireMember(
  ctx: AppContext,
  req: FastifyRequest,
  practiceId: string,
  action?: ActionOf<"practice">,
): Promise<Member> {
  const user = requireUser(req);
  knownIdShape(practiceId, "That practice");
  const m = await loadPermissionMember(ctx.db, practiceId, user.userId);
  if (!m) throw notFound("That practice");
  if (action) authorize(m, action, { type: "practice" });
  return { ...user, ...m, practiceId };
}
