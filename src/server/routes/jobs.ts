import { jobParams, practiceParams } from "../../contracts";
import { cancelJob, listProblemJobs, retryJob } from "../../app/jobs/background-jobs";
import { requireMember } from "../auth";
import { parse } from "../validate";
import type { RouteModule } from "./index";

/** The admin's Background jobs page: the practice's failed jobs, with retry and cancel. */
export const jobRoutes: RouteModule = (app, ctx) => {
  app.get("/api/practices/:practiceId/jobs", async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    await requireMember(ctx, req, practiceId, "manage-jobs");
    return { jobs: await listProblemJobs(ctx, practiceId) };
  });

  app.post("/api/practices/:practiceId/jobs/:jobId/retry", async (req, reply) => {
    const { practiceId, jobId } = parse(jobParams, req.params);
    const member = await requireMember(ctx, req, practiceId, "manage-jobs");
    await retryJob(ctx, practiceId, member.userId, jobId);
    return reply.status(204).send();
  });

  app.post("/api/practices/:practiceId/jobs/:jobId/cancel", async (req, reply) => {
    const { practiceId, jobId } = parse(jobParams, req.params);
    const member = await requireMember(ctx, req, practiceId, "manage-jobs");
    await cancelJob(ctx, practiceId, member.userId, jobId);
    return reply.status(204).send();
  });
};
