// The inbox (issue 10): what the inbox page, the API and the CLI send and read.
import { z } from "zod";
import {
  CATEGORY_LABELS,
  CHANNEL_KINDS,
  commentInputSchema,
  CONVERSATION_STATUSES,
  INBOX_CATEGORIES,
  PRIORITIES,
  HIDE_REASONS,
  UNHIDE_REASONS,
  NOTE_MAX_CHARS,
  replyTemplateInputSchema,
  replyInputSchema,
  REPLY_STATES,
  CHANGES_NOTE_MAX_CHARS,
} from "../core/inbox";
import { isoTime } from "./common";

export const inboxChannel = z.enum(CHANNEL_KINDS);
export const conversationStatus = z.enum(CONVERSATION_STATUSES, {
  error: `A status is one of ${CONVERSATION_STATUSES.join(", ")}.`,
});
export const inboxCategory = z.enum(INBOX_CATEGORIES).meta({
  description: Object.entries(CATEGORY_LABELS)
    .map(([k, v]) => `${k}: ${v}`)
    .join("; "),
});
export const priority = z.enum(PRIORITIES, { error: `A priority is one of ${PRIORITIES.join(", ")}.` });

export const conversationParams = z.object({ practiceId: z.string(), conversationId: z.string() });

/** POST …/inbox (the paste box). `receivedAt` empty: now. */
export const commentRequest = commentInputSchema.meta({ title: "CommentInput" });

/** POST …/inbox/import: the CSV file's text. */
export const importRequest = z.object({
  csv: z
    .string({ error: "Choose a CSV file to import." })
    .meta({ description: "The CSV file's text: columns channel,author,text,received_at,post_url." }),
});

/** PATCH …/inbox/:conversationId */
export const conversationChange = z
  .object({
    status: conversationStatus.optional(),
    assigneeId: z.string().nullable().optional(),
    priority: priority.optional(),
  })
  .refine((c) => c.status !== undefined || c.assigneeId !== undefined || c.priority !== undefined, {
    message: "Say what to change: the status, the assignee or the priority.",
  });

/** GET …/inbox */
export const inboxListQuery = z.object({
  channel: inboxChannel.optional(),
  category: inboxCategory.optional(),
  status: conversationStatus.optional(),
  assignee: z.string().max(64).optional().meta({ description: "A member's id, or 'none'." }),
});

export const inboxMember = z.object({ id: z.string(), name: z.string() }).meta({ title: "InboxMember" });

const findingCode = z.object({ rule: z.string(), reason: z.string(), severity: z.string() });

export const inboxComment = z
  .object({
    id: z.string(),
    channel: z.string(),
    platformId: z.string().nullable(),
    authorHandle: z.string(),
    text: z.string().nullable().meta({ description: "Null once the retention period has removed it." }),
    receivedAt: isoTime,
    postId: z.string().nullable(),
    postUrl: z.string().nullable(),
    source: z.string(),
    category: z.string(),
    checkerCategory: z.string().nullable(),
    priority: z.string(),
    hide: z.boolean(),
    preserveEvidence: z.boolean(),
    notify: z.array(z.object({ to: z.string(), when: z.enum(["now", "routine"]) })),
    pointTo: z.array(z.string()),
    acknowledgeBy: z.string().nullable(),
    reasons: z.array(z.string()),
    findings: z.array(findingCode),
    notified: z.array(z.string()),
    suggestedReply: z.string(),
    hiddenAt: isoTime
      .nullable()
      .meta({ description: "When safepost hid it on the platform; null when shown." }),
    canHide: z.boolean().meta({ description: "Whether safepost can hide it on its platform." }),
    canDelete: z.boolean().meta({ description: "Whether safepost can delete it on its platform." }),
    canBlock: z.boolean().meta({ description: "Whether safepost can block its author on its platform." }),
    canReport: z
      .boolean()
      .meta({ description: "Whether safepost can report it to its platform's moderators." }),
    deletedAt: isoTime.nullable().meta({ description: "When safepost deleted it on the platform." }),
    authorBlockedAt: isoTime.nullable().meta({ description: "When safepost blocked its author there." }),
    reportedAt: isoTime.nullable().meta({ description: "When safepost reported it to the moderators." }),
    evidenceRecords: z.number().int().meta({ description: "Evidence records kept of it (hide, unhide)." }),
    authorUrl: z.string().nullable(),
    platformUrl: z.string().nullable(),
  })
  .meta({ title: "InboxComment" });

