import type { AppContext } from "../context";
import { randomToken, sha256 } from "../tokens";

export const SESSION_DAYS = 14;

export interface SessionUser {
  sessionId: string;
  csrfToken: string;
  userId: string;
  email: string;
  name: string;
}

/** Starts a session; returns the cookie token (only its hash is stored). */
export async function createSession(
  ctx: AppContext,
  userId: string,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expires = new Date(ctx.now().getTime() + SESSION_DAYS * 86_400_000);
  await ctx.db
    .insertInto("sessions")
    .values({ id: sha256(token), user_id: userId, csrf_token: csrfToken, expires_at: expires })
    .execute();
  return { token, csrfToken };
}

/** The signed-in user for a cookie token, or null when the session is unknown, expired or the user disabled. */
export async function findSession(ctx: AppContext, token: string): Promise<SessionUser | null> {
  const row = await ctx.db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id",
      "sessions.csrf_token",
      "sessions.expires_at",
      "users.id as user_id",
      "users.email",
      "users.name",
      "users.disabled_at",
    ])
    .where("sessions.id", "=", sha256(token))
    .executeTakeFirst();
  if (!row || row.disabled_at || row.expires_at.getTime() <= ctx.now().getTime()) return null;
  return {
    sessionId: row.id,
    csrfToken: row.csrf_token,
    userId: row.user_id,
    email: row.email,
    name: row.name,
  };
}

export async function endSession(ctx: AppContext, sessionId: string): Promise<void> {
  await ctx.db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Ends every session of a user at once (deactivation, password reset). */
export async function endAllSessions(ctx: AppContext, userId: string): Promise<void> {
  await ctx.db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}
