import type { AppContext } from "../app/context";
import { jobDefinitions, jobNames, type JobName, type JobPayload } from "./definitions";
import { describeFailure, failureKind, JobFailure } from "./failures";
import type { FetchedJob } from "./queue";
import { jobHandlers } from "./handlers";

/** Settings the scheduled jobs carry in their payload. */
export interface ScheduleSettings {
  outboxBodyDays: number;
}

/** The payload each cron job is enqueued with. */
export function scheduledPayloads(settings: ScheduleSettings): { [N in JobName]?: JobPayload<N> } {
  return {
    "policy.reminders": {},
    "posts.sweep": {},
    "audit.daily-digest": {},
    "incidents.breach-reminders": {},
    "channels.refresh-tokens": {},
    "waiting.notify": {},
    "inbox.poll-due": {},
    "inbox.retention": {},
    "retention.purge": { outboxBodyDays: settings.outboxBodyDays },
  };
}

/**
 * Runs one job. A failure is logged (the job's name, id and the error's code, never its message or payload)
 * and rethrown as a plain sentence, which is what pg-boss keeps and the admin reads.
 */
export async function runJob(ctx: AppContext, name: JobName, job: FetchedJob): Promise<void> {
  try {
    const payload = jobDefinitions[name].payload.parse(job.data);
    const handler = jobHandlers[name] as (ctx: AppContext, payload: unknown) => Promise<unknown>;
    await handler(ctx, payload);
  } catch (err) {
    const message = describeFailure(err);
    ctx.jobs.log(`job ${name} ${job.id} failed (${failureKind(err)}): ${message}`);
    const plain = new JobFailure(message);
    plain.stack = `${plain.name}: ${message}`;
    throw plain;
  }
}

/** Runs every job that is due now (by the app's clock), until none is left; returns how many ran. Tests and one-off runs. */
export async function runDueJobs(ctx: AppContext, maxRounds = 20): Promise<number> {
  await ctx.jobs.syncClock(ctx.now());
  let ran = 0;
  for (let round = 0; round < maxRounds; round++) {
    let thisRound = 0;
    for (const name of jobNames) {
      for (const job of await ctx.jobs.fetch(name, 20)) {
        thisRound++;
        try {
          await runJob(ctx, name, job);
          await ctx.jobs.complete(name, job.id);
        } catch (err) {
          await ctx.jobs.fail(name, job.id, (err as Error).message);
        }
      }
    }
    ran += thisRound;
    if (!thisRound) break;
  }
  return ran;
}

/** Enqueues every scheduled job now, as its cron would (tests, and `safepost jobs run-schedules` later). */
export async function enqueueScheduledJobs(ctx: AppContext, settings: ScheduleSettings): Promise<void> {
  const payloads = scheduledPayloads(settings);
  for (const name of jobNames) {
    const payload = payloads[name];
    if (jobDefinitions[name].cron && payload) await ctx.jobs.enqueue(ctx.db, name, payload as never);
  }
}

/** Starts this instance's workers and keeps the cron schedules (the queue fires each once across instances). */
export async function startJobWorkers(ctx: AppContext, settings: ScheduleSettings): Promise<void> {
  const payloads = scheduledPayloads(settings);
  for (const name of jobNames) {
    const cron = jobDefinitions[name].cron;
    const payload = payloads[name];
    if (cron && payload) await ctx.jobs.schedule(name, cron, payload as never);
    await ctx.jobs.work(name, (job) => runJob(ctx, name, job));
  }
}
