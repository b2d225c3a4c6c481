import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";

const DAY = 86_400_000;
/** Sign-in attempts are kept this long (the throttle looks back 15 minutes; a month helps investigate an attack). */
export const LOGIN_ATTEMPT_DAYS = 30;
/** Finished background jobs are kept a week; failed ones a month, so the admin can see and retry them. */
export const FINISHED_JOB_DAYS = 7;
/** A confidential mail's body (a reset or invitation link) outlives its link by a day at most. */
export const CONFIDENTIAL_BODY_DAYS = 8;
export const FAILED_JOB_DAYS = 30;

export interface PurgeCounts {
  sessions: number;
  loginAttempts: number;
  passwordResets: number;
  invites: number;
  outboxBodies: number;
  /** Spent or expired steps of two-step and NHSmail sign-in (docs/two-factor.md). */
  signInSteps: number;
  jobs: number;
}

const count = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint }): number =>
  Number(r.numDeletedRows ?? r.numUpdatedRows ?? 0);

/**
 * Deletes what safepost no longer needs: expired sessions, old sign-in attempts, used or expired reset links
 * and invitations, spent two-step and NHSmail sign-in steps, finished jobs, and the bodies of mails older than `outboxBodyDays` (the row stays, so the
 * outbox still shows that a mail went out). Records the counts in the audit log. Safe to run twice.
 */
export async function purgeExpired(
  ctx: AppContext,
  settings: { outboxBodyDays: number },
): Promise<PurgeCounts> {
  const now = ctx.now();
  const before = (days: number): Date => new Date(now.getTime() - days * DAY);
  const counts = await ctx.db.transaction().execute(async (trx) => {
    const sessions = await trx.deleteFrom("sessions").where("expires_at", "<=", now).executeTakeFirst();
    const attempts = await trx
      .deleteFrom("login_attempts")
      .where("at", "<", before(LOGIN_ATTEMPT_DAYS))
      .executeTakeFirst();
    const resets = await trx
      .deleteFrom("password_resets")
      .where((eb) => eb.or([eb("used_at", "is not", null), eb("expires_at", "<=", now)]))
      .executeTakeFirst();
    const invites = await trx
      .deleteFrom("invites")
      .where((eb) =>
        eb.or([
          eb("accepted_at", "is not", null),
          eb("revoked_at", "is not", null),
          eb("expires_at", "<=", now),
        ]),
      )
      .executeTakeFirst();
    const bodies = await trx
      .updateTable("outbox")
      .set({ body: "" })
      .where((eb) =>
        eb.or([
          eb("created_at", "<", before(settings.outboxBodyDays)),
          // A sign-in link the mail server never took (it kept failing) is dead after its invitation's
          // 7 days at most: its body goes then, whatever the outbox setting.
          eb.and([eb("confidential", "=", true), eb("created_at", "<", before(CONFIDENTIAL_BODY_DAYS))]),
        ]),
      )
      .where("body", "<>", "")
      .executeTakeFirst();
    // A challenge counts towards the person's wrong-code limit for 15 minutes: keep it an hour.
    const challenges = await trx
      .deleteFrom("sign_in_challenges")
      .where("created_at", "<", new Date(now.getTime() - 60 * 60_000))
      .executeTakeFirst();
    const states = await trx
      .deleteFrom("oidc_states")
      .where((eb) => eb.or([eb("used_at", "is not", null), eb("expires_at", "<=", now)]))
      .executeTakeFirst();
    const registrations = await trx
      .deleteFrom("passkey_registrations")
      .where("expires_at", "<=", now)
      .executeTakeFirst();
    return {
      sessions: count(sessions),
      signInSteps: count(challenges) + count(states) + count(registrations),
      loginAttempts: count(attempts),
      passwordResets: count(resets),
      invites: count(invites),
      outboxBodies: count(bodies),
    };
  });
  const jobs = await ctx.jobs.purgeFinished(before(FINISHED_JOB_DAYS), before(FAILED_JOB_DAYS));
  const result = { ...counts, jobs };
  await appendAudit(
    ctx.db,
    { practiceId: null, actorId: null, action: "retention.purged", details: { ...result } },
    now,
  );
  return result;
}