export const conversationResponse = z
  .object({
    id: z.string(),
    channel: z.string(),
    authorHandle: z.string(),
    postId: z.string().nullable(),
    status: conversationStatus,
    statusLabel: z.string(),
    category: inboxCategory,
    priority,
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
    receivedAt: isoTime,
    lastCommentAt: isoTime,
    firstReplyAt: isoTime.nullable(),
    acknowledgeBy: z
      .string()
      .nullable()
      .meta({ description: "For complaints: the UK day (ISO) it must be acknowledged by." }),
    closedAt: isoTime.nullable(),
    commentCount: z.number().int(),
    preview: z.string().nullable(),
    actions: z.array(
      z.enum(["escalated", "to hide", "hidden", "awaiting reply", "awaiting approval", "answered", "closed"]),
    ),
    comments: z.array(inboxComment).optional(),
    assignees: z.array(inboxMember).optional().meta({
      description: "On one conversation: the members it may be given to (those who may see the inbox).",
    }),
    replies: z.array(z.lazy(() => replyResponse)).optional(),
    replyTemplates: z
      .array(z.lazy(() => templateResponse))
      .optional()
      .meta({ description: "On one conversation: the current templates to start a reply from." }),
    suggestedTemplateId: z.string().nullable().optional(),
    allowed: z.array(z.enum(["write-reply", "manage-inbox"])).optional(),
  })
  .meta({ title: "Conversation" });

export const conversationListResponse = z.object({
  conversations: z.array(conversationResponse),
  counts: z
    .object({
      byStatus: z.record(z.string(), z.number().int()),
      openByCategory: z.record(z.string(), z.number().int()),
    })
    .meta({
      description: "The whole inbox, whatever the filters: conversations by status, open ones by category.",
    }),
  members: z.array(inboxMember).meta({ description: "Members who may see the inbox (assignees)." }),
});

export const receiveResponse = z
  .object({
    stored: z.number().int(),
    duplicates: z.number().int(),
    byCategory: z.record(z.string(), z.number().int()),
    alerted: z.number().int().meta({ description: "Comments someone was mailed about at once." }),
    conversationIds: z.array(z.string()),
    lines: z.number().int().optional(),
  })
  .meta({ title: "CommentsReceived" });

export const commentParams = z.object({
  practiceId: z.string(),
  conversationId: z.string(),
  commentId: z.string(),
});

/** POST …/comments/:commentId/hide */
export const hideRequest = z.object({
  reason: z.enum(HIDE_REASONS, {
    error: `Choose why the comment is hidden: one of ${HIDE_REASONS.join(", ")}.`,
  }),
  note: z
    .string()
    .trim()
    .max(NOTE_MAX_CHARS, `Keep the note to ${NOTE_MAX_CHARS} characters.`)
    .optional()
    .meta({ description: "Kept in the evidence record only, never in the audit." }),
});

/** POST …/comments/:commentId/unhide */
export const unhideRequest = z.object({
  reason: z.enum(UNHIDE_REASONS, {
    error: `Choose why the comment is shown again: one of ${UNHIDE_REASONS.join(", ")}.`,
  }),
  note: hideRequest.shape.note,
});

/** POST …/comments/:commentId/delete, …/block, …/report: why (the hide reasons) and an optional note. */
export const commentActionRequest = hideRequest.extend({
  reason: z.enum(HIDE_REASONS, {
    error: `Choose why: one of ${HIDE_REASONS.join(", ")}.`,
  }),
});

export const commentActionResponse = z.object({
  commentId: z.string(),
  action: z.enum(["delete", "block", "report"]),
  evidence: z.object({ id: z.string(), seq: z.number().int(), hash: z.string() }),
});

export const moderationResponse = z.object({
  commentId: z.string(),
  hidden: z.boolean(),
  evidence: z.object({ id: z.string(), seq: z.number().int(), hash: z.string() }),
});

/** GET /api/webhooks/facebook (Meta's subscription check). */
export const facebookVerifyQuery = z.object({
  "hub.mode": z.string().optional(),
  "hub.verify_token": z.string().optional(),
  "hub.challenge": z.string().max(200).optional(),
});

