import { z } from "zod";
import { formatVersion, REVIEW_REMINDER_DAYS } from "../../core/policy";
import type { Db } from "../../store/database";
import { enqueueJob } from "../../jobs/queue";
import type { AppContext } from "../context";
import { activeMembers, loadPractice, loadPublished } from "./policy-store";
import { unacknowledgedMembers } from "./acknowledgements";

export const ACK_REMINDER_JOB = "policy-ack-reminder";
export const REVIEW_REMINDER_JOB = "policy-review-reminder";
/** Days between acknowledgement reminders; they go on until everyone has acknowledged or a new major version replaces it. */
export const ACK_REMINDER_EVERY_DAYS = 7;
const DAY = 86_400_000;

/** Round 0 (now) asks everyone to read the new major version; the handler schedules the next round itself. */
export async function scheduleAcknowledgementReminders(
  db: Db,
  practiceId: string,
  major: number,
  now: Date,
): Promise<void> {
  await enqueueJob(db, {
    kind: ACK_REMINDER_JOB,
    payload: { practiceId, major, round: 0 },
    runAt: now,
    dedupeKey: `policy-ack:${practiceId}:${major}:0`,
  });
}

/** Reminders 30 and 7 days before the review date and the day after it. A changed date schedules afresh; stale jobs find nothing to do. */
export async function scheduleReviewReminders(
  db: Db,
  practiceId: string,
  versionId: string,
  reviewDue: string,
  now: Date,
): Promise<void> {
  const due = new Date(`${reviewDue}T08:00:00Z`).getTime();
  const stages = [
    ...REVIEW_REMINDER_DAYS.map((d) => ({ stage: `${d}-days`, at: due - d * DAY })),
    { stage: "overdue", at: due + DAY },
  ];
  for (const s of stages) {
    if (s.at < now.getTime()) continue;
    await enqueueJob(db, {
      kind: REVIEW_REMINDER_JOB,
      payload: { practiceId, versionId, reviewDue, stage: s.stage },
      runAt: new Date(s.at),
      dedupeKey: `policy-review:${versionId}:${reviewDue}:${s.stage}`,
    });
  }
}

/** Records that a notice is being sent; false when it already was (so a re-run job never mails twice). */
async function claimNotice(
  db: Db,
  key: string,
  practiceId: string,
  userId: string | null,
  kind: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .insertInto("policy_notices")
    .values({ dedupe_key: key, practice_id: practiceId, user_id: userId, kind, sent_at: now })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .returning("dedupe_key")
    .executeTakeFirst();
  return !!row;
}

const ackPayload = z.object({
  practiceId: z.string().uuid(),
  major: z.number().int().min(1),
  round: z.number().int().min(0),
});

/** Mails everyone who has not acknowledged the published major version, then schedules the next round. */
export async function sendAcknowledgementReminders(ctx: AppContext, payload: unknown): Promise<number> {
  const { practiceId, major, round } = ackPayload.parse(payload);
  const published = await loadPublished(ctx.db, practiceId);
  if (!published || published.major !== major) return 0; // replaced by a newer major version, or withdrawn
  const practice = await loadPractice(ctx.db, practiceId);
  const now = ctx.now();
  const pending = await unacknowledgedMembers(ctx.db, practiceId, major);
  let sent = 0;
  for (const m of pending) {
    if (
      !(await claimNotice(
        ctx.db,
        `ack:${practiceId}:${major}:${round}:${m.userId}`,
        practiceId,
        m.userId,
        "ack-reminder",
        now,
      ))
    )
      continue;
    const version = formatVersion(published);
    await ctx.mailer.send({
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
    });
    sent++;
  }
  if (pending.length) {
    await enqueueJob(ctx.db, {
      kind: ACK_REMINDER_JOB,
      payload: { practiceId, major, round: round + 1 },
      runAt: new Date(now.getTime() + ACK_REMINDER_EVERY_DAYS * DAY),
      dedupeKey: `policy-ack:${practiceId}:${major}:${round + 1}`,
    });
  }
  return sent;
}

const reviewPayload = z.object({
  practiceId: z.string().uuid(),
  versionId: z.string().uuid(),
  reviewDue: z.string(),
  stage: z.string(),
});

/** Tells the practice's admins that the policy's review is coming up (or overdue). */
export async function sendReviewReminders(ctx: AppContext, payload: unknown): Promise<number> {
  const { practiceId, versionId, reviewDue, stage } = reviewPayload.parse(payload);
  const published = await loadPublished(ctx.db, practiceId);
  if (!published || published.id !== versionId || published.review_due !== reviewDue) return 0; // superseded or date moved
  const practice = await loadPractice(ctx.db, practiceId);
  const admins = (await activeMembers(ctx.db, practiceId)).filter((m) => m.roles.includes("admin"));
  const now = ctx.now();
  let sent = 0;
  for (const a of admins) {
    if (
      !(await claimNotice(
        ctx.db,
        `review:${versionId}:${reviewDue}:${stage}:${a.userId}`,
        practiceId,
        a.userId,
        "review-reminder",
        now,
      ))
    )
      continue;
    await ctx.mailer.send({
      to: a.email,
      practiceId,
      subject:
        stage === "overdue"
          ? "The social media policy is overdue for review"
          : `The social media policy is due for review on ${reviewDue}`,
      text: [
        `Hello ${a.name},`,
        "",
        stage === "overdue"
          ? `${practice.name}'s social media policy (version ${formatVersion(published)}) was due for review on ${reviewDue}.`
          : `${practice.name}'s social media policy (version ${formatVersion(published)}) is due for review on ${reviewDue}.`,
        "Start a new draft from the published version, consult staff on any changes, and publish it, or set a new review date.",
        "",
        `${ctx.baseUrl}/practice/${practiceId}/policy`,
      ].join("\n"),
    });
    sent++;
  }
  return sent;
}
