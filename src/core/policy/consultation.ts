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

/** One clause's comments, counted for the staff representative's summary. */
export interface ClauseCommentCount {
  clauseKey: string;
  /** The clause's number now, or as it was when commented on if it has been removed since. */
  number: string;
  title: string;
  removed: boolean;
  total: number;
  unresolved: number;
}

/**
 * Comments per clause, clauses with unresolved comments first, each group in the policy's order (numbers
 * compared part by part, so 10.1 follows 9.2); removed clauses last within their group.
 */
export function commentSummary(
  comments: readonly {
    clauseKey: string;
    clauseNumber: string | null;
    clauseNumberWhenWritten: string;
    clauseTitle: string;
    resolved: boolean;
  }[],
): ClauseCommentCount[] {
  const byKey = new Map<string, ClauseCommentCount>();
  for (const c of comments) {
    const row = byKey.get(c.clauseKey) ?? {
      clauseKey: c.clauseKey,
      number: c.clauseNumber ?? c.clauseNumberWhenWritten,
      title: c.clauseTitle,
      removed: c.clauseNumber === null,
      total: 0,
      unresolved: 0,
    };
    row.total++;
    if (!c.resolved) row.unresolved++;
    byKey.set(c.clauseKey, row);
  }
  const order = (n: string): number[] => n.split(".").map((x) => Number(x) || 0);
  const compare = (a: ClauseCommentCount, b: ClauseCommentCount): number => {
    if (!!a.unresolved !== !!b.unresolved) return a.unresolved ? -1 : 1;
    if (a.removed !== b.removed) return a.removed ? 1 : -1;
    const [x, y] = [order(a.number), order(b.number)];
    for (let i = 0; i < Math.max(x.length, y.length); i++)
      if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
    return 0;
  };
  return [...byKey.values()].sort(compare);
}
