// Retention of comment text (issue 10, part 6): comments can hold patient data, so the words of a closed
// conversation's comments (and the platform's raw record, which repeats them) are removed once the practice's
// retention period has passed since it closed (default 12 months). The conversation, the triage codes and the
// evidence records the practice kept stay. Safe to run twice; the audit records counts only.
import { readPracticeSettings } from "../../core/practice-settings";
import { appendAudit } from "../audit/audit-log";
import type { AppContext } from "../context";

/** The date `months` calendar months before `now` (the 31st falls back to the month's last day). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** The daily job: for each practice, purges comment text of conversations closed before its cut-off. */
export async function purgeCommentText(ctx: AppContext): Promise<Record<string, number>> {
  const now = ctx.now();
  const practices = await ctx.db.selectFrom("practices").select(["id", "settings"]).execute();
  const out: Record<string, number> = {};
  for (const p of practices) {
    const cutOff = monthsBefore(now, readPracticeSettings(p.settings).inboxRetentionMonths);
    const purged = await ctx.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable("inbox_comments")
        .set({ text: null, platform_raw: null, text_purged_at: now })
        .where("practice_id", "=", p.id)
        .where("text_purged_at", "is", null)
        .where("conversation_id", "in", (qb) =>
          qb
            .selectFrom("inbox_conversations")
            .select("id")
            .where("practice_id", "=", p.id)
            .where("status", "=", "closed")
            .where("closed_at", "<", cutOff),
        )
        .executeTakeFirst();
      const n = Number(r.numUpdatedRows ?? 0);
      if (n)
        await appendAudit(
          trx,
          {
            practiceId: p.id,
            actorId: null,
            action: "inbox.comment-text-purged",
            details: { comments: n, closedBefore: cutOff.toISOString() },
          },
          now,
        );
      return n;
    });
    if (purged) out[p.id] = purged;
  }
  return out;
}
