import { createHash } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import { PgBoss, TestClock, fromKysely, fromPglite, type Db as BossDb, type JobResult } from "pg-boss";
import type { Db } from "../store/database";
import { isUuid } from "../core/ids";
import { failureKind } from "./failures";
import { isJobName, jobDefinitions, jobNames, type JobName, type JobPayload } from "./definitions";

export interface EnqueueOptions {
  /** Not before this time (default: now by the app's clock). */
  startAfter?: Date;
  /** A job with the same name and key is enqueued once only (while pg-boss keeps it). */
  key?: string;
}

/** A job as the Background jobs page shows it: what it does, its state and its error in plain words. */
export interface JobRecord {
  id: string;
  name: JobName;
  label: string;
  state: "created" | "retry" | "active" | "completed" | "cancelled" | "failed";
  practiceId: string | null;
  /** The last failure, in plain words (never personal data). */
  error: string | null;
  attempts: number;
  createdAt: Date;
  /** When a job waiting to retry runs next. */
  nextAttemptAt: Date | null;
}

export interface FetchedJob {
  id: string;
  name: JobName;
  data: unknown;
}

/** The durable job queue (pg-boss) over the app's database. One per open database. */
export interface JobQueue {
  /** Enqueues a job in `db`: pass the transaction of the change that causes it, so a rollback enqueues nothing. */
  enqueue<N extends JobName>(
    db: Db,
    name: N,
    payload: JobPayload<N>,
    options?: EnqueueOptions,
  ): Promise<void>;
  /** Claims up to `limit` due jobs of one kind (two instances never claim the same job). */
  fetch(name: JobName, limit: number): Promise<FetchedJob[]>;
  complete(name: JobName, id: string): Promise<void>;
  /** Records a failure: pg-boss retries later with backoff, or marks the job failed after its last attempt. */
  fail(name: JobName, id: string, plainError: string): Promise<void>;
  /** Polls for jobs of one kind in the background and hands each to `run`. */
  work(name: JobName, run: (job: FetchedJob) => Promise<void>): Promise<void>;
  /** Keeps every cron schedule of the registry (idempotent; the queue fires each once across instances). */
  schedule<N extends JobName>(name: N, cron: string, payload: JobPayload<N>): Promise<void>;
  /** Jobs of a practice that failed or are waiting to retry, newest first. */
  problems(practiceId: string): Promise<JobRecord[]>;
  /** One job of a practice; null for a job of another practice or an unknown id. */
  find(practiceId: string, id: string): Promise<JobRecord | null>;
  retry(job: JobRecord): Promise<void>;
  cancel(job: JobRecord): Promise<void>;
  /** Deletes jobs that finished (completed or cancelled) before `finishedBefore`, and failed ones before `failedBefore`. */
  purgeFinished(finishedBefore: Date, failedBefore: Date): Promise<number>;
  /** Tests: the queue's clock follows the app's test clock. A no-op on the system clock. */
  syncClock(now: Date): Promise<void>;
  log(line: string): void;
  close(): Promise<void>;
}

export interface JobQueueOptions {
  db: Db;
  /** The embedded database, when the app runs on PGlite. */
  pglite?: PGlite;
  /** The PostgreSQL server, when the app runs on one. */
  url?: string;
  /** pg-boss's own schema. */
  schema: string;
  /** Run maintenance and fire cron schedules from this instance (the server does; CLI commands and tests do not). */
  supervise?: boolean;
  /** "test": the queue's idea of now moves only with syncClock (tests move time by hand). */
  clock?: "system" | "test";
  log?: (line: string) => void;
}

/**
 * PGlite has one connection, which Kysely hands out one query or transaction at a time. pg-boss must queue
 * behind it too: a pg-boss statement slipped into the middle of an app transaction would commit or roll
 * back with it.
 */
function serialisedPglite(db: Db, pglite: PGlite): BossDb {
  const inner = fromPglite(pglite);
  return {
    executeSql: (text, values) => db.connection().execute(() => inner.executeSql(text, values)),
    setSessionStatements: (statements) =>
      db.connection().execute(() => inner.setSessionStatements!(statements)),
  };
}

