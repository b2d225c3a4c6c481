import { addDays, isCalendarDay, ukIsoDay } from "../dates";
import { AppError } from "../errors";

/** How long a consultation stays open unless the admin chooses another closing date. */
export const CONSULTATION_DAYS = 14;

/** The closing day of a consultation opened at `now` (two weeks after today in the UK), as an ISO day. */
export const defaultClosingDay = (now: Date): string => addDays(ukIsoDay(now), CONSULTATION_DAYS);

/**
 * The closing day the admin chose, checked: a real day, after today, and not more than a year away. Errors
 * name the field as the form labels it.
 */
export function checkClosingDay(day: string, now: Date): string {
  const field = { closesOn: "Enter a real closing date, after today." };
  if (!isCalendarDay(day))
    throw new AppError("invalid-input", "The closing date must be a real date.", field);
  const today = ukIsoDay(now);
  if (day <= today) throw new AppError("invalid-input", "The closing date must be after today.", field);
  if (day > addDays(today, 366))
    throw new AppError("invalid-input", "The closing date must be within a year.", field);
  return day;
}

/** Whether comments are still invited on `today` (the closing day itself included). */
export const consultationOpen = (closesOn: string | null, today: string): boolean =>
  !closesOn || today <= closesOn;
