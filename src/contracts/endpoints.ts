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
import {
  postInput,
  postListQuery,
  postListResponse,
  postParams,
  postResponse,
  deliveryParams,
  requestChangesRequest,
  resolveDeliveryRequest,
  scheduleRequest,
  submitRequest,
} from "./posts";
import {
  accessRemovedRequest,
  channelListResponse,
  channelParams,
  channelResponse,
  channelUpdate,
} from "./channels";
import { archiveQuery, postImageParams, postImageResponse } from "./media";
import {
  appCredentialsListResponse,
  appCredentialsRequest,
  appCredentialsResponse,
  appPlatformParams,
  blueskyConnectRequest,
  connectedChannelResponse,
} from "./channel-connect";
import {
  commentRequest,
  conversationChange,
  conversationListResponse,
  conversationParams,
  conversationResponse,
  importRequest,
  inboxListQuery,
  receiveResponse,
} from "./inbox";
import {
  awareAtRequest,
  concernRequest,
  concernResponse,
  decisionRequest,
  disciplinaryStepRequest,
  gradingRequest,
  incidentActionRequest,
  incidentListResponse,
  incidentParams,
  incidentResponse,
  openDisciplinaryRequest,
  openIncidentRequest,
  peopleToldRequest,
  reportFieldsRequest,
  updateIncidentRequest,
} from "./incidents";

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
  /** A body that is a file, not JSON: the media types accepted (an image upload). */
  rawBody?: string[];
  /** An answer that is a file, not JSON: its media types (a CSV or PDF download, an image). */
  produces?: string[];
}

const inviteParams = practiceParams.extend({ inviteId: practiceParams.shape.practiceId });

