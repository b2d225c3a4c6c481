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
};
