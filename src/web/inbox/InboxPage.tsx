// The inbox: patients' comments from every channel as conversations, most pressing first, filtered by channel,
// category, status and assignee (kept in the address, so a reload or a shared link shows the same list), with the
// inbox's counts, keyboard shortcuts and a box to add a comment by hand.
import { useCallback, useRef } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { formatUkDate, formatUkDateTime } from "../../core/dates";
import {
  CATEGORY_LABELS,
  CHANNEL_KINDS,
  CONVERSATION_STATUSES,
  INBOX_CATEGORIES,
  STATUS_LABELS,
  type ConversationStatus,
  type InboxCategory,
} from "../../core/inbox/types";
import { LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle } from "../hooks";
import { usePractice } from "../layouts";
import {
  FILTER_NAMES,
  inboxApi,
  type ConversationSummary,
  type InboxFilters,
  type InboxList,
} from "./inbox-api";
import { CHANNEL_LABELS, labelOf, PRIORITY_LABELS, PRIORITY_TAGS } from "./labels";
import { PasteComment } from "./PasteComment";
import { useListKeys } from "./use-list-keys";

export default function InboxPage() {
  const { practice, path, can } = usePractice();
  usePageTitle("Inbox", practice.name);
  const [params, setParams] = useSearchParams();
  const filters: InboxFilters = {};
  for (const name of FILTER_NAMES) {
    const v = params.get(name);
    if (v) filters[name] = v;
  }
  const key = `${practice.id}?${new URLSearchParams(filters as Record<string, string>).toString()}`;
  const list = useApi(() => inboxApi.list(practice.id, filters), key);
  const setFilter = (name: (typeof FILTER_NAMES)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  return (
    <>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>Inbox</h1>
      <p>
        Patients&apos; comments from the practice&apos;s channels and those added by hand, each read by the
        checker on arrival and routed: complaints to the complaints procedure, requests to the NHS App or the
        phone, concerns to whoever must know at once. Only posters, approvers and practice managers see the
        inbox.
      </p>
      <p>
        <Link to={path("inbox/templates")}>Reply templates</Link>
      </p>
      {list.status === "ok" ? <Counts list={list.data} filters={filters} /> : null}
      <Filters filters={filters} members={list.data?.members ?? []} onChange={setFilter} />
      {list.status === "error" ? (
        <LoadError error={list.error} />
      ) : list.status === "loading" ? (
        <Loading />
      ) : (
        <Conversations conversations={list.data.conversations} filtered={Object.keys(filters).length > 0} />
      )}
      <Shortcuts />
      {can("manage-inbox") ? (
        <PasteComment
          onAdded={(id) => {
            void list.reload();
            return path(`inbox/${id}`);
          }}
        />
      ) : null}
    </>
  );
}

/** The inbox's counts by status, each a link to the list filtered on it. */
function Counts({ list, filters }: { list: InboxList; filters: InboxFilters }) {
  const { path } = usePractice();
  const total = Object.values(list.counts.byStatus).reduce((a, b) => a + b, 0);
  const open = (["new", "in_progress", "awaiting_approval"] as const).reduce(
    (a, s) => a + (list.counts.byStatus[s] ?? 0),
    0,
  );
  return (
    <div className="nhsuk-inset-text" data-testid="inbox-counts">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>
        {total} conversation{total === 1 ? "" : "s"}, {open} waiting for a reply.
      </p>
      <ul className="nhsuk-list sp-inline-actions nhsuk-u-margin-bottom-0">
        {CONVERSATION_STATUSES.map((s) => (
          <li key={s}>
            {filters.status === s ? (
              <strong>
                {STATUS_LABELS[s]}: {list.counts.byStatus[s] ?? 0}
              </strong>
            ) : (
              <Link to={path(`inbox?status=${s}`)}>
                {STATUS_LABELS[s]}: {list.counts.byStatus[s] ?? 0}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function FilterSelect({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (v: string) => void;
}) {
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <select className="nhsuk-select" id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Filters({
  filters,
  members,
  onChange,
}: {
  filters: InboxFilters;
  members: InboxList["members"];
  onChange: (name: (typeof FILTER_NAMES)[number], value: string) => void;
}) {
  const { path } = usePractice();
  return (
    <form className="sp-inbox-filters" aria-label="Filter the inbox" onSubmit={(e) => e.preventDefault()}>
      <FilterSelect
        id="filter-status"
        label="Status"
        value={filters.status ?? ""}
        options={CONVERSATION_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        onChange={(v) => onChange("status", v)}
      />
      <FilterSelect
        id="filter-category"
        label="Category"
        value={filters.category ?? ""}
        options={INBOX_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
        onChange={(v) => onChange("category", v)}
      />
      <FilterSelect
        id="filter-channel"
        label="Channel"
        value={filters.channel ?? ""}
        options={CHANNEL_KINDS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
        onChange={(v) => onChange("channel", v)}
      />
      <FilterSelect
        id="filter-assignee"
        label="Assigned to"
        value={filters.assignee ?? ""}
        options={[
          { value: "none", label: "Nobody yet" },
          ...members.map((m) => ({ value: m.id, label: m.name })),
        ]}
        onChange={(v) => onChange("assignee", v)}
      />
      {Object.keys(filters).length ? (
        <p className="sp-inbox-filters__clear">
          <Link to={path("inbox")}>Clear the filters</Link>
        </p>
      ) : null}
    </form>
  );
}

function Conversations({
  conversations,
  filtered,
}: {
  conversations: ConversationSummary[];
  filtered: boolean;
}) {
  const { path } = usePractice();
  const navigate = useNavigate();
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const open = useCallback(
    (i: number) => {
      const c = conversations[i];
      if (c) void navigate(path(`inbox/${c.id}`));
    },
    [conversations, navigate, path],
  );
  const linkOf = useCallback((i: number) => links.current[i] ?? null, []);
  const selected = useListKeys(conversations.length, open, linkOf);
  if (!conversations.length)
    return <p>{filtered ? "No conversations match these filters." : "The inbox is empty."}</p>;
  return (
    <ol className="nhsuk-list sp-inbox-list" aria-label="Conversations" data-testid="conversations">
      {conversations.map((c, i) => (
        <li key={c.id} className={`sp-inbox-item${i === selected ? " sp-inbox-item--selected" : ""}`}>
          <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">
            <Link
              to={path(`inbox/${c.id}`)}
              ref={(el) => {
                links.current[i] = el;
              }}
            >
              {c.authorHandle} on {CHANNEL_LABELS[c.channel as keyof typeof CHANNEL_LABELS] ?? c.channel}
              <span className="nhsuk-u-visually-hidden">
                : {CATEGORY_LABELS[c.category as InboxCategory]}
              </span>
            </Link>
          </h2>
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
            <strong className={`nhsuk-tag ${PRIORITY_TAGS[c.priority]}`}>
              {PRIORITY_LABELS[c.priority]}
            </strong>{" "}
            <strong className="nhsuk-tag nhsuk-tag--white">
              {CATEGORY_LABELS[c.category as InboxCategory]}
            </strong>{" "}
            {STATUS_LABELS[c.status as ConversationStatus]}
            {" · "}
            {c.assignee ? `with ${c.assignee.name}` : "nobody assigned"}
            {" · "}
            received {formatUkDateTime(c.receivedAt)}
            {c.commentCount > 1 ? ` · ${c.commentCount} comments` : ""}
          </p>
          {c.acknowledgeBy &&
          (c.status === "new" || c.status === "in_progress" || c.status === "awaiting_approval") ? (
            <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
              <strong>Acknowledge by {formatUkDate(c.acknowledgeBy)}</strong> (NHS complaints: 3 working days)
            </p>
          ) : null}
          {c.preview !== null ? (
            <p className="nhsuk-body-s sp-break sp-muted nhsuk-u-margin-bottom-1">{c.preview}</p>
          ) : null}
          {c.actions.length ? (
            <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
              {c.actions.map((a) => labelOf(ACTION_LABELS, a)).join(" · ")}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

const ACTION_LABELS: Record<string, string> = {
  escalated: "Escalated",
  "to hide": "To hide on the platform",
  hidden: "Hidden on the platform",
  "awaiting reply": "Awaiting a reply",
  answered: "Answered",
  closed: "Closed",
};

/** The keyboard shortcuts, written on the page so nobody has to guess them. */
export function Shortcuts() {
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Keyboard shortcuts</span>
      </summary>
      <div className="nhsuk-details__text">
        <dl className="nhsuk-summary-list">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">
              <kbd>j</kbd> / <kbd>k</kbd>
            </dt>
            <dd className="nhsuk-summary-list__value">Next / previous conversation in the list</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">
              <kbd>o</kbd>
            </dt>
            <dd className="nhsuk-summary-list__value">Open the chosen conversation (Enter also works)</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">
              <kbd>u</kbd>
            </dt>
            <dd className="nhsuk-summary-list__value">On a conversation: back to the inbox</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">
              <kbd>r</kbd>
            </dt>
            <dd className="nhsuk-summary-list__value">On a conversation: go to the reply</dd>
          </div>
        </dl>
        <p>Shortcuts do nothing while you are typing in a box.</p>
      </div>
    </details>
  );
}
