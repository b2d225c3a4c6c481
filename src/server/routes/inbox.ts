import {
  addComment,
  changeConversation,
  getConversation,
  importCommentsCsv,
  IMPORT_MAX_BYTES,
  listInbox,
} from "../../app/inbox";
import { commentEvidence } from "../../app/inbox/evidence";
import {
  createReplyTemplate,
  listReplyTemplates,
  updateReplyTemplate,
} from "../../app/inbox/reply-templates";
import { REPLY_PLACEHOLDERS } from "../../core/inbox";
import { approveReply, requestReplyChanges, resolveReply, submitReply } from "../../app/inbox/replies";
import { actOnComment, hideOnPlatform, unhideOnPlatform } from "../../app/inbox/platform";
import { inboxEvidencePdf } from "../../exports/inbox-evidence-pdf";
import { practiceParams } from "../../contracts/common";
import { sendDownload, PDF } from "../download";
import {
  commentRequest,
  conversationChange,
  commentParams,
  conversationParams,
  hideRequest,
  commentActionRequest,
  importRequest,
  unhideRequest,
  inboxListQuery,
  templateChange,
  templateListQuery,
  templateParams,
  templateRequest,
  replyRequest,
  replyParams,
  replyChangesRequest,
  replyResolveRequest,
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

  const templates = `${base}/templates`;
  app.get(templates, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "view-inbox");
    const { archived } = parse(templateListQuery, req.query);
    const list = await listReplyTemplates(ctx, practiceId, me, { includeArchived: archived });
    const placeholders = Object.entries(REPLY_PLACEHOLDERS).map(([name, p]) => ({ name, label: p.label }));
    return { ...list, placeholders };
  });

  app.post(templates, async (req, reply) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "manage-reply-templates");
    const body = parse(templateRequest, req.body);
    return reply.status(201).send(await createReplyTemplate(ctx, practiceId, me, body));
  });

  app.patch(`${templates}/:templateId`, async (req) => {
    const p = parse(templateParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "manage-reply-templates");
    return updateReplyTemplate(ctx, p.practiceId, p.templateId, me, parse(templateChange, req.body));
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

  const replies = `${base}/:conversationId/replies`;
  app.post(replies, async (req, reply) => {
    const p = parse(conversationParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "write-reply");
    const body = parse(replyRequest, req.body);
    return reply.status(201).send(await submitReply(ctx, p.practiceId, p.conversationId, me, body));
  });

  app.post(`${replies}/:replyId/approve`, async (req) => {
    const p = parse(replyParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "view-inbox");
    return approveReply(ctx, p.practiceId, p.replyId, me);
  });

  app.post(`${replies}/:replyId/request-changes`, async (req) => {
    const p = parse(replyParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "view-inbox");
    const { note } = parse(replyChangesRequest, req.body);
    return requestReplyChanges(ctx, p.practiceId, p.replyId, me, note);
  });

  app.post(`${replies}/:replyId/resolve`, async (req) => {
    const p = parse(replyParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "view-inbox");
    return resolveReply(ctx, p.practiceId, p.replyId, me, parse(replyResolveRequest, req.body));
  });

  const comment = `${base}/:conversationId/comments/:commentId`;
  app.post(`${comment}/hide`, async (req) => {
    const p = parse(commentParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "manage-inbox");
    return hideOnPlatform(ctx, p.practiceId, p.commentId, me, parse(hideRequest, req.body));
  });

  app.post(`${comment}/unhide`, async (req) => {
    const p = parse(commentParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "manage-inbox");
    return unhideOnPlatform(ctx, p.practiceId, p.commentId, me, parse(unhideRequest, req.body));
  });

  for (const action of ["delete", "block", "report"] as const)
    app.post(`${comment}/${action}`, async (req) => {
      const p = parse(commentParams, req.params);
      const me = await requireMember(ctx, req, p.practiceId, "manage-inbox");
      return actOnComment(ctx, p.practiceId, p.commentId, me, action, parse(commentActionRequest, req.body));
    });

  app.get(`${comment}/evidence.pdf`, async (req, reply) => {
    const p = parse(commentParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "view-inbox");
    const bundle = await commentEvidence(ctx, p.practiceId, p.commentId, me);
    return sendDownload(reply, {
      type: PDF,
      filename: `evidence-comment-${p.commentId.slice(0, 8)}.pdf`,
      body: await inboxEvidencePdf(bundle, ctx.now()),
    });
  });
};
