import { listChannels, recordAccessRemoved, updateChannel } from "../../app/channels/manage-channels";
import { accessRemovedRequest, channelParams, channelUpdate } from "../../contracts/channels";
import { practiceParams } from "../../contracts/common";
import { requireMember } from "../auth";
import { parse } from "../validate";
import type { RouteModule } from "./index";

const base = "/api/practices/:practiceId/channels";

/** The practice's channels: list, and the practice manager's footer and security checklist per channel. */
export const channelRoutes: RouteModule = (app, ctx) => {
  app.get(base, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "view-posts");
    return { channels: await listChannels(ctx, practiceId, me) };
  });

  app.patch(`${base}/:channelId`, async (req) => {
    const p = parse(channelParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "view-posts");
    return updateChannel(ctx, p.practiceId, p.channelId, me, parse(channelUpdate, req.body));
  });

  app.post(`${base}/:channelId/access-removed`, async (req) => {
    const p = parse(channelParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "view-posts");
    const { userId } = parse(accessRemovedRequest, req.body);
    return recordAccessRemoved(ctx, p.practiceId, p.channelId, userId, me);
  });
};
