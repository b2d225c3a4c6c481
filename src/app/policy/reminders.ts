import {
  acknowledgementRound,
  formatVersion,
  isoDay,
  reviewReminderStage,
  ACK_REMINDER_EVERY_DAYS,
} from "../../core/policy";
import { formatUkDate } from "../../core/dates";
import type { Db } from "../../store/database";
import type { AppContext } from "../context";
import type { Mail } from "../../mail/mailer";
import { activeMembers, loadPractice, loadPublished } from "./policy-store";
import { unacknowledgedMembers } from "./acknowledgements";

export { ACK_REMINDER_EVERY_DAYS };

/**
 * Round 0 ("please read") for a newly published major version, enqueued in the publishing transaction: a
 * rolled-back publication asks nobody. Later rounds come from the daily `policy.reminders` schedule.
 */
export async function requestAcknowledgements(
  ctx: AppContext,
  trx: Db,
  practiceId: string,
  major: number,
): Promise<void> {
  await ctx.jobs.enqueue(
    trx,
    "policy.acknowledgement-requests",
    { practiceId, major, round: 0 },
    { key: `${practiceId}:${major}:0` },
  );
}

/**
 * Claims a notice and queues its mail in one transaction: a notice is recorded exactly when its mail is
 * queued, so a job that runs again (after a crash, or on a second instance) never mails anyone twice.
 */
export async function sendOnce(
  ctx: AppContext,
  notice: { key: string; practiceId: string; userId: string; kind: string },
  mail: Mail,
): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto("policy_notices")
      .values({
        dedupe_key: notice.key,
        practice_id: notice.practiceId,
        user_id: notice.userId,
        kind: notice.kind,
        sent_at: ctx.now(),
      })
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .returning("dedupe_key")
      .executeTakeFirst();
    if (!claimed) return false;
    await ctx.mailer.send(mail, trx);
    return true;
  });
}

/** Mails everyone who has not acknowledged the published major version (round 0 asks, later rounds remind). */
export async function sendAcknowledgementReminders(
  ctx: AppContext,
  payload: { practiceId: string; major: number; round: number },
): Promise<number> {
  const { practiceId, major, round } = payload;
  const published = await loadPublished(ctx.db, practiceId);
  if (!published || published.major !== major) return 0; // replaced by a newer major version, or withdrawn
  const practice = await loadPractice(ctx.db, practiceId);
  const version = formatVersion(published);
  let sent = 0;
  for (const m of await unacknowledgedMembers(ctx.db, practiceId, major)) {
    const mail: Mail = {
      to: m.email,
      practiceId,
      subject:
        round === 0
          ? `Please read the social media policy (version ${version})`
          : `Reminder: please read the social media policy (version ${version})`,
      text: [
        `Hello ${m.name},`,
        "",
        round === 0
          ? `${practice.name} has published version ${version} of its social media policy. Please read it and confirm that you have done so.`
          : `You have not yet confirmed that you have read version ${version} of ${practice.name}'s social media policy.`,
        "",
        `Read and acknowledge it here: ${ctx.baseUrl}/practice/${practiceId}/policy/read`,
      ].join("\n"),
    };
    const key = `ack:${practiceId}:${major}:${round}:${m.userId}`;
    if (await sendOnce(ctx, { key, practiceId, userId: m.userId, kind: "ack-reminder" }, mail)) sent++;
  }
  return sent;
}

/** Tells the practice's admins that the policy's review is coming up (or overdue). */
export async function sendReviewReminders(
  ctx: AppContext,
  payload: { practiceId: string; versionId: string; reviewDue: string; stage: string },
): Promise<number> {
  const { practiceId, versionId, reviewDue, stage } = payload;
  const published = await loadPublished(ctx.db, practiceId);
  if (!published || published.id !== versionId || published.review_due !== reviewDue) return 0; // superseded or date moved
  const practice = await loadPractice(ctx.db, practiceId);
  const admins = (await activeMembers(ctx.db, practiceId)).filter((m) => m.roles.includes("admin"));
  const version = formatVersion(published);
  let sent = 0;
  for (const a of admins) {
    const mail: Mail = {
      to: a.email,
      practiceId,
      subject:
        stage === "overdue"
          ? "The social media policy is overdue for review"
          : `The social media policy is due for review on ${formatUkDate(reviewDue)}`,
      text: [
        `Hello ${a.name},`,
        "",
        stage === "overdue"
          ? `${practice.name}'s social media policy (version ${version}) was due for review on ${formatUkDate(reviewDue)}.`
          : `${practice.name}'s social media policy (version ${version}) is due for review on ${formatUkDate(reviewDue)}.`,
        "Start a new draft from the published version, consult staff on any changes, and publish it, or set a new review date.",
        "",
        `${ctx.baseUrl}/practice/${practiceId}/policy`,
      ].join("\n"),
    };
    const key = `review:${versionId}:${reviewDue}:${stage}:${a.userId}`;
    if (await sendOnce(ctx, { key, practiceId, userId: a.userId, kind: "review-reminder" }, mail)) sent++;
  }
  return sent;
}

/** The daily schedule: one `policy.practice-reminders` job per practice with a published policy. */
export async function enqueuePracticeReminders(ctx: AppContext): Promise<number> {
  const rows = await ctx.db
    .selectFrom("policy_versions")
    .select("practice_id")
    .distinct()
    .where("status", "=", "published")
    .execute();
  const day = isoDay(ctx.now());
  for (const r of rows)
    await ctx.jobs.enqueue(
      ctx.db,
      "policy.practice-reminders",
      { practiceId: r.practice_id },
      { key: `${r.practice_id}:${day}` },
    );
  return rows.length;
}

/** A practice's due reminders: this week's acknowledgement round (from round 1) and the review stage reached. */
export async function sendPracticeReminders(ctx: AppContext, practiceId: string): Promise<number> {
  const published = await loadPublished(ctx.db, practiceId);
  if (!published) return 0;
  const now = ctx.now();
  const first = await ctx.db
    .selectFrom("policy_versions")
    .select((eb) => eb.fn.min("published_at").as("at"))
    .where("practice_id", "=", practiceId)
    .where("major", "=", published.major)
    .executeTakeFirst();
  let sent = 0;
  const round = first?.at ? acknowledgementRound(new Date(first.at), now) : 0;
  if (round >= 1)
    sent += await sendAcknowledgementReminders(ctx, { practiceId, major: published.major, round });
  const stage = published.review_due ? reviewReminderStage(published.review_due, now) : null;
  if (stage && published.review_due)
    sent += await sendReviewReminders(ctx, {
      practiceId,
      versionId: published.id,
      reviewDue: published.review_due,
      stage,
    });
  return sent;
}
