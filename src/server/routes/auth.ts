import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../app/context";
import { signIn } from "../../app/auth/sign-in";
import { endSession, SESSION_DAYS } from "../../app/auth/sessions";
import { sessionPayload } from "../../app/auth/session-payload";
import { requestPasswordReset, resetPassword } from "../../app/auth/password-reset";
import { appendAudit } from "../../app/audit/audit-log";
import { acceptInvite, lookupInvite } from "../../app/invites/accept-invite";
import { requireUser, SESSION_COOKIE } from "../auth";
import { parse } from "../validate";
import { inviteLookupRequest, linkToken } from "../../contracts";
import type { RouteModule } from "./index";
import { presentSignIn } from "./two-factor";

const email = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(254);
const password = z
  .string({ error: "Enter a password." })
  .min(1, "Enter a password.")
  .max(200, "200 characters at most.");

/** Sets the session cookie: http-only, SameSite=Strict, Secure when served over https. */
export function setSessionCookie(ctx: AppContext, reply: FastifyReply, value: string): void {
  void reply.setCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: "strict",
    secure: ctx.baseUrl.startsWith("https:"),
    path: "/",
    maxAge: SESSION_DAYS * 86_400,
  });
}

export const authRoutes: RouteModule = (app, ctx) => {
  app.get("/api/session", async (req) => {
    const user = requireUser(req);
    return sessionPayload(ctx, user.userId, user.csrfToken);
  });

  app.post("/api/auth/sign-in", async (req, reply) => {
    const body = parse(z.object({ email, password }), req.body);
    // A session, or first the second step of two-step sign-in (routes/two-factor.ts).
    return presentSignIn(ctx, reply, await signIn(ctx, { ...body, address: req.ip }));
  });

  app.post("/api/auth/sign-out", async (req, reply) => {
    if (req.auth) {
      await endSession(ctx, req.auth.sessionId);
      await appendAudit(
        ctx.db,
        { practiceId: null, actorId: req.auth.userId, action: "auth.signed-out" },
        ctx.now(),
      );
    }
    void reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.status(204).send();
  });

  app.post("/api/auth/forgot-password", async (req, reply) => {
    const body = parse(z.object({ email }), req.body);
    await requestPasswordReset(ctx, body.email);
    return reply.status(202).send({
      message: "If that address has an account, we have emailed a link to reset the password.",
      mailServer: ctx.mailer.delivers,
    });
  });

  app.post("/api/auth/reset-password", async (req, reply) => {
    const body = parse(z.object({ token: linkToken, password }), req.body);
    await resetPassword(ctx, body.token, body.password, req.ip);
    return reply.status(204).send();
  });

  app.post("/api/invites/lookup", async (req) => {
    const body = parse(inviteLookupRequest, req.body);
    return lookupInvite(ctx, body.token, req.auth?.userId ?? null);
  });

  app.post("/api/invites/accept", async (req, reply) => {
    const body = parse(
      z.object({
        token: linkToken,
        name: z.string().trim().max(200).optional(),
        password: password.optional(),
      }),
      req.body,
    );
    const accepted = await acceptInvite(ctx, { ...body, signedInUserId: req.auth?.userId ?? null });
    if ("kind" in accepted) return presentSignIn(ctx, reply, accepted);
    return sessionPayload(ctx, accepted.userId, req.auth!.csrfToken);
  });
};
