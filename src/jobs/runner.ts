import type { AppContext } from "../app/context";
import { claimDueJobs, completeJob, failJob } from "./queue";
import { jobHandlers } from "./handlers";

/** Runs every due job once; returns how many ran. Used by the runner loop and by tests. */
export async function runDueJobs(ctx: AppContext, limit = 20): Promise<number> {
  const jobs = await claimDueJobs(ctx.db, ctx.now(), limit);
  for (const job of jobs) {
    const handler = jobHandlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(ctx, job.payload);
      await completeJob(ctx.db, job.id, ctx.now());
    } catch (err) {
      await failJob(ctx.db, job, ctx.now(), err instanceof Error ? err.message : String(err));
    }
  }
  return jobs.length;
}

/** Polls the durable queue in the background. Every instance may run one; the queue keeps them apart. */
export function startJobRunner(ctx: AppContext, everyMs = 5_000): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runDueJobs(ctx)
      .catch(() => {})
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
