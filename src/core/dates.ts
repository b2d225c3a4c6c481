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

// Working days in England and Wales: Monday to Friday, except bank holidays. The regular holidays are
// computed (Easter by the Gregorian computus, substitute days when a fixed one falls at a weekend); the
// one-off changes proclaimed since 2000 are listed. A practice can pass further closure days of its own.

/** Bank holidays that moved or were added by proclamation (England and Wales, 2000 onwards). */
const MOVED_BANK_HOLIDAYS: Record<number, { drop: string[]; add: string[] }> = {
  2002: { drop: ["2002-05-27"], add: ["2002-06-03", "2002-06-04"] }, // Golden Jubilee
  2011: { drop: [], add: ["2011-04-29"] }, // Royal wedding
  2012: { drop: ["2012-05-28"], add: ["2012-06-04", "2012-06-05"] }, // Diamond Jubilee
  2020: { drop: ["2020-05-04"], add: ["2020-05-08"] }, // VE Day 75
  2022: { drop: ["2022-05-30"], add: ["2022-06-02", "2022-06-03", "2022-09-19"] }, // Platinum Jubilee, State Funeral
  2023: { drop: [], add: ["2023-05-08"] }, // Coronation
};

const isoOf = (year: number, month: number, day: number): string =>
  `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

/** 0 = Sunday … 6 = Saturday, for an ISO day. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T12:00:00Z`).getUTCDay();
}

/** Easter Sunday of `year` (Gregorian calendar, anonymous computus), as an ISO day. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoOf(year, month, day);
}

/** The first Monday of a month (month 1–12). */
const firstMonday = (year: number, month: number): string => {
  const first = isoOf(year, month, 1);
  return addDays(first, (8 - weekdayOf(first)) % 7);
};
/** The last Monday of a month (month 1–12). */
const lastMonday = (year: number, month: number): string => {
  const last = addDays(month === 12 ? isoOf(year + 1, 1, 1) : isoOf(year, month + 1, 1), -1);
  return addDays(last, -((weekdayOf(last) + 6) % 7));
};

const holidayCache = new Map<number, readonly string[]>();

/** The bank holidays of `year` in England and Wales (ISO days, sorted), with substitute days. */
export function bankHolidaysEnglandWales(year: number): readonly string[] {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const days = new Set<string>();
  // New Year's Day, or the Monday after when it falls at a weekend.
  const newYear = isoOf(year, 1, 1);
  const ny = weekdayOf(newYear);
  days.add(ny === 6 ? addDays(newYear, 2) : ny === 0 ? addDays(newYear, 1) : newYear);
  const easter = easterSunday(year);
  days.add(addDays(easter, -2)); // Good Friday
  days.add(addDays(easter, 1)); // Easter Monday
  days.add(firstMonday(year, 5)); // Early May
  days.add(lastMonday(year, 5)); // Spring
  days.add(lastMonday(year, 8)); // Summer
  // Christmas Day and Boxing Day; a holiday at a weekend moves to the next weekday not already a holiday.
  const christmas = isoOf(year, 12, 25);
  const cw = weekdayOf(christmas);
  if (cw === 6)
    days.add(isoOf(year, 12, 27)).add(isoOf(year, 12, 28)); // Sat, Sun → Mon, Tue
  else if (cw === 0)
    days.add(isoOf(year, 12, 26)).add(isoOf(year, 12, 27)); // Sun, Mon → Mon, Tue
  else if (cw === 5)
    days.add(christmas).add(isoOf(year, 12, 28)); // Fri, Sat → Fri, Mon
  else days.add(christmas).add(isoOf(year, 12, 26));
  const moved = MOVED_BANK_HOLIDAYS[year];
  if (moved) {
    for (const d of moved.drop) days.delete(d);
    for (const d of moved.add) days.add(d);
  }
  const list = Object.freeze([...days].sort());
  holidayCache.set(year, list);
  return list;
}

/** True for a bank holiday in England and Wales. */
export function isBankHolidayEnglandWales(day: string): boolean {
  return bankHolidaysEnglandWales(Number(day.slice(0, 4))).includes(day);
}

/** True for Monday to Friday that is not a bank holiday in England and Wales (nor one of `closed`). */
export function isWorkingDay(day: string, closed: readonly string[] = []): boolean {
  const w = weekdayOf(day);
  return w !== 0 && w !== 6 && !isBankHolidayEnglandWales(day) && !closed.includes(day);
}

/**
 * The ISO day `n` working days after `day` (n ≥ 0): the day itself is not counted, so a complaint received on
 * a Friday has its 3-working-day acknowledgement due on the Wednesday (later when a bank holiday intervenes).
 * With n = 0, the day itself if it is a working day, else the next working day.
 */
export function addWorkingDays(day: string, n: number, closed: readonly string[] = []): string {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError("Working days must be a whole number, zero or more.");
  let current = day;
  if (n === 0) {
    while (!isWorkingDay(current, closed)) current = addDays(current, 1);
    return current;
  }
  let left = n;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current, closed)) left -= 1;
  }
  return current;
}
