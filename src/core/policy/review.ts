/** The default review date: 12 months after publication (an ISO day). */
export function defaultReviewDue(publishedAt: Date): string {
  const d = new Date(
    Date.UTC(publishedAt.getUTCFullYear() + 1, publishedAt.getUTCMonth(), publishedAt.getUTCDate()),
  );
  // 29 February + 1 year rolls to 1 March, which is what we want
  return d.toISOString().slice(0, 10);
}

export type ReviewState = "ok" | "due-soon" | "overdue";

/** Days before the review date when it shows as due soon and the reminders go out. */
export const REVIEW_REMINDER_DAYS = [30, 7] as const;

/** Whether a policy needs review on `day`: overdue after its review date, due soon within 30 days of it. */
export function reviewState(reviewDue: string, day: string): ReviewState {
  if (day > reviewDue) return "overdue";
  const soon = new Date(`${reviewDue}T00:00:00Z`).getTime() - REVIEW_REMINDER_DAYS[0] * 86_400_000;
  return new Date(`${day}T00:00:00Z`).getTime() >= soon ? "due-soon" : "ok";
}

const DAY = 86_400_000;

/**
 * Which review reminder is due at `now`: "overdue" from the day after the review date, else the closest of
 * "7-days" and "30-days" that has been reached, else none. A day's reminders go out from 08:00 UTC.
 */
export function reviewReminderStage(reviewDue: string, now: Date): string | null {
  const due = new Date(`${reviewDue}T08:00:00Z`).getTime();
  const t = now.getTime();
  if (t >= due + DAY) return "overdue";
  const reached = [...REVIEW_REMINDER_DAYS].sort((a, b) => a - b).find((d) => t >= due - d * DAY);
  return reached === undefined ? null : `${reached}-days`;
}

/** Days between acknowledgement reminders; they go on until everyone has acknowledged or a new major version replaces it. */
export const ACK_REMINDER_EVERY_DAYS = 7;

/** The acknowledgement round at `now` for a major version first published at `firstPublishedAt` (0: the first request). */
export function acknowledgementRound(firstPublishedAt: Date, now: Date): number {
  return Math.max(
    0,
    Math.floor((now.getTime() - firstPublishedAt.getTime()) / (ACK_REMINDER_EVERY_DAYS * DAY)),
  );
}
