import { AppError } from "../../core/errors";
import { needsSecondFactor } from "../../core/two-factor";
import type { Db } from "../../store/database";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";
import { randomToken, sha256 } from "../tokens";
import { createSession } from "./sessions";
import { hasTotp } from "./totp";
import { recoveryCodesLeft } from "./recovery-codes";

/** How long a person has between their password and their second factor. */
export const CHALLENGE_MINUTES = 10;
/** Wrong second factors allowed per sign-in, and per person in a quarter of an hour across sign-ins. */
export const MAX_FAILURES_PER_CHALLENGE = 5;
export const MAX_FAILURES_PER_PERSON = 10;
const FAILURE_WINDOW_MS = 15 * 60_000;

export type FirstStep = "password" | "nhsmail";
export type SecondFactor = "totp" | "passkey" | "recovery-code" | "enrolled-totp" | "enrolled-passkey";

export interface Factors {
  totp: boolean;
  passkeys: number;
  recoveryCodes: number;
}

export type SignInOutcome =
  | { kind: "session"; token: string; csrfToken: string; userId: string }
  /** The first step passed; the cookie token names the challenge, `enrol` when no factor is set up yet. */
  | { kind: "second-factor"; challengeToken: string; enrol: boolean; factors: Factors };

export async function factorsOf(db: Db, userId: string): Promise<Factors> {
  const passkeys = await db
    .selectFrom("passkeys")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return {
    totp: await hasTotp(db, userId),
    passkeys: Number(passkeys.n),
    recoveryCodes: await recoveryCodesLeft(db, userId),
  };
}

export const hasAFactor = (f: Factors): boolean => f.totp || f.passkeys > 0;

/** Whether any practice the person is an active member of asks them for a second factor. */
export async function secondFactorRequired(db: Db, userId: string): Promise<boolean> {
  const rows = await db
    .selectFrom("memberships")
    .innerJoin("practices", "practices.id", "memberships.practice_id")
    .select(["practices.two_factor as policy", "memberships.roles"])
    .where("memberships.user_id", "=", userId)
    .where("memberships.deactivated_at", "is", null)
    .execute();
  return needsSecondFactor(rows);
}

/**
 * After the first step (password, or NHSmail without its own multi-factor proof): a session at once when the
 * person has no second factor and none is required of them; otherwise a challenge, to verify a factor they
 * have or to set one up (a required person with none sets one up before any session exists).
 */
export async function afterFirstStep(
  ctx: AppContext,
  userId: string,
  method: FirstStep,
): Promise<SignInOutcome> {
  const factors = await factorsOf(ctx.db, userId);
  if (!hasAFactor(factors) && !(await secondFactorRequired(ctx.db, userId)))
    return { kind: "session", ...(await startSession(ctx, userId, { method })) };
  const token = randomToken();
  // Challenges older than an hour only matter for counting failures, which look back 15 minutes.
  await ctx.db
    .deleteFrom("sign_in_challenges")
    .where("user_id", "=", userId)
    .where("created_at", "<", new Date(ctx.now().getTime() - 60 * 60_000))
    .execute();
  await ctx.db
    .insertInto("sign_in_challenges")
    .values({
      id: sha256(token),
      user_id: userId,
      method,
      webauthn_challenge: null,
      expires_at: new Date(ctx.now().getTime() + CHALLENGE_MINUTES * 60_000),
      created_at: ctx.now(),
    })
    .execute();
  return { kind: "second-factor", challengeToken: token, enrol: !hasAFactor(factors), factors };
}

export interface Challenge {
  id: string;
  userId: string;
  method: FirstStep;
  failures: number;
  webauthnChallenge: string | null;
}

const timedOut = () =>
  new AppError("not-signed-in", "Your sign-in has timed out or was not started. Please sign in again.");

