import { readOversight, setCheckerCounting } from "../../app/oversight";
import { practiceParams } from "../../contracts/common";
import { checkerCountsRequest } from "../../contracts/oversight";
import { requireMember } from "../auth";
import { parse } from "../validate";
import type { RouteModule } from "./index";

const base = "/api/practices/:practiceId/oversight";

/** The admin's oversight dashboard and the switch for the checker's monthly counts (issue 11, part 5). */
export const oversightRoutes: RouteModule = (app, ctx) => {
  app.get(base, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "view-oversight");
    return readOversight(ctx, practiceId, me);
  });

  app.put(`${base}/checker-counts`, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "manage-checker-counts");
    return setCheckerCounting(ctx, practiceId, me, parse(checkerCountsRequest, req.body).on);
  });
};
