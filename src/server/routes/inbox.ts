import {
  addComment,
  changeConversation,
  getConversation,
  importCommentsCsv,
  IMPORT_MAX_BYTES,
  listInbox,
} from "../../app/inbox";
import { practiceParams } from "../../contracts/common";
import {
  commentRequest,
  conversationChange,
  conversationParams,
  importRequest,
  inboxListQuery,
} from "../../contracts/inbox";
import { requireMember } from "../auth";
import { parse } from "../validate";
import type { RouteModule } from "./index";

const base = "/api/practices/:practiceId/inbox";

/** The inbox (issue 10). Each handler: member → validate → one use case. */
export const inboxRoutes: RouteModule = (app, ctx) => {
  app.get(base, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "view-inbox");
    return listInbox(ctx, practiceId, me, parse(inboxListQuery, req.query));
  });

  app.post(base, async (req, reply) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "manage-inbox");
    return reply.status(201).send(await addComment(ctx, practiceId, me, parse(commentRequest, req.body)));
  });

  // A CSV of 20,000 long comments is several megabytes: more than the JSON default allows.
  app.post(`${base}/import`, { bodyLimit: IMPORT_MAX_BYTES + 64 * 1024 }, async (req, reply) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "manage-inbox");
    const { csv } = parse(importRequest, req.body);
    return reply.status(201).send(await importCommentsCsv(ctx, practiceId, me.userId, csv));
  });

  app.get(`${base}/:conversationId`, async (req) => {
    const p = parse(conversationParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "view-inbox");
    return getConversation(ctx, p.practiceId, p.conversationId, me);
  });

  app.patch(`${base}/:conversationId`, async (req) => {
    const p = parse(conversationParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "manage-inbox");
    return changeConversation(ctx, p.practiceId, p.conversationId, me, parse(conversationChange, req.body));
  });
};
