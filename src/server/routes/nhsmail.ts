import { z } from "zod";
import {
  finishOidcSignIn,
  getOidcSettings,
  listOidcPractices,
  OidcRefused,
  removeOidcSettings,
  saveOidcSettings,
  startOidcSignIn,
} from "../../app/auth/oidc";
import { AppError } from "../../core/errors";
import { requireMember } from "../auth";
import { parse } from "../validate";
import { setSessionCookie } from "./auth";
import { CHALLENGE_COOKIE } from "./two-factor";
import type { RouteModule } from "./index";

/** Binds an NHSmail sign-in to the browser that started it. Lax: the provider's answer is a cross-site navigation. */
const BINDING_COOKIE = "sp_oidc";
const BINDING_PATH = "/api/auth/nhsmail";

export const nhsmailRoutes: RouteModule = (app, ctx) => {
  const secure = () => ctx.baseUrl.startsWith("https:");

  /** Practices that offer "Sign in with NHSmail", for the sign-in page. */
  app.get("/api/auth/nhsmail", async () => ({ practices: await listOidcPractices(ctx) }));

  app.get("/api/auth/nhsmail/:slug/start", async (req, reply) => {
    const { slug } = parse(z.object({ slug: z.string().max(64) }), req.params);
    try {
      const started = await startOidcSignIn(ctx, slug);
      void reply.setCookie(BINDING_COOKIE, started.browserBinding, {
        httpOnly: true,
        sameSite: "lax",
        secure: secure(),
        path: BINDING_PATH,
        maxAge: 10 * 60,
      });
      return reply.redirect(started.url, 302);
    } catch (err) {
      if (err instanceof AppError && err.code !== "internal")
        return reply.redirect("/sign-in?nhsmail=unavailable", 302);
      if (err instanceof AppError) return reply.redirect("/sign-in?nhsmail=unreachable", 302);
      throw err;
    }
  });

  app.get("/api/auth/nhsmail/callback", async (req, reply) => {
    void reply.clearCookie(BINDING_COOKIE, { path: BINDING_PATH });
    try {
      const outcome = await finishOidcSignIn(ctx, {
        callbackUrl: `${ctx.baseUrl}${req.url}`,
        browserBinding: req.cookies[BINDING_COOKIE],
      });
      if (outcome.kind === "session") {
        setSessionCookie(ctx, reply, outcome.token);
        return reply.redirect("/practices", 302);
      }
      void reply.setCookie(CHALLENGE_COOKIE, outcome.challengeToken, {
        httpOnly: true,
        // The challenge is read by the two-step page's own requests, which are same-site.
        sameSite: "strict",
        secure: secure(),
        path: "/api/auth",
        maxAge: 10 * 60,
      });
      return reply.redirect("/sign-in/two-step", 302);
    } catch (err) {
      if (err instanceof OidcRefused) return reply.redirect(`/sign-in?nhsmail=${err.reason}`, 302);
      if (err instanceof AppError) return reply.redirect("/sign-in?nhsmail=unreachable", 302);
      throw err;
    }
  });

  const params = z.object({ practiceId: z.string() });

  app.get("/api/practices/:practiceId/nhsmail", async (req) => {
    const { practiceId } = parse(params, req.params);
    await requireMember(ctx, req, practiceId, "edit-settings");
    return { nhsmail: await getOidcSettings(ctx, practiceId) };
  });

  app.put("/api/practices/:practiceId/nhsmail", async (req) => {
    const { practiceId } = parse(params, req.params);
    const me = await requireMember(ctx, req, practiceId, "edit-settings");
    const body = parse(
      z.object({
        issuer: z
          .string({ error: "Enter the issuer's address." })
          .trim()
          .min(1, "Enter the issuer's address.")
          .max(500),
        clientId: z.string({ error: "Enter the client id." }).trim().min(1, "Enter the client id.").max(200),
        clientSecret: z.string().max(500, "500 characters at most.").optional(),
      }),
      req.body,
    );
    return { nhsmail: await saveOidcSettings(ctx, { practiceId, actorId: me.userId, ...body }) };
  });

  app.delete("/api/practices/:practiceId/nhsmail", async (req, reply) => {
    const { practiceId } = parse(params, req.params);
    const me = await requireMember(ctx, req, practiceId, "edit-settings");
    await removeOidcSettings(ctx, practiceId, me.userId);
    return reply.status(204).send();
  });
};