/** GET …/inbox/templates */
export const templateListQuery = z.object({
  archived: z
    .enum(["true", "false"], { error: "archived is true or false." })
    .optional()
    .transform((v) => v === "true")
    .meta({ description: "true: archived templates too." }),
});

export const templateParams = z.object({ practiceId: z.string(), templateId: z.string() });

/** POST …/inbox/templates */
export const templateRequest = replyTemplateInputSchema.meta({ title: "ReplyTemplateInput" });

/** PATCH …/inbox/templates/:templateId */
export const templateChange = z
  .object({
    category: replyTemplateInputSchema.shape.category.optional(),
    name: replyTemplateInputSchema.shape.name.optional(),
    text: replyTemplateInputSchema.shape.text.optional(),
    preApproved: z.boolean({ error: "preApproved is true or false." }).optional(),
    archived: z.boolean({ error: "archived is true or false." }).optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), {
    message: "Say what to change: the name, text, category, pre-approval or archiving.",
  });

export const templateResponse = z
  .object({
    id: z.string(),
    category: inboxCategory,
    categoryLabel: z.string(),
    name: z.string(),
    text: z.string().meta({ description: "As written, with its {placeholders}." }),
    filled: z.string().meta({ description: "As it reads with the practice's details filled in now." }),
    preApproved: z.boolean().meta({
      description: "A poster may send it unedited, for its category, without a second person's approval.",
    }),
    archived: z.boolean(),
    builtIn: z.boolean().meta({ description: "Seeded from safepost's built-in replies." }),
    updatedAt: isoTime,
    allowed: z.array(z.enum(["edit"])),
  })
  .meta({ title: "ReplyTemplate" });

export const templateListResponse = z.object({
  templates: z.array(templateResponse),
  allowed: z.array(z.enum(["create"])),
  placeholders: z
    .array(z.object({ name: z.string(), label: z.string() }))
    .meta({ description: "The {placeholders} a template may use, and what each fills with." }),
});

/** POST …/inbox/:conversationId/replies */
export const replyRequest = replyInputSchema.meta({ title: "ReplyInput" });

export const replyParams = z.object({
  practiceId: z.string(),
  conversationId: z.string(),
  replyId: z.string(),
});

/** POST …/replies/:replyId/request-changes */
export const replyChangesRequest = z.object({
  note: z
    .string({ error: "Say what to change." })
    .trim()
    .min(1, "Say what to change.")
    .max(CHANGES_NOTE_MAX_CHARS, `Keep the note to ${CHANGES_NOTE_MAX_CHARS} characters.`),
});

/** POST …/replies/:replyId/resolve */
export const replyResolveRequest = z.discriminatedUnion(
  "outcome",
  [
    z.object({
      outcome: z.literal("posted"),
      url: z
        .string()
        .trim()
        .max(500, "500 characters at most.")
        .refine(
          (v) => v === "" || /^https?:\/\/\S+$/i.test(v),
          "Enter the full address, starting with https://.",
        )
        .nullable()
        .optional()
        .transform((v) => v || null),
    }),
    z.object({ outcome: z.literal("send-again") }),
  ],
  { error: 'Say what happened: "posted" (with its address if you have it) or "send-again".' },
);

const person = z.object({ id: z.string(), name: z.string() }).nullable();

export const replyResponse = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    commentId: z.string(),
    state: z.enum(REPLY_STATES),
    stateLabel: z.string(),
    text: z.string(),
    templateId: z.string().nullable(),
    edited: z.boolean().meta({ description: "The words differ from the template as filled in." }),
    preApproved: z
      .boolean()
      .meta({ description: "Sent without a second person: an unedited pre-approved template." }),
    byHand: z
      .boolean()
      .meta({ description: "safepost cannot answer on this channel: a person posts it there." }),
    verdict: z.string().meta({ description: "The checker's verdict in the practice's context." }),
    findings: z.array(findingCode),
    author: person,
    approvedBy: person,
    approvedAt: isoTime.nullable(),
    changesNote: z.string().nullable(),
    outcomeMessage: z.string().nullable(),
    platformId: z.string().nullable(),
    url: z.string().nullable(),
    sentAt: isoTime.nullable(),
    createdAt: isoTime,
    allowed: z.array(z.enum(["approve-reply", "request-reply-changes", "resolve-reply"])),
  })
  .meta({ title: "Reply" });
