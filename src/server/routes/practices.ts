import { z } from "zod";
import { changeRolesRequest, inviteRequest, memberParams, practiceParams } from "../../contracts";
import { changeRoles, deactivateMember, listMembers, reactivateMember } from "../../app/members/members";
import { inviteMember } from "../../app/invites/invite-member";
import { listPendingInvites, revokeInvite } from "../../app/invites/list-invites";
import { getPracticeSettings, updatePracticeSettings } from "../../app/practices/settings";
import { readPractice } from "../../app/practices/read-practice";
import { knownIdShape } from "../../core/ids";
import { allowedActions, type PermissionMember } from "../../core/permissions";
import { requireMember } from "../auth";
import { parse } from "../validate";
import type { RouteModule } from "./index";

/** A member as the viewer sees them: with what the viewer may do to them (the staff pages show only those). */
const withAllowed = <M extends { userId: string; active: boolean }>(viewer: PermissionMember, m: M) => ({
  ...m,
  allowed: allowedActions(viewer, { type: "member", userId: m.userId, active: m.active }),
});

export const practiceRoutes: RouteModule = (app, ctx) => {
  app.get("/api/practices/:practiceId", async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "view");
    const p = await readPractice(ctx.db, practiceId);
    return { ...p, myRoles: me.roles, allowed: allowedActions(me, { type: "practice" }) };
  });

  app.get("/api/practices/:practiceId/settings", async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    await requireMember(ctx, req, practiceId, "view-settings");
    return getPracticeSettings(ctx, practiceId);
  });

  app.put("/api/practices/:practiceId/settings", async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "edit-settings");
    const body = parse(
      z.object({
        revision: z.number({ error: "The settings' revision is missing; reload the page." }).int(),
        name: z.string({ error: "Enter the practice's name." }),
        settings: z.record(z.string(), z.unknown(), { error: "Settings should be an object." }),
      }),
      req.body,
    );
    return updatePracticeSettings(ctx, { practiceId, actorId: me.userId, ...body });
  });

  app.get("/api/practices/:practiceId/members", async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "view-staff");
    const members = await listMembers(ctx, practiceId);
    // Each member carries what the viewer may do to them (the staff pages show only those buttons).
    return { members: members.map((m) => withAllowed(me, m)) };
  });

  app.patch("/api/practices/:practiceId/members/:userId", async (req) => {
    const p = parse(memberParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "manage-staff");
    const body = parse(changeRolesRequest, req.body);
    return withAllowed(
      me,
      await changeRoles(ctx, p.practiceId, knownIdShape(p.userId, "That member"), body.roles, me.userId),
    );
  });

  app.post("/api/practices/:practiceId/members/:userId/deactivate", async (req) => {
    const p = parse(memberParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "manage-staff");
    return withAllowed(
      me,
      await deactivateMember(ctx, p.practiceId, knownIdShape(p.userId, "That member"), me.userId),
    );
  });

  app.post("/api/practices/:practiceId/members/:userId/reactivate", async (req) => {
    const p = parse(memberParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "manage-staff");
    return withAllowed(
      me,
      await reactivateMember(ctx, p.practiceId, knownIdShape(p.userId, "That member"), me.userId),
    );
  });

  app.get("/api/practices/:practiceId/invites", async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    await requireMember(ctx, req, practiceId, "manage-invites");
    return { invites: await listPendingInvites(ctx, practiceId) };
  });

  app.post("/api/practices/:practiceId/invites", async (req, reply) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "manage-invites");
    const body = parse(inviteRequest, req.body);
    const invite = await inviteMember(ctx, { practiceId, invitedBy: me.userId, ...body });
    return reply.status(201).send(invite);
  });

  app.delete("/api/practices/:practiceId/invites/:inviteId", async (req, reply) => {
    const p = parse(z.object({ practiceId: z.string(), inviteId: z.string() }), req.params);
    const me = await requireMember(ctx, req, p.practiceId, "manage-invites");
    await revokeInvite(ctx, p.practiceId, knownIdShape(p.inviteId, "That invitation"), me.userId);
    return reply.status(204).send();
  });
};