const incidentBase = "/api/practices/:practiceId/incidents";
const incidentCase = `${incidentBase}/:incidentId`;
/** The incident register (issue 11). A case answers 404 to anyone who may not see it, its subject included. */
const incidentEndpoints: Endpoint[] = [
  {
    method: "GET",
    path: incidentBase,
    summary:
      "The cases you may see (all for an admin, those you investigate otherwise), with each breach's clock",
    tag: "Incidents",
    action: "view-incidents",
    params: practiceParams,
    response: incidentListResponse,
  },
  {
    method: "POST",
    path: `${incidentBase}/concerns`,
    summary: "Report a concern (any member); only the text you choose to include is kept",
    tag: "Incidents",
    action: "report-concern",
    params: practiceParams,
    body: concernRequest,
    response: concernResponse,
    status: 201,
  },
  {
    method: "POST",
    path: incidentBase,
    summary: "Open a case (an admin); a confidentiality breach starts its 72-hour clock",
    tag: "Incidents",
    action: "open-incident",
    params: practiceParams,
    body: openIncidentRequest,
    response: incidentResponse,
    status: 201,
  },
  {
    method: "GET",
    path: incidentCase,
    summary: "One case with its timeline, breach record and disciplinary steps (the view is audited)",
    tag: "Incidents",
    params: incidentParams,
    response: incidentResponse,
  },
  {
    method: "PATCH",
    path: incidentCase,
    summary: "Change a case: type, title, summary, clauses, owner, people, status (closing needs an outcome)",
    tag: "Incidents",
    params: incidentParams,
    body: updateIncidentRequest,
    response: incidentResponse,
  },
  {
    method: "POST",
    path: `${incidentCase}/actions`,
    summary: "Add an action to the case's timeline",
    tag: "Incidents",
    params: incidentParams,
    body: incidentActionRequest,
    response: incidentResponse,
  },
  ...(
    [
      [
        "aware-at",
        awareAtRequest,
        "Change when the practice became aware of the breach (a reason is required)",
      ],
      [
        "grading",
        gradingRequest,
        "Grade the breach on the NHS grid (likelihood × severity, vulnerable groups at least 2)",
      ],
      [
        "decision",
        decisionRequest,
        "Decide whether to report the breach to the ICO, with reasons either way",
      ],
      ["people-told", peopleToldRequest, "Record whether the people affected were told, and why not"],
      ["report-fields", reportFieldsRequest, "Save the DSPT incident report's fields"],
    ] as const
  ).map(([path, body, summary]): Endpoint => ({
    method: "PUT",
    path: `${incidentCase}/breach/${path}`,
    summary,
    tag: "Incidents",
    params: incidentParams,
    body,
    response: incidentResponse,
  })),
  {
    method: "POST",
    path: `${incidentCase}/disciplinary`,
    summary: "Open the disciplinary process: the member, an investigator and a different decider",
    tag: "Incidents",
    params: incidentParams,
    body: openDisciplinaryRequest,
    response: incidentResponse,
  },
  {
    method: "POST",
    path: `${incidentCase}/disciplinary/steps`,
    summary: "Record a disciplinary step in the Acas order (you are the person taking it)",
    tag: "Incidents",
    params: incidentParams,
    body: disciplinaryStepRequest,
    response: incidentResponse,
  },
];

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
  {
    method: "GET",
    path: "/api/practices/:practiceId/posts",
    summary: "The practice's posts, filtered by state, channel, time range (from/to) and words (q)",
    tag: "Posts",
    action: "view-posts",
    params: practiceParams,
    query: postListQuery,
    response: postListResponse,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/posts",
    summary: "Write a new post (a draft)",
    tag: "Posts",
    action: "create-post",
    params: practiceParams,
    body: postInput,
    response: postResponse,
    status: 201,
  },
  {
    method: "GET",
    path: "/api/practices/:practiceId/posts/:postId",
    summary: "One post with its deliveries, timeline and what you may do to it",
    tag: "Posts",
    action: "view-posts",
    params: postParams,
    response: postResponse,
  },
  {
    method: "PATCH",
    path: "/api/practices/:practiceId/posts/:postId",
    summary: "Change a post (an edit after approval voids the approval)",
    tag: "Posts",
    params: postParams,
    body: postInput,
    response: postResponse,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/posts/:postId/submit",
    summary: "Send a post for approval (the checker's verdict is kept; do-not-post needs a reason)",
    tag: "Posts",
    params: postParams,
    body: submitRequest,
    response: postResponse,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/posts/:postId/approve",
    summary: "Approve a post (never its author nor its last editor)",
    tag: "Posts",
    params: postParams,
    response: postResponse,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/posts/:postId/request-changes",
    summary: "Send a post back to its author with a note of what to change",
    tag: "Posts",
    params: postParams,
    body: requestChangesRequest,
    response: postResponse,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/posts/:postId/schedule",
    summary: "Set or move the time an approved post is published (an instant; the pages use UK time)",
    tag: "Posts",
    params: postParams,
    body: scheduleRequest,
    response: postResponse,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/posts/:postId/publish-now",
    summary: "Publish an approved post now",
    tag: "Posts",
    params: postParams,
    response: postResponse,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/posts/:postId/cancel",
    summary: "Cancel what has not been published",
    tag: "Posts",
    params: postParams,
    response: postResponse,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/posts/:postId/deliveries/:deliveryId/resolve",
    summary: "Settle a delivery a person checked: it was posted (with its address), or publish it again",
    tag: "Posts",
    params: deliveryParams,
    body: resolveDeliveryRequest,
    response: postResponse,
  },
  {
    method: "GET",
    path: "/api/practices/:practiceId/channels",
    summary: "The practice's channels, each with its footer and security checklist",
    tag: "Channels",
    action: "view-posts",
    params: practiceParams,
    response: channelListResponse,
  },
  {
    method: "PATCH",
    path: "/api/practices/:practiceId/channels/:channelId",
    summary: "Set a channel's footer and record its security review (practice manager)",
    tag: "Channels",
    params: channelParams,
    body: channelUpdate,
    response: channelResponse,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/channels/:channelId/access-removed",
    summary:
      "Record that a member who left can no longer sign in to the account: its password was changed and their access removed (practice manager)",
    tag: "Channels",
    params: channelParams,
    body: accessRemovedRequest,
    response: channelResponse,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/channels/bluesky",
    summary:
      "Connect (or, with channelId, reconnect) a Bluesky account with its handle and an app password, checked with Bluesky first (admin)",
    tag: "Channels",
    params: practiceParams,
    body: blueskyConnectRequest,
    response: connectedChannelResponse,
    status: 201,
  },
  {
    method: "GET",
    path: "/api/practices/:practiceId/channel-apps",
    summary:
      "The practice's own API apps on Meta, X and LinkedIn: client ids, and whether a secret is kept (admin)",
    tag: "Channels",
    action: "edit-settings",
    params: practiceParams,
    response: appCredentialsListResponse,
  },
  {
    method: "PUT",
    path: "/api/practices/:practiceId/channel-apps/:platform",
    summary:
      "Enter the practice's app details for a platform; the secret is kept encrypted and never shown again (admin)",
    tag: "Channels",
    action: "edit-settings",
    params: appPlatformParams,
    body: appCredentialsRequest,
    response: appCredentialsResponse,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/post-images",
    summary:
      "Upload an image for a post: the file itself as the body (JPEG, PNG or WebP, judged by its content; up to 20 MB), resized to 2048 px and stripped of metadata",
    tag: "Posts",
    action: "upload-post-images",
    params: practiceParams,
    rawBody: ["image/jpeg", "image/png", "image/webp", "application/octet-stream"],
    response: postImageResponse,
    status: 201,
  },
  {
    method: "GET",
    path: "/api/practices/:practiceId/post-images/:imageId",
    summary: "One of the practice's post images, as it is sent",
    tag: "Posts",
    action: "view",
    params: postImageParams,
    produces: ["image/jpeg", "image/png", "image/webp"],
  },
  {
    method: "GET",
    path: "/api/practices/:practiceId/posts/archive.csv",
    summary: "Every published post, once per channel, as published (CSV)",
    tag: "Posts",
    action: "view-posts",
    params: practiceParams,
    query: archiveQuery,
    produces: ["text/csv"],
  },
  {
    method: "GET",
    path: "/api/practices/:practiceId/posts/archive.pdf",
    summary: "Every published post, once per channel, as published (PDF)",
    tag: "Posts",
    action: "view-posts",
    params: practiceParams,
    query: archiveQuery,
    produces: ["application/pdf"],
  },
  {
    method: "GET",
    path: "/api/practices/:practiceId/inbox",
    summary:
      "The inbox: conversations with patients, most pressing first, filtered by channel, category, status and assignee",
    tag: "Inbox",
    action: "view-inbox",
    params: practiceParams,
    query: inboxListQuery,
    response: conversationListResponse,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/inbox",
    summary: "Add one comment (the paste box): triaged on arrival, and whoever must know is told at once",
    tag: "Inbox",
    action: "manage-inbox",
    params: practiceParams,
    body: commentRequest,
    response: receiveResponse,
    status: 201,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/inbox/import",
    summary:
      "Import comments from CSV (channel,author,text,received_at,post_url): all of them, or none with the bad line named",
    tag: "Inbox",
    action: "manage-inbox",
    params: practiceParams,
    body: importRequest,
    response: receiveResponse,
    status: 201,
  },
  {
    method: "GET",
    path: "/api/practices/:practiceId/inbox/:conversationId",
    summary: "One conversation with its comments, their triage and the suggested reply",
    tag: "Inbox",
    action: "view-inbox",
    params: conversationParams,
    response: conversationResponse,
  },
  {
    method: "PATCH",
    path: "/api/practices/:practiceId/inbox/:conversationId",
    summary: "Set a conversation's status, assignee or priority",
    tag: "Inbox",
    action: "manage-inbox",
    params: conversationParams,
    body: conversationChange,
    response: conversationResponse,
  },
  ...incidentEndpoints,
];