/** A stable job id for a dedupe key, so enqueueing it twice inserts one job. */
function keyedId(name: string, key: string): string {
  const h = createHash("sha256").update(`${name}\u0000${key}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Jobs a worker takes per fetch. */
const WORK_BATCH = 10;

interface JobRow {
  id: string;
  name: string;
  state: JobRecord["state"];
  data: { practiceId?: unknown } | null;
  output: { message?: unknown } | null;
  retry_count: number;
  created_on: Date;
  start_after: Date;
}

function toRecord(row: JobRow): JobRecord | null {
  if (!isJobName(row.name)) return null;
  const message = row.output?.message;
  return {
    id: row.id,
    name: row.name,
    label: jobDefinitions[row.name].label,
    state: row.state,
    practiceId: typeof row.data?.practiceId === "string" ? row.data.practiceId : null,
    error: typeof message === "string" ? message : null,
    attempts: Number(row.retry_count) + 1,
    createdAt: new Date(row.created_on),
    nextAttemptAt: row.state === "retry" ? new Date(row.start_after) : null,
  };
}

/** Opens pg-boss over the app's database, creating or migrating its schema. */
export async function openJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const log = options.log ?? ((line: string) => void process.stderr.write(`safepost: ${line}\n`));
  // A test clock starts in the past, so a job enqueued "now" is due at whatever time the test moves to.
  const clock = options.clock === "test" ? new TestClock(new Date("2000-01-01T00:00:00Z")) : undefined;
  let clockMoves: Promise<void> = Promise.resolve();
  const common = {
    schema: options.schema,
    supervise: options.supervise ?? false,
    schedule: options.supervise ?? false,
    registerInstance: false,
    openTelemetry: { enabled: false },
    ...(clock ? { clock } : {}),
  };
  const boss = options.pglite
    ? new PgBoss({ ...common, backend: "pglite", db: serialisedPglite(options.db, options.pglite) })
    : new PgBoss({ ...common, connectionString: options.url!, max: 4, application_name: "safepost-jobs" });
  boss.on("error", (err) => log(`the job queue reported an error (${failureKind(err)})`));
  await boss.start();
  for (const name of jobNames) {
    const { retry } = jobDefinitions[name];
    const queue = {
      retryLimit: retry.limit,
      retryDelay: retry.delaySeconds,
      retryBackoff: true,
      retryDelayMax: retry.maxDelaySeconds,
      deleteAfterSeconds: 7 * 86_400,
    };
    if (await boss.getQueue(name)) await boss.updateQueue(name, queue);
    else
      await boss.createQueue(name, queue).catch(async (err) => {
        if (!(await boss.getQueue(name))) throw err; // another instance created it a moment earlier
      });
  }
  const table = `"${options.schema}".job`;
  const columns = "id, name, state, data, output, retry_count, created_on, start_after";
  const query = async (text: string, values: unknown[]): Promise<JobRow[]> =>
    (await boss.getDb().executeSql(text, values)).rows as JobRow[];

  return {
    async enqueue(db, name, payload, opts = {}) {
      if (!isJobName(name)) throw new Error(`There is no job called "${String(name)}".`);
      const parsed = jobDefinitions[name].payload.safeParse(payload);
      if (!parsed.success)
        throw new Error(
          `The payload of job "${name}" is not valid: ${parsed.error.issues.map((i) => `${i.path.join(".") || "payload"} ${i.message}`).join("; ")}.`,
        );
      await boss.send(name, parsed.data as object, {
        db: fromKysely(db),
        ...(opts.startAfter
          ? { startAfter: opts.startAfter }
          : clock
            ? { startAfter: new Date(clock.now()) }
            : {}),
        ...(opts.key ? { id: keyedId(name, opts.key) } : {}),
      });
    },
    async fetch(name, limit) {
      const jobs = await boss.fetch(name, { batchSize: limit });
      return jobs.map((j) => ({ id: j.id, name, data: j.data }));
    },
    async complete(name, id) {
      await boss.complete(name, id);
    },
    async fail(name, id, plainError) {
      await boss.fail(name, id, { message: plainError });
    },
    async work(name, run) {
      // Up to WORK_BATCH jobs per fetch, and while fetches come back full the worker fetches again at once:
      // a thousand posts due at ten o'clock go out one after another, not one per poll. Each job settles on
      // its own, so one failure neither fails nor repeats the others of its batch.
      await boss.work(
        name,
        {
          pollingIntervalSeconds: name === "mail.send" ? 2 : 15,
          batchSize: WORK_BATCH,
          burstWhenBatchFull: true,
          perJobResults: true,
        },
        async (jobs) => {
          const results: JobResult[] = [];
          for (const j of jobs) {
            try {
              await run({ id: j.id, name, data: j.data });
              results.push({ id: j.id, status: "completed" });
            } catch (err) {
              results.push({ id: j.id, status: "failed", output: { message: (err as Error).message } });
            }
          }
          return results;
        },
      );
    },
    async schedule(name, cron, payload) {
      await boss.schedule(name, cron, payload as object, { tz: "Europe/London" });
    },
    async problems(practiceId) {
      if (!isUuid(practiceId)) return [];
      const rows = await query(
        `select ${columns} from ${table} where state in ('failed', 'retry') and data->>'practiceId' = $1
         order by created_on desc limit 200`,
        [practiceId],
      );
      return rows.map(toRecord).filter((r): r is JobRecord => r !== null);
    },
    async find(practiceId, id) {
      if (!isUuid(practiceId) || !isUuid(id)) return null;
      const rows = await query(`select ${columns} from ${table} where id = $1 and data->>'practiceId' = $2`, [
        id,
        practiceId,
      ]);
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async retry(job) {
      await boss.retry(job.name, job.id);
    },
    async cancel(job) {
      // pg-boss cancels only jobs that have not finished; a failed job is given up by deleting it.
      if (job.state === "failed") await boss.deleteJob(job.name, job.id);
      else await boss.cancel(job.name, job.id);
    },
    async purgeFinished(finishedBefore, failedBefore) {
      const rows = await query(
        `delete from ${table} where (state in ('completed', 'cancelled') and completed_on < $1)
           or (state = 'failed' and completed_on < $2) returning id`,
        [finishedBefore, failedBefore],
      );
      return rows.length;
    },
    syncClock(now) {
      if (!clock) return Promise.resolve();
      // One move at a time: two runDueJobs of one instance may ask at once.
      const move = clockMoves.then(() => (clock.now() === now.getTime() ? undefined : clock.setTime(now)));
      clockMoves = move.catch(() => {});
      return move;
    },
    log,
    async close() {
      await boss.stop({ graceful: false, close: true });
    },
  };
}
