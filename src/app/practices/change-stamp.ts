import type { Db } from "../../store/database";

/**
 * A practice's change stamp: the number of its audit chain's latest entry. Every change to a practice
 * (settings, staff, policy) appends to that chain in the same transaction, so the number moves on every
 * change, on every instance sharing the database. Caches key on it to know when to re-render.
 */
export interface ChangeStamp {
  seq: string;
  at: Date | null;
}

// Keyed by practice id alone: ids are random UUIDs, so two databases in one process never share one.
const memo = new Map<string, { stamp: ChangeStamp; checkedAt: number }>();

/**
 * The practice's current stamp, asked of the database at most once per `maxAgeMs` (so a change made on
 * another instance shows within that time, and a busy public page costs no query per request).
 */
export async function practiceStamp(db: Db, practiceId: string, maxAgeMs = 1000): Promise<ChangeStamp> {
  const known = memo.get(practiceId);
  const now = Date.now();
  if (known && now - known.checkedAt < maxAgeMs) return known.stamp;
  const head = await db
    .selectFrom("audit_heads")
    .select(["seq", "at"])
    .where("chain", "=", practiceId)
    .executeTakeFirst();
  const stamp = { seq: head?.seq ?? "0", at: head?.at ?? null };
  memo.set(practiceId, { stamp, checkedAt: now });
  return stamp;
}

/** Forgets the remembered stamp, so this instance sees its own change at once (other instances within a second). */
export function forgetStamp(practiceId: string): void {
  memo.delete(practiceId);
}
