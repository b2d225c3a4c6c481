// The days a calendar view shows, on the UK calendar: a week (Monday to Sunday) or a month padded to whole weeks.
import { addDays, ukWallClockToInstant } from "../../core/dates";

export type CalendarView = "week" | "month";

/** 0 for Monday … 6 for Sunday. */
const weekdayIndex = (day: string): number => (new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7;

export const mondayOf = (day: string): string => addDays(day, -weekdayIndex(day));

/** The weeks shown: each an array of seven ISO days. */
export function calendarWeeks(view: CalendarView, anchor: string): string[][] {
  const first = view === "week" ? mondayOf(anchor) : mondayOf(`${anchor.slice(0, 7)}-01`);
  const month = anchor.slice(0, 7);
  const weeks: string[][] = [];
  for (let start = first; ; start = addDays(start, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(start, i)));
    if (view === "week" || addDays(start, 7).slice(0, 7) !== month) break;
  }
  return weeks;
}

/** The period before or after: a week or a month away. */
export function shiftAnchor(view: CalendarView, anchor: string, direction: 1 | -1): string {
  if (view === "week") return addDays(anchor, 7 * direction);
  const [y, m] = anchor.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + direction, 1, 12));
  return d.toISOString().slice(0, 10);
}

/** The instants bounding the days shown (midnight UK time at each end), for the API's from/to. */
export function rangeOf(weeks: string[][]): { from: string; to: string } {
  const first = weeks[0]![0]!;
  const last = weeks[weeks.length - 1]![6]!;
  return {
    from: ukWallClockToInstant(first, "00:00")!.toISOString(),
    to: ukWallClockToInstant(addDays(last, 1), "00:00")!.toISOString(),
  };
}
