import { z } from "zod";
import { waitingFor } from "../../app/waiting/waiting";
import { requireMember } from "../auth";
import { parse } from "../validate";
import type { RouteModule } from "./index";

/** `GET /api/practices/:practiceId/waiting`: what the signed-in member has to do, from every area. */
export const waitingRoutes: RouteModule = (app, ctx) => {
  app.get("/api/practices/:practiceId/waiting", async (req) => {
    const { practiceId } = parse(z.object({ practiceId: z.string() }), req.params);
    const me = await requireMember(ctx, req, practiceId);
    return { items: await waitingFor(ctx, { practiceId, userId: me.userId, roles: me.roles }) };
  });
};
