// Dates and times as a person in a UK practice reads them: "21 November 2027", "21 November 2027, 14:05",
// always on the clock in Europe/London (GMT in winter, BST in summer). Stored days stay ISO (2027-11-21);
// these turn them into words. Pure: runs in the browser, the server, the exports and the mails alike.

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

export const UK_TIME_ZONE = "Europe/London";

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const dayFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: UK_TIME_ZONE,
});
const isoDayFormat = new Intl.DateTimeFormat("en-CA", {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  timeZone: UK_TIME_ZONE,
});
const timeFormat = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: UK_TIME_ZONE,
});

/** The calendar day in the UK at instant `d`, as an ISO day (00:30 BST on 1 July is 1 July, not 30 June). */
export function ukIsoDay(d: Date): string {
  return isoDayFormat.format(d);
}

/** A day in words: "21 November 2027". Takes an ISO day, an ISO timestamp or a Date; "" for nothing. */
export function formatUkDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "string" && ISO_DAY.test(value)) {
    // A calendar day is the same day everywhere: format it at noon UTC so no zone moves it.
    return dayFormat.format(new Date(`${value}T12:00:00Z`));
  }
  const d = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? "" : dayFormat.format(d);
}

/** A moment in words on UK time: "21 November 2027, 14:05". */
export function formatUkDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return "";
  return `${dayFormat.format(d)}, ${timeFormat.format(d)}`;
}

/** The ISO day `days` after `day` (calendar arithmetic, no zones involved). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The three boxes of the NHS date input (day, month, year) for an ISO day; empty boxes for none. */
export function toDateParts(day: string | null | undefined): { day: string; month: string; year: string } {
  const m = day ? ISO_DAY.exec(day) : null;
  if (!m) return { day: "", month: "", year: "" };
  return { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! };
}

/**
 * The ISO day typed into the NHS date input's three boxes, or a sentence saying what is wrong with it
 * (in the words of the NHS design system: "Date must include a month", "Date must be a real date").
 */
export function fromDateParts(
  parts: { day: string; month: string; year: string },
  label = "The date",
): { ok: true; day: string } | { ok: false; message: string } {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { ok: false, message: `Enter ${lowerFirst(label)}` };
  const missing = [!day && "a day", !month && "a month", !year && "a year"].filter(Boolean);
  if (missing.length) return { ok: false, message: `${label} must include ${missing.join(" and ")}` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year))
    return { ok: false, message: `${label} must be a real date, for example 21 11 2027` };
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  if (!isCalendarDay(iso)) return { ok: false, message: `${label} must be a real date` };
  return { ok: true, day: iso };
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** The time of day on the UK clock at instant `d`: "14:05". */
export function formatUkTime(value: string | Date): string {
  const d = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? "" : timeFormat.format(d);
}

/**
 * The instant a UK wall-clock time names ("2027-03-28", "09:30"), or null when that time never happens (the hour
 * skipped when the clocks go forward). In the hour that happens twice when they go back, the first (BST) is meant.
 */
export function ukWallClockToInstant(day: string, time: string): Date | null {
  const d = ISO_DAY.exec(day);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!d || !t || !isCalendarDay(day)) return null;
  const [hour, minute] = [Number(t[1]), Number(t[2])];
  if (hour > 23 || minute > 59) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), hour, minute);
  const wanted = `${day} ${String(hour).padStart(2, "0")}:${t[2]}`;
  // The UK is an hour ahead of UTC in summer and level in winter: try summer first, so the repeated hour is BST.
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(wall - offsetHours * 3_600_000);
    if (`${ukIsoDay(candidate)} ${timeFormat.format(candidate)}` === wanted) return candidate;
  }
  return null;
}
