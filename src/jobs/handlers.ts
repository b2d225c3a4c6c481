import type { AppContext } from "../app/context";
import {
  enqueuePracticeReminders,
  sendAcknowledgementReminders,
  sendPracticeReminders,
} from "../app/policy/reminders";
import { sendApprovalRequests, sendConsultationNotices } from "../app/policy/team-notices";
import { sendChangeRequest } from "../app/policy/change-requests";
import { sendPostChangesRequested } from "../app/posts/review";
import { publishDelivery } from "../app/posts/publish";
import { sweepDeliveries } from "../app/posts/sweep";
import { sendAuditDigest } from "../app/audit/daily-digest";
import { sendPasswordReset } from "../app/auth/password-reset";
import { purgeExpired } from "../app/retention/purge-expired";
import { refreshChannelTokens } from "../app/channels/refresh-tokens";
import { notifyWaiting } from "../app/waiting/notify";
import { sendBreachReminders } from "../app/incidents/breach-reminders";
import { enqueueCommentPolls, pollChannel } from "../app/inbox/poll";
import { purgeCommentText } from "../app/inbox/retention";
import { sendReply } from "../app/inbox/send-reply";
import type { JobName, JobPayload } from "./definitions";

type Handlers = { [N in JobName]: (ctx: AppContext, payload: JobPayload<N>) => Promise<unknown> };

/**
 * What each job does. Every name in definitions.ts must have one (the type says so). Handlers must be
 * idempotent: a job runs again after a crash or a retry, so each records what it did before doing it.
 */
export const jobHandlers: Handlers = {
  "mail.send": (ctx, p) => ctx.mailer.deliver(p.outboxId),
  "auth.password-reset": (ctx, p) => sendPasswordReset(ctx, p.userId),
  "policy.acknowledgement-requests": (ctx, p) => sendAcknowledgementReminders(ctx, p),
  "policy.consultation-notices": (ctx, p) => sendConsultationNotices(ctx, p),
  "policy.approval-requests": (ctx, p) => sendApprovalRequests(ctx, p),
  "policy.changes-requested": (ctx, p) => sendChangeRequest(ctx, p),
  "posts.changes-requested": (ctx, p) => sendPostChangesRequested(ctx, p),
  "posts.publish": (ctx, p) => publishDelivery(ctx, p),
  "posts.sweep": (ctx) => sweepDeliveries(ctx),
  "policy.reminders": (ctx) => enqueuePracticeReminders(ctx),
  "policy.practice-reminders": (ctx, p) => sendPracticeReminders(ctx, p.practiceId),
  "audit.daily-digest": (ctx) => sendAuditDigest(ctx),
  "retention.purge": (ctx, p) => purgeExpired(ctx, p),
  "channels.refresh-tokens": (ctx) => refreshChannelTokens(ctx),
  "waiting.notify": (ctx) => notifyWaiting(ctx),
  "incidents.breach-reminders": (ctx) => sendBreachReminders(ctx),
  "inbox.poll-due": (ctx) => enqueueCommentPolls(ctx),
  "inbox.poll": (ctx, p) => pollChannel(ctx, p),
  "inbox.send-reply": (ctx, p) => sendReply(ctx, p),
  "inbox.retention": (ctx) => purgeCommentText(ctx),
};
