// The inbox's endpoints, typed for the web app from the contracts (src/contracts/inbox.ts).
import type { z } from "zod";
import type * as contracts from "../../contracts";
import { request } from "../api";

export type InboxList = z.infer<typeof contracts.conversationListResponse>;
export type ConversationSummary = InboxList["conversations"][number];
export type Conversation = z.infer<typeof contracts.conversationResponse>;
export type InboxComment = NonNullable<Conversation["comments"]>[number];
export type CommentInput = z.input<typeof contracts.commentRequest>;
export type ConversationChange = z.input<typeof contracts.conversationChange>;
export type Received = z.infer<typeof contracts.receiveResponse>;
export type Reply = z.infer<typeof contracts.replyResponse>;
export type ReplyTemplate = z.infer<typeof contracts.templateResponse>;
export type TemplateList = z.infer<typeof contracts.templateListResponse>;
export type TemplateInput = z.input<typeof contracts.templateRequest>;
export type TemplateChange = z.input<typeof contracts.templateChange>;
export type Resolution = z.input<typeof contracts.replyResolveRequest>;
export type Moderation = z.infer<typeof contracts.moderationResponse>;

/** The list's filters, as the page keeps them in its address. */
export const FILTER_NAMES = ["channel", "category", "status", "assignee"] as const;
export type InboxFilters = Partial<Record<(typeof FILTER_NAMES)[number], string>>;

const base = (practiceId: string) => `/api/practices/${encodeURIComponent(practiceId)}/inbox`;
const one = (practiceId: string, id: string) => `${base(practiceId)}/${encodeURIComponent(id)}`;

export const inboxApi = {
  list: (practiceId: string, filters: InboxFilters) => {
    const q = new URLSearchParams(
      Object.entries(filters).filter(([, v]) => Boolean(v)) as [string, string][],
    );
    return request<InboxList>("GET", `${base(practiceId)}${q.size ? `?${q.toString()}` : ""}`);
  },
  add: (practiceId: string, input: CommentInput) => request<Received>("POST", base(practiceId), input),
  get: (practiceId: string, id: string) => request<Conversation>("GET", one(practiceId, id)),
  change: (practiceId: string, id: string, change: ConversationChange) =>
    request<Conversation>("PATCH", one(practiceId, id), change),
  reply: (practiceId: string, id: string, input: { text: string; templateId: string | null }) =>
    request<Reply>("POST", `${one(practiceId, id)}/replies`, input),
  approve: (practiceId: string, id: string, replyId: string) =>
    request<Reply>("POST", `${one(practiceId, id)}/replies/${encodeURIComponent(replyId)}/approve`, {}),
  sendBack: (practiceId: string, id: string, replyId: string, note: string) =>
    request<Reply>("POST", `${one(practiceId, id)}/replies/${encodeURIComponent(replyId)}/request-changes`, {
      note,
    }),
  resolve: (practiceId: string, id: string, replyId: string, resolution: Resolution) =>
    request<Reply>(
      "POST",
      `${one(practiceId, id)}/replies/${encodeURIComponent(replyId)}/resolve`,
      resolution,
    ),
  hide: (practiceId: string, id: string, commentId: string, reason: string, note: string) =>
    request<Moderation>("POST", `${one(practiceId, id)}/comments/${encodeURIComponent(commentId)}/hide`, {
      reason,
      ...(note.trim() ? { note } : {}),
    }),
  unhide: (practiceId: string, id: string, commentId: string, reason: string) =>
    request<Moderation>("POST", `${one(practiceId, id)}/comments/${encodeURIComponent(commentId)}/unhide`, {
      reason,
    }),
  /** Delete, block the author of, or report a comment on its platform (an evidence record is kept first). */
  act: (
    practiceId: string,
    id: string,
    commentId: string,
    action: "delete" | "block" | "report",
    reason: string,
    note: string,
  ) =>
    request<unknown>("POST", `${one(practiceId, id)}/comments/${encodeURIComponent(commentId)}/${action}`, {
      reason,
      ...(note.trim() ? { note } : {}),
    }),
  evidenceUrl: (practiceId: string, id: string, commentId: string) =>
    `${one(practiceId, id)}/comments/${encodeURIComponent(commentId)}/evidence.pdf`,
  templates: (practiceId: string, archived = false) =>
    request<TemplateList>("GET", `${base(practiceId)}/templates${archived ? "?archived=true" : ""}`),
  createTemplate: (practiceId: string, input: TemplateInput) =>
    request<ReplyTemplate>("POST", `${base(practiceId)}/templates`, input),
  changeTemplate: (practiceId: string, templateId: string, change: TemplateChange) =>
    request<ReplyTemplate>(
      "PATCH",
      `${base(practiceId)}/templates/${encodeURIComponent(templateId)}`,
      change,
    ),
};
