// The job that sends an approved reply (inbox.send-reply). It claims the reply (approved → sending) and commits
// that before the platform is called, so a rerun, a duplicate job or a second runner finds it not "approved"
// and sends nothing. A lost answer is looked for with the adapter's findReply (replyOnPlatform); if it is not
// found, a person checks ("needs-check"): it is never sent again blindly.
import { AppError } from "../../core/errors";
import type { AppContext } from "../context";
import { replyOnPlatform, type ReplyOutcome } from "./platform";
import { recordSendOutcome } from "./replies";

export async function sendReply(
  ctx: AppContext,
  payload: { practiceId: string; replyId: string },
): Promise<"sent" | "failed" | "needs-check" | "skipped"> {
  const claimed = await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .selectFrom("inbox_replies")
      .selectAll()
      .where("id", "=", payload.replyId)
      .where("practice_id", "=", payload.practiceId)
      .forUpdate()
      .executeTakeFirst();
    if (!r || r.state !== "approved") return null;
    return trx
      .updateTable("inbox_replies")
      .set({ state: "sending", attempts: r.attempts + 1, updated_at: ctx.now() })
      .where("id", "=", r.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  if (!claimed) return "skipped";
  let outcome: ReplyOutcome;
  try {
    outcome = await replyOnPlatform(ctx, payload.practiceId, claimed.comment_id, claimed.text);
  } catch (err) {
    // A plain refusal before the platform was called (channel disconnected, comment not from the platform).
    if (!(err instanceof AppError)) throw err;
    outcome = { status: "not-sent", message: err.message };
  }
  await recordSendOutcome(ctx, claimed, outcome);
  return outcome.status === "sent" ? "sent" : outcome.status === "unknown" ? "needs-check" : "failed";
}
