// The life of a practice post and of each of its deliveries (one per channel). Pure: the server, the web
// app and the tests read the same lists. docs/posts.md draws both machines.

/** A post's state, as the practice sees it. */
export const POST_STATES = [
  "draft",
  "awaiting-approval",
  "changes-requested",
  "approved",
  "scheduled",
  "publishing",
  "published",
  "failed",
  "needs-check",
  "cancelled",
] as const;
export type PostState = (typeof POST_STATES)[number];

/** One post on one channel. */
export const DELIVERY_STATES = [
  "pending",
  "scheduled",
  "publishing",
  "published",
  "failed",
  "needs-check",
  "held",
  "cancelled",
] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** States in which the text may still change (an edit after approval voids the approval). */
export const EDITABLE_STATES: ReadonlySet<PostState> = new Set([
  "draft",
  "changes-requested",
  "awaiting-approval",
  "approved",
  "scheduled",
  "failed",
]);

/** States that hold a valid approval. */
export const APPROVED_STATES: ReadonlySet<PostState> = new Set(["approved", "scheduled"]);

/** States a post can still be cancelled from: nothing has gone out yet, or what remains can be stopped. */
export const CANCELLABLE_STATES: ReadonlySet<PostState> = new Set([
  "draft",
  "awaiting-approval",
  "changes-requested",
  "approved",
  "scheduled",
  "failed",
]);

/** States in which a time to publish may be set or moved. */
export const SCHEDULABLE_STATES: ReadonlySet<PostState> = new Set([
  "draft",
  "awaiting-approval",
  "changes-requested",
  "approved",
  "scheduled",
]);

/**
 * Where an edit leaves the post: a draft stays a draft, a post waiting for changes keeps the approver's
 * note until it is sent again, and anything submitted or approved goes back to draft (its checker verdict
 * and approval belonged to the old text).
 */
export function stateAfterEdit(state: PostState): PostState {
  return state === "changes-requested" ? "changes-requested" : "draft";
}

/**
 * A post's state once it has deliveries: publishing while any is being sent, then needs-check or failed if
 * any needs a person, published when every one is, scheduled while some still wait.
 */
export function stateFromDeliveries(states: readonly DeliveryState[]): PostState | null {
  const live = states.filter((s) => s !== "cancelled");
  if (!live.length) return null;
  if (live.includes("publishing")) return "publishing";
  if (live.includes("needs-check")) return "needs-check";
  if (live.includes("failed")) return "failed";
  if (live.every((s) => s === "published")) return "published";
  return "scheduled";
}
