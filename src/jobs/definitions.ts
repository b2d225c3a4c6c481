import { z } from "zod";

const uuid = z.string().uuid();

/** How a job is retried: pg-boss waits `delaySeconds · 2^attempt` (with jitter, at most `maxDelaySeconds`). */
export interface RetryPolicy {
  limit: number;
  delaySeconds: number;
  maxDelaySeconds: number;
}

export interface JobDefinition<S extends z.ZodType> {
  /** The payload, validated when the job is enqueued and again when it runs. */
  payload: S;
  /** What the job does, in words a practice manager understands (the Background jobs page shows it). */
  label: string;
  retry: RetryPolicy;
  /** A cron expression (Europe/London): the job is enqueued on this schedule, once across all instances. */
  cron?: string;
}

const define = <S extends z.ZodType>(d: JobDefinition<S>): JobDefinition<S> => d;
const patient: RetryPolicy = { limit: 6, delaySeconds: 30, maxDelaySeconds: 3_600 };
const daily: RetryPolicy = { limit: 3, delaySeconds: 300, maxDelaySeconds: 3_600 };

/**
 * Every job safepost runs, with its payload schema. Add a job here and its handler in handlers.ts (the
 * compiler asks for it). Payloads of practice jobs carry `practiceId`, so the practice's admin sees its
 * failures and nobody else does. Payloads hold ids, never personal data.
 */
export const jobDefinitions = {
  "mail.send": define({
    payload: z.object({ outboxId: uuid, practiceId: uuid.nullable() }),
    label: "Send an email",
    retry: patient,
  }),
  "auth.password-reset": define({
    // The account's id, or null for an unknown email (queued all the same, so both cost the same to ask).
    payload: z.object({ userId: uuid.nullable() }),
    label: "Email a password reset link",
    retry: patient,
  }),
  "policy.acknowledgement-requests": define({
    payload: z.object({ practiceId: uuid, major: z.number().int().min(1), round: z.number().int().min(0) }),
    label: "Ask staff to read and acknowledge the policy",
    retry: patient,
  }),
  "policy.consultation-notices": define({
    payload: z.object({ practiceId: uuid, versionId: uuid }),
    label: "Ask staff to comment on the draft policy, and the staff representative to respond",
    retry: patient,
  }),
  "policy.approval-requests": define({
    payload: z.object({ practiceId: uuid, versionId: uuid, revision: z.number().int().min(1) }),
    label: "Ask the approvers to approve the draft policy",
    retry: patient,
  }),
  "policy.changes-requested": define({
    payload: z.object({ practiceId: uuid, requestId: uuid }),
    label: "Tell the draft policy's editor what an approver asked to change",
    retry: patient,
  }),
  "posts.changes-requested": define({
    payload: z.object({ practiceId: uuid, postId: uuid, revision: z.number().int().min(1) }),
    label: "Tell a post's author what an approver asked to change",
    retry: patient,
  }),
  "posts.publish": define({
    payload: z.object({ practiceId: uuid, deliveryId: uuid }),
    label: "Publish a post on one channel",
    // The job claims its delivery before calling the platform, so a rerun never posts twice.
    retry: { limit: 3, delaySeconds: 30, maxDelaySeconds: 600 },
  }),
  "posts.sweep": define({
    payload: z.object({}),
    label: "Find posts that need a person to check them, or an approver again",
    retry: { limit: 1, delaySeconds: 30, maxDelaySeconds: 60 },
    cron: "* * * * *",
  }),
  "policy.reminders": define({
    payload: z.object({}),
    label: "Find practices whose policy needs a reminder",
    retry: daily,
    cron: "0 8 * * *",
  }),
  "policy.practice-reminders": define({
    payload: z.object({ practiceId: uuid }),
    label: "Send the policy's acknowledgement and review reminders",
    retry: patient,
  }),
  "audit.daily-digest": define({
    payload: z.object({}),
    label: "Mail the audit log's latest entry (its chain head) to each practice's admins",
    retry: daily,
    cron: "0 7 * * *",
  }),
  "channels.refresh-tokens": define({
    payload: z.object({}),
    label: "Renew the practice channels' access tokens before they expire",
    retry: daily,
    cron: "*/15 * * * *",
  }),
  "waiting.notify": define({
    payload: z.object({}),
    label: "Email each member what has newly come to wait for them",
    retry: { limit: 1, delaySeconds: 60, maxDelaySeconds: 300 },
    cron: "*/5 * * * *",
  }),
  "incidents.breach-reminders": define({
    payload: z.object({}),
    label: "Remind the owner of a personal data breach at 24, 48 and 60 hours, and when the 72 hours run out",
    retry: { limit: 3, delaySeconds: 30, maxDelaySeconds: 300 },
    cron: "*/5 * * * *",
  }),
  "inbox.poll-due": define({
    payload: z.object({}),
    label: "Queue a check of each connected channel for new comments",
    retry: { limit: 1, delaySeconds: 60, maxDelaySeconds: 300 },
    // Every 5 minutes: about 12 calls an hour per Page post read, well inside Graph's and Bluesky's limits.
    cron: "*/5 * * * *",
  }),
  "inbox.poll": define({
    payload: z.object({ practiceId: uuid, channelId: uuid }),
    label: "Read new comments from one channel and triage them",
    retry: { limit: 2, delaySeconds: 60, maxDelaySeconds: 300 },
  }),
  "inbox.send-reply": define({
    payload: z.object({ practiceId: uuid, replyId: uuid }),
    label: "Send an approved reply to a patient's comment",
    // The job claims the reply before calling the platform, so a rerun never answers twice.
    retry: { limit: 3, delaySeconds: 30, maxDelaySeconds: 600 },
  }),
  "inbox.retention": define({
    payload: z.object({}),
    label: "Remove the text of closed conversations' comments past the practice's retention period",
    retry: daily,
    cron: "45 3 * * *",
  }),
  "retention.purge": define({
    payload: z.object({ outboxBodyDays: z.number().int().min(1) }),
    label: "Delete data past its retention period",
    retry: daily,
    cron: "30 3 * * *",
  }),
} as const;

export type JobName = keyof typeof jobDefinitions;
export type JobPayload<N extends JobName> = z.infer<(typeof jobDefinitions)[N]["payload"]>;
export const jobNames = Object.keys(jobDefinitions) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobDefinitions, name);
}
