import { z } from "zod";

/** The years a date typed into safepost may fall in: anything else is a typing slip (9999-12-31). */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** True for a real calendar day written YYYY-MM-DD between 2000 and 2100 (not 2027-02-30). */
export function isCalendarDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < FIRST_YEAR || year > LAST_YEAR) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** A zod schema for a day typed by a person: the one rule every form and route uses. */
export const calendarDay = (example = "2027-01-31") =>
  z
    .string({ error: `Use a date like ${example}.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Use a date like ${example}.`)
    .refine(isCalendarDay, `That is not a real date between ${FIRST_YEAR} and ${LAST_YEAR}.`);
