import {
  approvePost,
  cancelPost,
  createPost,
  getPost,
  listPosts,
  publishNow,
  requestPostChanges,
  resolveDelivery,
  schedulePost,
  submitPost,
  updatePost,
  viewFor,
} from "../../app/posts";
import { practiceParams } from "../../contracts/common";
import {
  deliveryParams,
  postInput,
  postListQuery,
  postParams,
  requestChangesRequest,
  resolveDeliveryRequest,
  scheduleRequest,
  submitRequest,
} from "../../contracts/posts";
import { requireMember } from "../auth";
import { parse } from "../validate";
import type { RouteModule } from "./index";

const base = "/api/practices/:practiceId/posts";

/** Practice posts: compose, review, schedule, publish (issue 9). Each handler: member → validate → one use case. */
export const postRoutes: RouteModule = (app, ctx) => {
  app.get(base, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "view-posts");
    return { posts: await listPosts(ctx, practiceId, me, parse(postListQuery, req.query)) };
  });

  app.post(base, async (req, reply) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "create-post");
    const post = await createPost(ctx, practiceId, me, parse(postInput, req.body));
    return reply.status(201).send(await viewFor(ctx, practiceId, post, me));
  });

  app.get(`${base}/:postId`, async (req) => {
    const p = parse(postParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "view-posts");
    return getPost(ctx, p.practiceId, p.postId, me);
  });

  app.patch(`${base}/:postId`, async (req) => {
    const p = parse(postParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "view-posts");
    const post = await updatePost(ctx, p.practiceId, p.postId, me, parse(postInput, req.body));
    return viewFor(ctx, p.practiceId, post, me);
  });

  app.post(`${base}/:postId/submit`, async (req) => {
    const p = parse(postParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "view-posts");
    const { overrideReason } = parse(submitRequest, req.body);
    return viewFor(ctx, p.practiceId, await submitPost(ctx, p.practiceId, p.postId, me, overrideReason), me);
  });

  app.post(`${base}/:postId/approve`, async (req) => {
    const p = parse(postParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "view-posts");
    return viewFor(ctx, p.practiceId, await approvePost(ctx, p.practiceId, p.postId, me), me);
  });

  app.post(`${base}/:postId/request-changes`, async (req) => {
    const p = parse(postParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "view-posts");
    const { note } = parse(requestChangesRequest, req.body);
    return viewFor(ctx, p.practiceId, await requestPostChanges(ctx, p.practiceId, p.postId, me, note), me);
  });

  app.post(`${base}/:postId/schedule`, async (req) => {
    const p = parse(postParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "view-posts");
    const { scheduledAt } = parse(scheduleRequest, req.body);
    return viewFor(ctx, p.practiceId, await schedulePost(ctx, p.practiceId, p.postId, me, scheduledAt), me);
  });

  app.post(`${base}/:postId/publish-now`, async (req) => {
    const p = parse(postParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "view-posts");
    return viewFor(ctx, p.practiceId, await publishNow(ctx, p.practiceId, p.postId, me), me);
  });

  app.post(`${base}/:postId/cancel`, async (req) => {
    const p = parse(postParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "view-posts");
    return viewFor(ctx, p.practiceId, await cancelPost(ctx, p.practiceId, p.postId, me), me);
  });

  app.post(`${base}/:postId/deliveries/:deliveryId/resolve`, async (req) => {
    const p = parse(deliveryParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "view-posts");
    const input = parse(resolveDeliveryRequest, req.body);
    const post = await resolveDelivery(ctx, p.practiceId, p.postId, p.deliveryId, me, input);
    return viewFor(ctx, p.practiceId, post, me);
  });
};
