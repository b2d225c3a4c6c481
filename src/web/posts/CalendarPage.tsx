// The posts calendar, a week or a month at a time on the UK calendar. Keyboard: the arrow keys move between
// days, Enter opens the day's posts; each post shows its channels and its state.
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { addDays, formatUkDate, formatUkTime, isCalendarDay, ukIsoDay } from "../../core/dates";
import { LoadError } from "../components/Messages";
import { useApi, usePageTitle } from "../hooks";
import { usePractice } from "../layouts";
import { calendarWeeks, rangeOf, shiftAnchor, type CalendarView } from "./calendar-days";
import { StateTag } from "./labels";
import { postsApi, type Post } from "./posts-api";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** The moment a post sits at on the calendar: when it went out, else when it is due. */
const postMoment = (p: Post): string | null => p.publishedAt ?? p.scheduledAt;

const MOVES: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

export default function CalendarPage() {
  const { practice, path } = usePractice();
  usePageTitle("Posts", practice.name);
  const [params, setParams] = useSearchParams();
  const view: CalendarView = params.get("view") === "month" ? "month" : "week";
  const today = ukIsoDay(new Date());
  const requested = params.get("day") ?? "";
  const anchor = isCalendarDay(requested) ? requested : today;
  const weeks = calendarWeeks(view, anchor);
  const range = rangeOf(weeks);
  const posts = useApi(() => postsApi.list(practice.id, range), `${practice.id}:${range.from}:${range.to}`);
  const [focused, setFocused] = useState(anchor);
  const [openDay, setOpenDay] = useState<string | null>(null);
  const cells = useRef(new Map<string, HTMLTableCellElement>());
  const moveFocus = useRef(false);
  const panel = useRef<HTMLHeadingElement>(null);

  const days = weeks.flat();
  const current = days.includes(focused) ? focused : anchor;
  useEffect(() => {
    if (moveFocus.current) cells.current.get(current)?.focus();
    moveFocus.current = false;
  });
  useEffect(() => {
    if (openDay) panel.current?.focus();
  }, [openDay]);

  const go = (next: { view?: CalendarView; day?: string }) =>
    setParams({ view: next.view ?? view, day: next.day ?? anchor });

  const byDay = new Map<string, Post[]>();
  const unscheduled: Post[] = [];
  for (const p of posts.data?.posts ?? []) {
    const at = postMoment(p);
    if (!at) unscheduled.push(p);
    else byDay.set(ukIsoDay(new Date(at)), [...(byDay.get(ukIsoDay(new Date(at))) ?? []), p]);
  }

  const onKey = (day: string) => (e: KeyboardEvent) => {
    const step = MOVES[e.key];
    if (step !== undefined) {
      e.preventDefault();
      const next = addDays(day, step);
      moveFocus.current = true;
      setFocused(next);
      if (!days.includes(next)) go({ day: next });
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      setOpenDay(day);
    }
  };

  const title =
    view === "week"
      ? `Week of ${formatUkDate(weeks[0]![0]!)}`
      : monthFormat.format(new Date(`${anchor.slice(0, 7)}-01T12:00:00Z`));

  return (
    <>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>Posts</h1>
      <div className="sp-inline-actions">
        <Link className="nhsuk-button" to={path("posts/new")}>
          New post
        </Link>
        <Link to={path("posts/archive")}>Archive of published posts</Link>
        <Link to={path("channels")}>Channels</Link>
      </div>
      <h2 className="nhsuk-heading-m" id="calendar-title" aria-live="polite">
        {title}
      </h2>
      <div className="sp-inline-actions">
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          onClick={() => go({ day: shiftAnchor(view, anchor, -1) })}
        >
          Previous {view}
        </button>
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          onClick={() => go({ day: today })}
        >
          Today
        </button>
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          onClick={() => go({ day: shiftAnchor(view, anchor, 1) })}
        >
          Next {view}
        </button>
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          aria-pressed={view === "month"}
          onClick={() => go({ view: view === "week" ? "month" : "week" })}
        >
          {view === "week" ? "Show the month" : "Show the week"}
        </button>
      </div>
      {posts.status === "error" ? <LoadError error={posts.error} /> : null}
      <p className="nhsuk-hint" id="calendar-help">
        Use the arrow keys to move between days and Enter to list a day&apos;s posts. Times are UK time.
      </p>
      <div className="sp-table-scroll">
        <table
          className={`sp-calendar sp-calendar--${view}`}
          role="grid"
          aria-labelledby="calendar-title"
          aria-describedby="calendar-help"
        >
          <thead>
            <tr>
              {WEEKDAYS.map((d) => (
                <th key={d} scope="col">
                  {d}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week[0]}>
                {week.map((day) => {
                  const dayPosts = byDay.get(day) ?? [];
                  const outside = view === "month" && day.slice(0, 7) !== anchor.slice(0, 7);
                  return (
                    <td
                      key={day}
                      role="gridcell"
                      tabIndex={day === current ? 0 : -1}
                      ref={(el) => {
                        if (el) cells.current.set(day, el);
                        else cells.current.delete(day);
                      }}
                      aria-selected={day === openDay}
                      className={`sp-calendar-day${day === today ? " sp-calendar-day--today" : ""}${outside ? " sp-calendar-day--outside" : ""}`}
                      data-day={day}
                      onKeyDown={onKey(day)}
                      onFocus={() => setFocused(day)}
                      onClick={() => setOpenDay(day)}
                    >
                      {/* The cell is named by its content (an aria-label would hide the posts' own text from
                          speech input): the day and count for screen readers, the day's number for the eye. */}
                      <span className="nhsuk-u-visually-hidden">
                        {`${formatUkDate(day)}: ${dayPosts.length === 1 ? "1 post" : `${dayPosts.length} posts`}`}
                      </span>
                      <span className="sp-calendar-date" aria-hidden="true">
                        {Number(day.slice(8))}
                      </span>
                      <ul className="nhsuk-list sp-calendar-posts">
                        {dayPosts.map((p) => (
                          <PostChip key={p.id} post={p} />
                        ))}
                      </ul>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {openDay ? (
        <section aria-labelledby="day-heading" data-testid="day-posts">
          <h2 className="nhsuk-heading-m" id="day-heading" tabIndex={-1} ref={panel}>
            Posts on {formatUkDate(openDay)}
          </h2>
          <PostList posts={byDay.get(openDay) ?? []} empty="Nothing is planned for this day." />
        </section>
      ) : null}
      <h2 className="nhsuk-heading-m">Not scheduled yet</h2>
      <PostList posts={unscheduled} empty="Every post in this period has a time." />
    </>
  );
}

function PostChip({ post }: { post: Post }) {
  const { path } = usePractice();
  const at = postMoment(post);
  return (
    <li data-state={post.state}>
      <Link to={path(`posts/${post.id}`)} tabIndex={-1} className="sp-calendar-link">
        {at ? `${formatUkTime(at)} ` : ""}
        {post.channels.map((c) => c.name).join(", ")}
      </Link>{" "}
      <StateTag state={post.state} />
    </li>
  );
}

/** Posts as a list of links: when, where, state and the start of the text. */
export function PostList({ posts, empty }: { posts: readonly Post[]; empty: string }) {
  const { path } = usePractice();
  if (!posts.length) return <p>{empty}</p>;
  return (
    <ul className="nhsuk-list nhsuk-list--border">
      {posts.map((p) => {
        const at = postMoment(p);
        return (
          <li key={p.id} data-state={p.state}>
            <Link to={path(`posts/${p.id}`)}>
              {at ? `${formatUkTime(at)}, ` : ""}
              {p.channels.map((c) => c.name).join(", ")}: {excerpt(p.text)}
            </Link>{" "}
            <StateTag state={p.state} />
          </li>
        );
      })}
    </ul>
  );
}

/** The start of a post's text, cut at a word. */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 40 ? cut.lastIndexOf(" ") : max)}…`;
}
