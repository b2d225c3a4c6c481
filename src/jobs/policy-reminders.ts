import type { AppContext } from "../app/context";
import {
  ACK_REMINDER_JOB,
  REVIEW_REMINDER_JOB,
  sendAcknowledgementReminders,
  sendReviewReminders,
} from "../app/policy/reminders";

type Handler = (ctx: AppContext, payload: Record<string, unknown>) => Promise<void>;

/**
 * Policy reminders: "please read and acknowledge" (round 0 at publication, then weekly until everyone has),
 * and review reminders to admins 30 and 7 days before the review date and the day after it.
 * Each mail is claimed in policy_notices before it is sent, so a job that runs again never mails twice.
 */
export const policyJobHandlers: Record<string, Handler> = {
  [ACK_REMINDER_JOB]: async (ctx, payload) => {
    await sendAcknowledgementReminders(ctx, payload);
  },
  [REVIEW_REMINDER_JOB]: async (ctx, payload) => {
    await sendReviewReminders(ctx, payload);
  },
};
