import { practiceParams } from "../../contracts/common";
import { onboardingHiddenRequest } from "../../contracts/practices";
import { readOnboarding, setOnboardingHidden } from "../../app/practices/onboarding";
import { requireMember } from "../auth";
import { parse } from "../validate";
import type { RouteModule } from "./index";

/** "Getting started" on a new practice's home page: its steps, and hiding the list for the whole practice. */
export const onboardingRoutes: RouteModule = (app, ctx) => {
  app.get("/api/practices/:practiceId/onboarding", async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId);
    return readOnboarding(ctx.db, practiceId, me);
  });

  app.put("/api/practices/:practiceId/onboarding/hidden", async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "edit-settings");
    const { hidden } = parse(onboardingHiddenRequest, req.body);
    return setOnboardingHidden(ctx, practiceId, me, hidden);
  });
};
