import { notFound } from "../../core/errors";
import type { JobRecord } from "../../jobs/queue";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";

/** A practice's background job as its admin sees it: no payload, only what it does and how it failed. */
export interface JobView {
  id: string;
  name: string;
  label: string;
  state: JobRecord["state"];
  error: string | null;
  attempts: number;
  createdAt: Date;
  nextAttemptAt: Date | null;
}

const view = (j: JobRecord): JobView => ({
  id: j.id,
  name: j.name,
  label: j.label,
  state: j.state,
  error: j.error,
  attempts: j.attempts,
  createdAt: j.createdAt,
  nextAttemptAt: j.nextAttemptAt,
});

/** The practice's jobs that failed or are waiting to retry. */
export async function listProblemJobs(ctx: AppContext, practiceId: string): Promise<JobView[]> {
  return (await ctx.jobs.problems(practiceId)).map(view);
}

async function practiceJob(ctx: AppContext, practiceId: string, jobId: string): Promise<JobRecord> {
  const job = await ctx.jobs.find(practiceId, jobId);
  if (!job || (job.state !== "failed" && job.state !== "retry")) throw notFound("That background job");
  return job;
}

/** Runs a failed job again now. Another practice's job is "not found". */
export async function retryJob(
  ctx: AppContext,
  practiceId: string,
  actorId: string,
  jobId: string,
): Promise<void> {
  const job = await practiceJob(ctx, practiceId, jobId);
  if (job.state !== "failed") return; // already waiting to retry
  await ctx.jobs.retry(job);
  await appendAudit(
    ctx.db,
    {
      practiceId,
      actorId,
      action: "job.retried",
      targetType: "job",
      targetId: job.id,
      details: { job: job.name },
    },
    ctx.now(),
  );
}

/** Gives up a failed or retrying job: it will not run again. */
export async function cancelJob(
  ctx: AppContext,
  practiceId: string,
  actorId: string,
  jobId: string,
): Promise<void> {
  const job = await practiceJob(ctx, practiceId, jobId);
  await ctx.jobs.cancel(job);
  await appendAudit(
    ctx.db,
    {
      practiceId,
      actorId,
      action: "job.cancelled",
      targetType: "job",
      targetId: job.id,
      details: { job: job.name },
    },
    ctx.now(),
  );
}
