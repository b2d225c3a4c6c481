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
