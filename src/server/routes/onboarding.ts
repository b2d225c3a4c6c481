import { z } from "zod";
import { onboardingSteps } from "../../app/practices/onboarding";
import { requireMember } from "../auth";
import { parse } from "../validate";
import type { RouteModule } from "./index";

/** `GET /api/practices/:practiceId/onboarding`: the first steps this member may take, each ticked from the practice's state. */
export const onboardingRoutes: RouteModule = (app, ctx) => {
  app.get("/api/practices/:practiceId/onboarding", async (req) => {
    const { practiceId } = parse(z.object({ practiceId: z.string() }), req.params);
    const me = await requireMember(ctx, req, practiceId);
    return { steps: await onboardingSteps(ctx.db, practiceId, me) };
  });
};
