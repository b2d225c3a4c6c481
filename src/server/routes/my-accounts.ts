import type { AppContext } from "../../app/context";
import {
  addMyAccountsPlatform,
  listMyAccountsPlatforms,
  myAccountsSummary,
  readMyAccounts,
  removeMyAccountsPlatform,
  saveMyAccountsPlatform,
  setMyAccountsSharing,
} from "../../app/my-accounts";
import { practiceParams } from "../../contracts/common";
import {
  addPlatformRequest,
  myAccountsAnswerParams,
  myAccountsPlatformParams,
  platformAnswersRequest,
  sharingRequest,
} from "../../contracts/my-accounts";
import { requireMember } from "../auth";
import { parse } from "../validate";
import type { RouteModule } from "./index";

const base = "/api/practices/:practiceId/my-accounts";

/**
 * My accounts: every route about answers works on the signed-in member's own check only (no route takes another
 * member's id); the summary and the platform list are the practice manager's.
 */
export const myAccountsRoutes: RouteModule = (app, ctx: AppContext) => {
  app.get(base, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "use-my-accounts");
    return readMyAccounts(ctx, practiceId, me);
  });

  app.put(`${base}/answers/:platform`, async (req) => {
    const p = parse(myAccountsAnswerParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "use-my-accounts");
    return saveMyAccountsPlatform(ctx, p.practiceId, me, p.platform, parse(platformAnswersRequest, req.body));
  });

  app.put(`${base}/sharing`, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "use-my-accounts");
    return setMyAccountsSharing(ctx, practiceId, me, parse(sharingRequest, req.body).share);
  });

  app.get(`${base}/summary`, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "view-my-accounts-summary");
    return myAccountsSummary(ctx, practiceId, me);
  });

  app.get(`${base}/platforms`, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    await requireMember(ctx, req, practiceId, "use-my-accounts");
    return listMyAccountsPlatforms(ctx, practiceId);
  });

  app.post(`${base}/platforms`, async (req, reply) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "manage-my-accounts-platforms");
    return reply
      .status(201)
      .send(await addMyAccountsPlatform(ctx, practiceId, me, parse(addPlatformRequest, req.body)));
  });

  app.delete(`${base}/platforms/:platform`, async (req) => {
    const p = parse(myAccountsPlatformParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "manage-my-accounts-platforms");
    return removeMyAccountsPlatform(ctx, p.practiceId, me, p.platform);
  });
};
