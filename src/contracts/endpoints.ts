// Every endpoint that has a contract: method, path, what it takes and what it answers. The server validates
// with these schemas, the web client's types are inferred from them, and /api/openapi.json is built from them.
import type { z } from "zod";
import { practiceParams } from "./common";
import {
  changeRolesRequest,
  inviteListResponse,
  inviteRequest,
  inviteResponse,
  memberListResponse,
  memberParams,
  memberResponse,
} from "./members";
import { practiceResponse } from "./practices";

export interface Endpoint {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Fastify style (`:practiceId`); the OpenAPI document writes `{practiceId}`. */
  path: string;
  summary: string;
  tag: string;
  /** The practice action the member needs (docs/permissions.md), when one is checked before anything else. */
  action?: string;
  params?: z.ZodObject;
  body?: z.ZodType;
  query?: z.ZodObject;
  /** The success answer; omitted for 204. */
  response?: z.ZodType;
  status?: number;
}

const inviteParams = practiceParams.extend({ inviteId: practiceParams.shape.practiceId });

export const endpoints: Endpoint[] = [
  {
    method: "GET",
    path: "/api/practices/:practiceId",
    summary: "The practice, your roles in it and the practice actions you may take",
    tag: "Practices",
    action: "view",
    params: practiceParams,
    response: practiceResponse,
  },
  {
    method: "GET",
    path: "/api/practices/:practiceId/members",
    summary: "The staff directory, each member with what you may do to them",
    tag: "Staff",
    action: "view-staff",
    params: practiceParams,
    response: memberListResponse,
  },
  {
    method: "PATCH",
    path: "/api/practices/:practiceId/members/:userId",
    summary: "Replace a member's roles",
    tag: "Staff",
    action: "manage-staff",
    params: memberParams,
    body: changeRolesRequest,
    response: memberResponse,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/members/:userId/deactivate",
    summary: "Deactivate a leaver: their sessions end at once",
    tag: "Staff",
    action: "manage-staff",
    params: memberParams,
    response: memberResponse,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/members/:userId/reactivate",
    summary: "Bring a deactivated member back",
    tag: "Staff",
    action: "manage-staff",
    params: memberParams,
    response: memberResponse,
  },
  {
    method: "GET",
    path: "/api/practices/:practiceId/invites",
    summary: "Pending invitations",
    tag: "Staff",
    action: "manage-invites",
    params: practiceParams,
    response: inviteListResponse,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/invites",
    summary: "Invite someone by email",
    tag: "Staff",
    action: "manage-invites",
    params: practiceParams,
    body: inviteRequest,
    response: inviteResponse,
    status: 201,
  },
  {
    method: "DELETE",
    path: "/api/practices/:practiceId/invites/:inviteId",
    summary: "Revoke an invitation",
    tag: "Staff",
    action: "manage-invites",
    params: inviteParams,
    status: 204,
  },
];
