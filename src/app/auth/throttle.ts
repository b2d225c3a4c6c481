import type { Db } from "../../store/database";

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Failed guesses older than this are forgotten. */
export const THROTTLE_WINDOW_MS = 60 * MINUTE;
/** The longest wait the throttle ever asks for. */
export const MAX_DELAY_MS = 15 * MINUTE;
/** The first wait, doubled with every further failure. */
export const FIRST_DELAY_MS = 30 * SECOND;
/** An address where an account signed in within this time is the person's own (a known address). */
export const KNOWN_ADDRESS_MS = 30 * 86_400_000;

/**
 * Free failures before the waits begin, per key:
 * - one account from one address (guessing one person's password);
 * - one account from unknown addresses (a guess spread over many machines; never applied where the person
 *   has signed in before, so a stranger elsewhere cannot keep them out);
 * - one address over every account (spraying one password at many people; not applied to an account at an
 *   address where it has signed in before, so a whole surgery behind one address is not locked out together).
 */
export const FREE_FAILURES = { pair: 5, account: 10, address: 20 } as const;

/** The wait after `failures` failed guesses: none while free, then 30 s, 1 min, 2 min … up to 15 min. */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(failures - free, 20));
}

export interface AttemptKey {
  email: string;
  address: string;
}

export type Verdict = { allowed: true; attemptId: string } | { allowed: false; retryAfterMs: number };

interface Count {
  n: number;
  last: Date | null;
}

/**
 * Records a sign-in attempt as a failure *first*, then counts the failures before it, so that concurrent
 * guesses each see the others: of 30 wrong passwords sent at once, at most the free number are checked.
 * An attempt refused here is marked `throttled` and does not lengthen the wait. A success (see
 * `recordSuccess`) resets the counts of its account; a password reset lifts the throttle (`liftThrottle`).
 */
export async function recordAttempt(db: Db, key: AttemptKey, now: Date): Promise<Verdict> {
  const mine = await db
    .insertInto("login_attempts")
    .values({ email: key.email, address: key.address, succeeded: false, at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  // The latest success of a key: failures before it no longer count. Ordered by id (the order attempts were
  // recorded in), so a success and a failure at the same instant are still told apart.
  const lastSuccess = async (where: Partial<AttemptKey>): Promise<{ id: string; at: Date } | null> => {
    let q = db
      .selectFrom("login_attempts")
      .select(["id", "at"])
      .where("succeeded", "=", true)
      .orderBy("id", "desc")
      .limit(1);
    if (where.email !== undefined) q = q.where("email", "=", where.email);
    if (where.address !== undefined) q = q.where("address", "=", where.address);
    const row = await q.executeTakeFirst();
    return row ? { id: String(row.id), at: new Date(row.at) } : null;
  };
  const failures = async (where: Partial<AttemptKey>, after: { id: string } | null): Promise<Count> => {
    let q = db
      .selectFrom("login_attempts")
      .select((eb) => [eb.fn.countAll<string>().as("n"), eb.fn.max("at").as("last")])
      .where("succeeded", "=", false)
      .where("throttled", "=", false)
      .where("id", "<>", mine.id)
      .where("at", ">", since);
    if (after) q = q.where("id", ">", after.id);
    if (where.email !== undefined) q = q.where("email", "=", where.email);
    if (where.address !== undefined) q = q.where("address", "=", where.address);
    const row = await q.executeTakeFirstOrThrow();
    return { n: Number(row.n), last: row.last ? new Date(row.last as Date | string) : null };
  };

  const pairSuccess = await lastSuccess(key);
  const known = pairSuccess !== null && now.getTime() - pairSuccess.at.getTime() < KNOWN_ADDRESS_MS;
  const counts: [Count, number][] = [[await failures(key, pairSuccess), FREE_FAILURES.pair]];
  if (!known) {
    const accountSuccess = await lastSuccess({ email: key.email });
    counts.push([await failures({ email: key.email }, accountSuccess), FREE_FAILURES.account]);
    counts.push([await failures({ address: key.address }, null), FREE_FAILURES.address]);
  }
  let until = 0;
  for (const [c, free] of counts)
    if (c.last) until = Math.max(until, c.last.getTime() + delayAfter(c.n, free));
  if (until > now.getTime()) {
    await db.updateTable("login_attempts").set({ throttled: true }).where("id", "=", mine.id).execute();
    return { allowed: false, retryAfterMs: until - now.getTime() };
  }
  return { allowed: true, attemptId: mine.id };
}

/** Marks an allowed attempt as a success: the person proved who they are. */
export async function recordSuccess(db: Db, attemptId: string): Promise<void> {
  await db.updateTable("login_attempts").set({ succeeded: true }).where("id", "=", attemptId).execute();
}

/**
 * The person proved who they are another way (a password reset through the emailed link, or an operator set
 * a new password): every failed guess at the account is forgiven, and this address becomes a known one.
 */
export async function liftThrottle(db: Db, key: AttemptKey, now: Date): Promise<void> {
  await db
    .deleteFrom("login_attempts")
    .where("email", "=", key.email)
    .where("succeeded", "=", false)
    .execute();
  await db
    .insertInto("login_attempts")
    .values({ email: key.email, address: key.address, succeeded: true, at: now })
    .execute();
}

/** "15 minutes", "2 minutes", "30 seconds": a wait in words. */
export function describeWait(ms: number): string {
  if (ms >= MINUTE) {
    const m = Math.ceil(ms / MINUTE);
    return `${m} minute${m === 1 ? "" : "s"}`;
  }
  const s = Math.max(1, Math.ceil(ms / SECOND));
  return `${s} second${s === 1 ? "" : "s"}`;
}
