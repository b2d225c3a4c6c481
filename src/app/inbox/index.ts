// The inbox (issue 10): comments arriving (paste, CSV), triaged and stored in conversations; reading and moving
// conversations on. One use case per file.
export { addComment } from "./add-comment";
export { importCommentsCsv, readCommentsCsv, CSV_COLUMNS, IMPORT_MAX_BYTES } from "./import-csv";
export { receiveComments, type ReceiveSummary } from "./receive-comments";
export {
  actionsOf,
  changeConversation,
  getConversation,
  listConversations,
  listInbox,
  type ConversationChange,
  type ConversationView,
  type InboxAction,
} from "./conversations";
export type { ConversationFilters } from "./inbox-store";
export { inboxMembers, type InboxMember } from "./inbox-members";
