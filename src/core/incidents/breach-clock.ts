// The breach clock: a personal data breach that must be reported goes to the ICO within 72 hours of the
// practice becoming aware of it. The 72 hours are calendar hours — weekends, bank holidays and the clock
// changes all count — so the clock works on UTC instants and only the display is in Europe/London.
// Pure: no I/O.

import { formatUkDateTime } from "../dates";

export const BREACH_CLOCK_HOURS = 72;
/** Reminder points, in hours after becoming aware. */
export const BREACH_REMINDER_HOURS = [24, 48, 60] as const;

const HOUR_MS = 60 * 60 * 1000;

export type BreachReminder =
  { kind: "reminder"; hours: 24 | 48 | 60; at: Date } | { kind: "overdue"; at: Date };

/** The instant the report is due: exactly 72 elapsed hours after becoming aware. */
export function breachDeadline(becameAwareAt: Date): Date {
  return new Date(becameAwareAt.getTime() + BREACH_CLOCK_HOURS * HOUR_MS);
}

/** Every point at which the owner should be reminded, in time order, ending with "overdue" at the deadline. */
export function breachReminders(becameAwareAt: Date): BreachReminder[] {
  const start = becameAwareAt.getTime();
  return [
    ...BREACH_REMINDER_HOURS.map((hours) => ({
      kind: "reminder" as const,
      hours,
      at: new Date(start + hours * HOUR_MS),
    })),
    { kind: "overdue" as const, at: breachDeadline(becameAwareAt) },
  ];
}

/** Hours left on the clock at `now` (negative once overdue), rounded down to whole hours towards zero. */
export function hoursLeft(becameAwareAt: Date, now: Date): number {
  return Math.trunc((breachDeadline(becameAwareAt).getTime() - now.getTime()) / HOUR_MS);
}

/** The deadline as a person in the practice reads it, on the UK clock. */
export function formatBreachDeadline(becameAwareAt: Date): string {
  return formatUkDateTime(breachDeadline(becameAwareAt));
}
