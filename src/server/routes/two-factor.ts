import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError } from "../../core/errors";
import { knownIdShape } from "../../core/ids";
import type { AppContext } from "../../app/context";
import type { SignInOutcome } from "../../app/auth/second-factor";
import { sessionPayload } from "../../app/auth/session-payload";
import {
  confirmTotpAtSignIn,
  startTotpAtSignIn,
  verifyRecoveryAtSignIn,
  verifyTotpAtSignIn,
  signInChallengeState,
} from "../../app/auth/two-factor-sign-in";
import {
  accountTwoFactor,
  confirmAccountTotp,
  newRecoveryCodes,
  removeAccountTotp,
  startAccountTotp,
} from "../../app/auth/two-factor-account";
import { getSignInSettings, updateSignInSettings } from "../../app/auth/sign-in-settings";
import {
  accountPasskeyOptions,
  addAccountPasskey,
  enrolPasskeyAtSignIn,
  enrolPasskeyOptionsAtSignIn,
  passkeyOptionsAtSignIn,
  removeAccountPasskey,
  verifyPasskeyAtSignIn,
} from "../../app/auth/passkeys";
import { resetMemberTwoFactor } from "../../app/auth/reset-two-factor";
import { requireMember, requireUser } from "../auth";
import { parse } from "../validate";
import { setSessionCookie } from "./auth";
import type { RouteModule } from "./index";

/** Names the sign-in challenge between the first step and the second factor (http-only, 10 minutes). */
export const CHALLENGE_COOKIE = "sp_2fa";

const code = z.object({
  code: z
    .string({ error: "Enter the code." })
    .trim()
    .min(1, "Enter the code.")
    .max(40, "That code is too long."),
});

/** The challenge cookie, or 401 before anything else is looked at (like a missing session). */
export function challengeToken(req: FastifyRequest): string {
  const token = req.cookies[CHALLENGE_COOKIE];
  if (!token)
    throw new AppError(
      "not-signed-in",
      "Your sign-in has timed out or was not started. Please sign in again.",
    );
  return token;
}

/**
 * Answers a sign-in step: the session (cookie and payload) when it is complete, else what the second
 * step needs, with the challenge cookie.
 */
export async function presentSignIn(
  ctx: AppContext,
  reply: FastifyReply,
  outcome: SignInOutcome,
  extra: Record<string, unknown> = {},
): Promise<unknown> {
  const secure = ctx.baseUrl.startsWith("https:");
  if (outcome.kind === "session") {
    void reply.clearCookie(CHALLENGE_COOKIE, { path: "/api/auth" });
    setSessionCookie(ctx, reply, outcome.token);
    return { ...(await sessionPayload(ctx, outcome.userId, outcome.csrfToken)), ...extra };
  }
  void reply.setCookie(CHALLENGE_COOKIE, outcome.challengeToken, {
    httpOnly: true,
    sameSite: "strict",
    secure,
    path: "/api/auth",
    maxAge: 10 * 60,
  });
  return {
    secondFactor: {
      enrol: outcome.enrol,
      totp: outcome.factors.totp,
      passkey: outcome.factors.passkeys > 0,
      recoveryCodes: outcome.factors.recoveryCodes > 0,
    },
  };
}

const practiceParams = z.object({ practiceId: z.string() });
/** What @simplewebauthn/browser returns; checked in full by @simplewebauthn/server. */
const webauthnBody = z.object({
  response: z.object({ id: z.string().max(1400) }).passthrough(),
});