/** The live challenge a cookie names, or 401. Too many wrong factors for this person answer 429. */
export async function openChallenge(ctx: AppContext, token: string | undefined): Promise<Challenge> {
  if (!token) throw timedOut();
  const row = await ctx.db
    .selectFrom("sign_in_challenges")
    .innerJoin("users", "users.id", "sign_in_challenges.user_id")
    .select([
      "sign_in_challenges.id",
      "sign_in_challenges.user_id",
      "sign_in_challenges.method",
      "sign_in_challenges.failures",
      "sign_in_challenges.webauthn_challenge",
      "sign_in_challenges.expires_at",
      "users.disabled_at",
    ])
    .where("sign_in_challenges.id", "=", sha256(token))
    .executeTakeFirst();
  if (!row || row.disabled_at || row.expires_at.getTime() <= ctx.now().getTime()) throw timedOut();
  if (
    row.failures >= MAX_FAILURES_PER_CHALLENGE ||
    (await recentFailures(ctx, row.user_id)) >= MAX_FAILURES_PER_PERSON
  )
    throw tooMany();
  return {
    id: row.id,
    userId: row.user_id,
    method: row.method as FirstStep,
    failures: row.failures,
    webauthnChallenge: row.webauthn_challenge,
  };
}

const tooMany = () =>
  new AppError(
    "too-many-requests",
    "Too many wrong codes. Please wait 15 minutes and sign in again, or use a recovery code then.",
  );

async function recentFailures(ctx: AppContext, userId: string): Promise<number> {
  const row = await ctx.db
    .selectFrom("sign_in_challenges")
    .select((eb) => eb.fn.sum<string | null>("failures").as("n"))
    .where("user_id", "=", userId)
    .where("created_at", ">", new Date(ctx.now().getTime() - FAILURE_WINDOW_MS))
    .executeTakeFirstOrThrow();
  return Number(row.n ?? 0);
}

/** Counts a wrong second factor against the challenge (and so the person) and audits it; always throws. */
export async function failChallenge(
  ctx: AppContext,
  challenge: Challenge,
  factor: SecondFactor,
): Promise<never> {
  await ctx.db
    .updateTable("sign_in_challenges")
    .set((eb) => ({ failures: eb("failures", "+", 1) }))
    .where("id", "=", challenge.id)
    .execute();
  await appendAudit(
    ctx.db,
    { practiceId: null, actorId: challenge.userId, action: "auth.second-factor-failed", details: { factor } },
    ctx.now(),
  );
  if (challenge.failures + 1 >= MAX_FAILURES_PER_CHALLENGE) throw tooMany();
  const wrong: Record<SecondFactor, string> = {
    totp: "That code is not right, or it has been used already. Enter the 6-digit code your app shows now.",
    "enrolled-totp": "That code is not right. Enter the 6-digit code your app shows now.",
    "recovery-code": "That recovery code is not right, or it has been used already.",
    passkey: "That passkey could not be checked. Please try again, or use another way to sign in.",
    "enrolled-passkey": "That passkey could not be added. Please try again.",
  };
  throw new AppError("invalid-input", wrong[factor], { code: wrong[factor] });
}

/** Ends the challenge and starts the session it was for. */
export async function completeChallenge(
  ctx: AppContext,
  challenge: Challenge,
  factor: SecondFactor,
): Promise<{ token: string; csrfToken: string; userId: string }> {
  const gone = await ctx.db
    .deleteFrom("sign_in_challenges")
    .where("id", "=", challenge.id)
    .executeTakeFirst();
  // Two tabs finishing at once: only one of them gets the session.
  if (gone.numDeletedRows === 0n) throw timedOut();
  return startSession(ctx, challenge.userId, { method: challenge.method, factor });
}

async function startSession(
  ctx: AppContext,
  userId: string,
  details: { method: FirstStep; factor?: SecondFactor },
): Promise<{ token: string; csrfToken: string; userId: string }> {
  const session = await createSession(ctx, userId);
  await appendAudit(
    ctx.db,
    { practiceId: null, actorId: userId, action: "auth.signed-in", details },
    ctx.now(),
  );
  return { ...session, userId };
}

/** Keeps a challenge's WebAuthn challenge (the bytes the passkey must sign). */
export async function setChallengeWebauthn(
  ctx: AppContext,
  challenge: Challenge,
  value: string | null,
): Promise<void> {
  await ctx.db
    .updateTable("sign_in_challenges")
    .set({ webauthn_challenge: value })
    .where("id", "=", challenge.id)
    .execute();
}
