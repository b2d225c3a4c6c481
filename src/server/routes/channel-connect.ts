import {
  listAppCredentials,
  removeAppCredentials,
  saveAppCredentials,
} from "../../app/channels/app-credentials";
import { appCredentialsRequest, appPlatformParams } from "../../contracts/channel-connect";
import { practiceParams } from "../../contracts/common";
import { requireMember } from "../auth";
import { parse } from "../validate";
import type { RouteModule } from "./index";

const apps = "/api/practices/:practiceId/channel-apps";

/** Connecting channels: the practice's own platform apps (admin). */
export const channelConnectRoutes: RouteModule = (app, ctx) => {
  app.get(apps, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    await requireMember(ctx, req, practiceId, "edit-settings");
    return { apps: await listAppCredentials(ctx, practiceId) };
  });

  app.put(`${apps}/:platform`, async (req) => {
    const p = parse(appPlatformParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "edit-settings");
    const body = parse(appCredentialsRequest, req.body);
    return saveAppCredentials(ctx, {
      practiceId: p.practiceId,
      actorId: me.userId,
      platform: p.platform,
      clientId: body.clientId,
      ...(body.clientSecret === undefined ? {} : { clientSecret: body.clientSecret }),
    });
  });

  app.delete(`${apps}/:platform`, async (req, reply) => {
    const p = parse(appPlatformParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "edit-settings");
    await removeAppCredentials(ctx, { practiceId: p.practiceId, actorId: me.userId, platform: p.platform });
    return reply.status(204).send();
  });
};
