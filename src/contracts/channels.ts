// The practice's channels: where posts go, each with its footer and account security checklist.
import { z } from "zod";
import { calendarDay } from "../core/dates";
import { allowedOf } from "./common";
import { channelKind } from "./posts";

export const channelParams = z.object({ practiceId: z.string(), channelId: z.string() });
export const channelStatus = z.enum(["connected", "reconnect-needed", "not-connected"]);

export const channelSecurity = z
  .object({
    twoFactor: z.boolean({ error: "Say whether two-factor sign-in is on for the account." }),
    peopleWithAccess: z
      .string({ error: "Name the people who can sign in to the account." })
      .trim()
      .max(2000, "Keep the list to 2,000 characters."),
    recoveryEmail: z
      .string({ error: "Give the account's recovery email address." })
      .trim()
      .max(254, "That email address is too long."),
    lastReviewedOn: calendarDay("2027-01-31").nullable(),
    membersWithAccess: z
      .array(z.string({ error: "Choose members from the list." }), { error: "Choose members from the list." })
      .max(100, "Choose at most 100 members.")
      .optional()
      .meta({
        description:
          "The practice members (user ids) who can sign in to the platform account; when one leaves, the practice manager is asked to change its password. Left out: unchanged.",
      }),
    passwordChangedOn: calendarDay("2027-01-31")
      .nullable()
      .optional()
      .meta({ description: "When the account's password was last changed (ISO day). Left out: unchanged." }),
  })
  .meta({ title: "ChannelSecurity" });

/** PATCH …/channels/:channelId */
export const channelUpdate = z.object({
  footer: z.string().max(1000, "Keep the footer to 1,000 characters.").nullable(),
  security: channelSecurity,
});

export const channelResponse = z
  .object({
    id: z.string(),
    kind: channelKind,
    name: z.string(),
    status: channelStatus,
    footer: z.string().nullable().meta({ description: "The practice's footer; null for the standard one." }),
    maxChars: z.number().int().nullable().optional(),
    requiresImage: z.boolean().optional(),
    maxImages: z.number().int().optional(),
    security: channelSecurity.nullable(),
    allowed: allowedOf("channel").optional(),
  })
  .meta({ title: "Channel" });

export const channelListResponse = z.object({ channels: z.array(channelResponse) });

/** POST …/channels/:channelId/access-removed */
export const accessRemovedRequest = z.object({
  userId: z.string({ error: "Say which member's access was removed." }),
});
