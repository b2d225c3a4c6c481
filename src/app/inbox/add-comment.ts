// The paste box: one comment a member copied from anywhere (a website form, an email, a platform not connected).
import type { CommentFields } from "../../core/inbox";
import type { AppContext } from "../context";
import { receiveComments, type ReceiveSummary } from "./receive-comments";

/** Adds one comment, triaged on arrival; returns what was stored (a platform id seen before stores nothing). */
export function addComment(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string },
  comment: CommentFields,
): Promise<ReceiveSummary> {
  return receiveComments(ctx, practiceId, [comment], { actorId: actor.userId, source: "paste" });
}