export const twoFactorRoutes: RouteModule = (app, ctx) => {
  // --- Between the password and the session (the challenge cookie) ---
  app.get("/api/auth/two-factor", async (req) => signInChallengeState(ctx, challengeToken(req)));

  app.post("/api/auth/two-factor/totp", async (req, reply) => {
    const token = challengeToken(req);
    const body = parse(code, req.body);
    return presentSignIn(ctx, reply, await verifyTotpAtSignIn(ctx, token, body.code));
  });

  app.post("/api/auth/two-factor/recovery-code", async (req, reply) => {
    const token = challengeToken(req);
    const body = parse(code, req.body);
    return presentSignIn(ctx, reply, await verifyRecoveryAtSignIn(ctx, token, body.code));
  });

  app.post("/api/auth/two-factor/enrol/totp", async (req) => startTotpAtSignIn(ctx, challengeToken(req)));

  app.post("/api/auth/two-factor/enrol/totp/confirm", async (req, reply) => {
    const token = challengeToken(req);
    const body = parse(code, req.body);
    const done = await confirmTotpAtSignIn(ctx, token, body.code);
    return presentSignIn(ctx, reply, done.outcome, { recoveryCodes: done.recoveryCodes });
  });

  app.post("/api/auth/two-factor/passkey/options", async (req) =>
    passkeyOptionsAtSignIn(ctx, challengeToken(req)),
  );

  app.post("/api/auth/two-factor/passkey", async (req, reply) => {
    const token = challengeToken(req);
    const body = parse(webauthnBody, req.body);
    return presentSignIn(ctx, reply, await verifyPasskeyAtSignIn(ctx, token, body.response));
  });

  app.post("/api/auth/two-factor/enrol/passkey/options", async (req) =>
    enrolPasskeyOptionsAtSignIn(ctx, challengeToken(req)),
  );

  app.post("/api/auth/two-factor/enrol/passkey", async (req, reply) => {
    const token = challengeToken(req);
    const body = parse(webauthnBody, req.body);
    const done = await enrolPasskeyAtSignIn(ctx, token, body.response);
    return presentSignIn(ctx, reply, done.outcome, { recoveryCodes: done.recoveryCodes });
  });

  // --- A signed-in person's own second factors ---
  app.get("/api/account/two-factor", async (req) => accountTwoFactor(ctx, requireUser(req).userId));

  app.post("/api/account/two-factor/totp", async (req) => startAccountTotp(ctx, requireUser(req).userId));

  app.post("/api/account/two-factor/totp/confirm", async (req) => {
    const user = requireUser(req);
    const body = parse(code, req.body);
    return confirmAccountTotp(ctx, user.userId, body.code);
  });

  app.delete("/api/account/two-factor/totp", async (req, reply) => {
    await removeAccountTotp(ctx, requireUser(req).userId);
    return reply.status(204).send();
  });

  app.post("/api/account/two-factor/recovery-codes", async (req) =>
    newRecoveryCodes(ctx, requireUser(req).userId),
  );

  app.post("/api/account/passkeys/options", async (req) =>
    accountPasskeyOptions(ctx, requireUser(req).userId),
  );

  app.post("/api/account/passkeys", async (req) => {
    const user = requireUser(req);
    const body = parse(
      webauthnBody.extend({ name: z.string().trim().max(100, "100 characters at most.").default("Passkey") }),
      req.body,
    );
    return addAccountPasskey(ctx, user.userId, body.response, body.name);
  });

  app.delete("/api/account/passkeys/:passkeyId", async (req, reply) => {
    const user = requireUser(req);
    const { passkeyId } = parse(z.object({ passkeyId: z.string().min(1).max(400) }), req.params);
    await removeAccountPasskey(ctx, user.userId, passkeyId);
    return reply.status(204).send();
  });

  app.post("/api/practices/:practiceId/members/:userId/two-factor/reset", async (req, reply) => {
    const { practiceId, userId } = parse(practiceParams.extend({ userId: z.string() }), req.params);
    const me = await requireMember(ctx, req, practiceId, "manage-staff");
    knownIdShape(userId, "That person");
    await resetMemberTwoFactor(ctx, { practiceId, actorId: me.userId, userId });
    return reply.status(204).send();
  });

  // --- A practice's sign-in rules (admins) ---
  app.get("/api/practices/:practiceId/sign-in-settings", async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    await requireMember(ctx, req, practiceId, "edit-settings");
    return getSignInSettings(ctx, practiceId);
  });

  app.put("/api/practices/:practiceId/sign-in-settings", async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "edit-settings");
    const body = parse(
      z.object({
        twoFactor: z.enum(["roles", "everyone"], {
          error: "Choose who must use two-step sign-in.",
        }),
      }),
      req.body,
    );
    return updateSignInSettings(ctx, { practiceId, actorId: me.userId, twoFactor: body.twoFactor });
  });
};
