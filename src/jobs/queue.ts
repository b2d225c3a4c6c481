import { sql } from "kysely";
import type { Db } from "../store/database";

export interface NewJob {
  kind: string;
  payload?: Record<string, unknown>;
  runAt: Date;
  /** A job with the same key is enqueued once only (e.g. "ack-reminder:<policy>:<user>:<day>"). */
  dedupeKey?: string;
}

/** Adds a job to the durable queue; returns false when a job with the same dedupe key already exists. */
export async function enqueueJob(db: Db, job: NewJob): Promise<boolean> {
  const res = await db
    .insertInto("jobs")
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      run_at: job.runAt,
      dedupe_key: job.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * Claims up to `limit` due jobs for this instance. SKIP LOCKED plus a lease (locked_until) means two
 * instances never claim the same job; a job whose instance died is claimed again when its lease runs out.
 */
export async function claimDueJobs(
  db: Db,
  now: Date,
  limit: number,
  leaseMs = 5 * 60_000,
): Promise<ClaimedJob[]> {
  const lease = new Date(now.getTime() + leaseMs);
  const rows = await sql<ClaimedJob>`
    update jobs set locked_until = ${lease}, attempts = attempts + 1
    where id in (
      select id from jobs
      where done_at is null and run_at <= ${now} and (locked_until is null or locked_until < ${now})
      order by run_at
      limit ${limit}
      for update skip locked
    )
    returning id, kind, payload, attempts`.execute(db);
  return rows.rows;
}

export async function completeJob(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable("jobs")
    .set({ done_at: now, locked_until: null, last_error: null })
    .where("id", "=", id)
    .execute();
}

/** Records a failure and retries later with backoff; after `maxAttempts` the job is left failed. */
export async function failJob(
  db: Db,
  job: ClaimedJob,
  now: Date,
  error: string,
  maxAttempts = 5,
): Promise<void> {
  const retryAt = new Date(now.getTime() + Math.min(2 ** job.attempts * 60_000, 3_600_000));
  await db
    .updateTable("jobs")
    .set({
      locked_until: null,
      last_error: error.slice(0, 500),
      run_at: retryAt,
      ...(job.attempts >= maxAttempts ? { done_at: now } : {}),
    })
    .where("id", "=", job.id)
    .execute();
}
