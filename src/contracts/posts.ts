// Practice posts (issue 9): what the compose, post, calendar and archive pages send and read.
import { z } from "zod";
import { CHANNEL_KINDS } from "../channels/adapter";
import { DELIVERY_STATES, POST_STATES } from "../core/posts/states";
import { allowedOf, isoTime } from "./common";

export const postState = z.enum(POST_STATES);
export const deliveryState = z.enum(DELIVERY_STATES);
export const channelKind = z.enum(CHANNEL_KINDS);
export const verdict = z.enum(["ok", "review", "do-not-post"]);

export const postParams = z.object({ practiceId: z.string(), postId: z.string() });
export const deliveryParams = postParams.extend({ deliveryId: z.string() });

/** The most text a post may hold, whatever its channels (Facebook's limit, the longest). */
export const POST_MAX_CHARS = 63_206;
export const MAX_IMAGES = 4;

const reason = z
  .string()
  .trim()
  .max(2000, "Keep the reason to 2,000 characters.")
  .nullable()
  .transform((s) => (s ? s : null));

/** POST …/posts and PATCH …/posts/:postId */
export const postInput = z.object({
  text: z
    .string({ error: "Write the text of the post." })
    .max(POST_MAX_CHARS, `A post can be at most ${POST_MAX_CHARS.toLocaleString("en-GB")} characters.`),
  link: z
    .string()
    .trim()
    .max(2000, "That link is too long.")
    .nullable()
    .optional()
    .transform((s) => (s ? s : null))
    .refine((s) => s === null || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(s), {
      message: "Give the link as a full web address starting https://",
    }),
  channelIds: z
    .array(z.string(), { error: "Choose at least one channel." })
    .max(20, "Choose at most 20 channels."),
  images: z
    .array(
      z.object({
        id: z.string(),
        altText: z
          .string({ error: "Describe the image for people who cannot see it." })
          .trim()
          .min(1, "Describe the image for people who cannot see it.")
          .max(1000, "Keep the description to 1,000 characters."),
      }),
    )
    .max(MAX_IMAGES, `A post can carry at most ${MAX_IMAGES} images.`)
    .default([]),
  overrideReason: reason.optional().transform((s) => s ?? null),
});

/** POST …/submit */
export const submitRequest = z.object({ overrideReason: reason.optional().transform((s) => s ?? null) });

/** POST …/request-changes */
export const requestChangesRequest = z.object({
  note: z
    .string({ error: "Say what should change, so the author knows what to do." })
    .trim()
    .min(1, "Say what should change, so the author knows what to do.")
    .max(4000, "Keep the note to 4,000 characters."),
});

/** POST …/schedule */
export const scheduleRequest = z.object({
  scheduledAt: z.iso.datetime({
    offset: true,
    error: "Give the time to publish as a full date and time.",
  }),
});

/** POST …/deliveries/:deliveryId/resolve */
export const resolveDeliveryRequest = z.object({
  posted: z.boolean({ error: "Say whether it was posted." }),
  url: z
    .string()
    .trim()
    .max(2000)
    .nullable()
    .optional()
    .transform((s) => (s ? s : null)),
});

/** GET …/posts */
export const postListQuery = z.object({
  state: postState.optional(),
  channel: z.string().optional(),
  from: z.iso.datetime({ offset: true, error: "Give 'from' as a full date and time." }).optional(),
  to: z.iso.datetime({ offset: true, error: "Give 'to' as a full date and time." }).optional(),
  q: z.string().max(200, "Search for at most 200 characters.").optional(),
});

export const person = z.object({ id: z.string(), name: z.string() }).meta({ title: "Person" });

export const postChannelRef = z
  .object({ id: z.string(), kind: channelKind, name: z.string() })
  .meta({ title: "PostChannelRef" });

export const postImage = z
  .object({ id: z.string(), altText: z.string(), url: z.string() })
  .meta({ title: "PostImage" });

export const delivery = z
  .object({
    id: z.string(),
    channel: postChannelRef,
    state: deliveryState,
    url: z.string().nullable(),
    error: z
      .string()
      .nullable()
      .meta({ description: "A sentence for the practice (the platform's reason where it gave one)." }),
    attempts: z.number().int().optional(),
  })
  .meta({ title: "Delivery" });

export const timelineEntry = z
  .object({
    at: isoTime,
    actor: person.nullable(),
    event: z.string().meta({
      description:
        "created, edited, submitted, approved, changes-requested, approval-voided, scheduled, cancelled, published…",
    }),
    note: z.string().nullable().optional(),
  })
  .meta({ title: "TimelineEntry" });

export const postResponse = z
  .object({
    id: z.string(),
    state: postState,
    text: z.string(),
    link: z.string().nullable(),
    images: z.array(postImage),
    channels: z.array(postChannelRef),
    scheduledAt: isoTime.nullable(),
    author: person,
    lastEditedBy: person.nullable().optional(),
    approver: person.nullable(),
    approvedAt: isoTime.nullable(),
    verdict: verdict.nullable(),
    overrideReason: z.string().nullable(),
    changesRequestedNote: z.string().nullable(),
    approvalVoided: z.boolean().optional(),
    publishedAt: isoTime.nullable().optional(),
    deliveries: z.array(delivery),
    timeline: z.array(timelineEntry).optional(),
    allowed: allowedOf("post"),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ title: "Post" });

export const postListResponse = z.object({ posts: z.array(postResponse) });

export type PostInput = z.input<typeof postInput>;
export type PostFilters = z.input<typeof postListQuery>;
