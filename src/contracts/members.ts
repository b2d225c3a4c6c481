// The staff directory and invitations: requests the server validates and responses the web client reads.
import { z } from "zod";
import { ROLES } from "../core/roles";
import { allowedOf, isoTime, role } from "./common";

export const memberParams = z.object({ practiceId: z.string(), userId: z.string() });

/** PATCH …/members/:userId */
export const changeRolesRequest = z.object({
  roles: z
    .array(role, { error: "Choose at least one role." })
    .min(1, "Choose at least one role.")
    .max(ROLES.length),
});

/** One member as the viewer sees them. */
export const memberResponse = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    roles: z.array(role),
    active: z.boolean(),
    deactivatedAt: isoTime.nullable(),
    joinedAt: isoTime,
    allowed: allowedOf("member"),
  })
  .meta({ title: "Member" });

export const memberListResponse = z.object({ members: z.array(memberResponse) });

/** POST …/invites */
export const inviteRequest = z.object({
  email: z.string({ error: "Enter an email address." }).trim().min(1, "Enter an email address.").max(254),
  name: z.string({ error: "Enter the person's name." }).trim().min(1, "Enter the person's name.").max(200),
  roles: changeRolesRequest.shape.roles,
});

export const inviteResponse = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    roles: z.array(role),
    expiresAt: isoTime,
    createdAt: isoTime.optional(),
    link: z.string().optional().meta({
      description: "Only when no mail server is set up and the invitee is new: the link to pass on.",
    }),
  })
  .meta({ title: "Invite" });

export const inviteListResponse = z.object({ invites: z.array(inviteResponse) });
