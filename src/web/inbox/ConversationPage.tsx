// One conversation: the person's comments with the checker's triage (category, findings, route), the
// conversation's status, assignee and priority, its times and a complaint's acknowledgement day; the reply and
// moderation sections below.
import { useEffect, useState, type ReactNode } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { MESSAGES } from "../../core/checker/messages";
import type { RuleId } from "../../core/checker/types";
import { formatUkDate, formatUkDateTime } from "../../core/dates";
import type { Pointer, Recipient } from "../../core/inbox/route";
import {
  CATEGORY_LABELS,
  PRIORITIES,
  STATUS_LABELS,
  STATUS_TRANSITIONS,
  type ConversationStatus,
  type InboxCategory,
  type Priority,
} from "../../core/inbox/types";
import { Button } from "../components/Fields";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { Banner, LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../hooks";
import { Select } from "../incidents/IncidentFields";
import { usePractice } from "../layouts";
import { inboxApi, type Conversation, type InboxComment } from "./inbox-api";
import {
  CHANNEL_LABELS,
  labelOf,
  POINTER_LABELS,
  PRIORITY_LABELS,
  PRIORITY_TAGS,
  RECIPIENT_LABELS,
  SOURCE_LABELS,
} from "./labels";
import { ModerationSection } from "./ModerationSection";
import { ReportCommentLink } from "./ReportCommentLink";
import { typingIn } from "./use-list-keys";

const OPEN_STATUSES: readonly string[] = ["new", "in_progress", "awaiting_approval"];

export default function ConversationPage() {
  const { practice, path } = usePractice();
  const { conversationId = "" } = useParams();
  const navigate = useNavigate();
  const loaded = useApi(() => inboxApi.get(practice.id, conversationId), `${practice.id}:${conversationId}`);
  const [current, setCurrent] = useState<Conversation | null>(null);
  const [done, setDone] = useState<string | null>(null);
  usePageTitle("Conversation", "Inbox", practice.name);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typingIn(e)) return;
      if (e.key === "u") {
        e.preventDefault();
        void navigate(path("inbox"));
      } else if (e.key === "r") {
        const reply = document.getElementById("reply");
        if (reply) {
          e.preventDefault();
          reply.scrollIntoView();
          reply.focus();
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navigate, path]);
  if (loaded.status === "error") return <LoadError error={loaded.error} />;
  if (loaded.status === "loading") return <Loading />;
  const c = current && current.id === loaded.data.id ? current : loaded.data;
  const changed = (next: Conversation, what: string) => {
    setCurrent(next);
    setDone(what);
  };
  return <ConversationView conversation={c} done={done} onChange={changed} />;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}

function ConversationView({
  conversation: c,
  done,
  onChange,
}: {
  conversation: Conversation;
  done: string | null;
  onChange: (next: Conversation, what: string) => void;
}) {
  const { practice, path, can } = usePractice();
  const channel = labelOf(CHANNEL_LABELS, c.channel);
  return (
    <>
      <span className="nhsuk-caption-l">
        <Link to={path("inbox")}>Inbox</Link> · {practice.name}
      </span>
      <h1>
        {c.authorHandle} on {channel}
      </h1>
      {done ? (
        <Banner title="Saved" success>
          <p>{done}</p>
        </Banner>
      ) : null}
      <dl className="nhsuk-summary-list" data-testid="conversation-summary">
        <Row label="Category">{CATEGORY_LABELS[c.category as InboxCategory] ?? c.category}</Row>
        <Row label="Status">{c.statusLabel}</Row>
        <Row label="Priority">
          <strong className={`nhsuk-tag ${PRIORITY_TAGS[c.priority]}`}>{PRIORITY_LABELS[c.priority]}</strong>
        </Row>
        <Row label="Assigned to">{c.assignee?.name ?? "Nobody yet"}</Row>
        <Row label="Received">{formatUkDateTime(c.receivedAt)}</Row>
        <Row label="First reply">{c.firstReplyAt ? formatUkDateTime(c.firstReplyAt) : "Not yet"}</Row>
        {c.acknowledgeBy ? (
          <Row label="Complaint: acknowledge by">
            <strong>{formatUkDate(c.acknowledgeBy)}</strong>
            {OPEN_STATUSES.includes(c.status)
              ? " (NHS complaints are acknowledged within 3 working days)"
              : ""}
          </Row>
        ) : null}
        {c.closedAt ? <Row label="Closed">{formatUkDateTime(c.closedAt)}</Row> : null}
      </dl>
      <h2>{c.commentCount === 1 ? "The comment" : `The comments (${c.commentCount})`}</h2>
      {(c.comments ?? []).map((m) => (
        <CommentCard key={m.id} conversation={c} comment={m} />
      ))}
      <div id="replies-slot" />
      {can("manage-inbox") ? <ChangeForm conversation={c} onChange={onChange} /> : null}
      <p>
        <Link to={path("inbox")}>Back to the inbox</Link>
      </p>
    </>
  );
}

function CommentCard({ conversation, comment: m }: { conversation: Conversation; comment: InboxComment }) {
  return (
    <section className="nhsuk-card" aria-label={`Comment received ${formatUkDateTime(m.receivedAt)}`}>
      <div className="nhsuk-card__content">
        <p className="nhsuk-body-s sp-muted nhsuk-u-margin-bottom-2">
          {formatUkDateTime(m.receivedAt)} · {labelOf(SOURCE_LABELS, m.source)}
          {m.postUrl ? (
            <>
              {" · "}
              <a href={m.postUrl} className="sp-break">
                the post it is under
              </a>
            </>
          ) : null}
        </p>
        {m.text === null ? (
          <p className="sp-muted">The words were removed after the retention period.</p>
        ) : (
          <blockquote className="sp-comment-text sp-pre-wrap sp-break">{m.text}</blockquote>
        )}
        <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">How the checker read it</h3>
        <dl className="nhsuk-summary-list nhsuk-summary-list--no-border nhsuk-u-margin-bottom-2">
          <Row label="Category">{CATEGORY_LABELS[m.category as InboxCategory] ?? m.category}</Row>
          <Row label="Reply points to">
            {m.pointTo.length
              ? m.pointTo.map((p) => labelOf(POINTER_LABELS as Record<Pointer, string>, p)).join(", ")
              : "—"}
          </Row>
          <Row label="Who must know">
            {m.notify.length
              ? m.notify
                  .map(
                    (n) =>
                      `${labelOf(RECIPIENT_LABELS as Record<Recipient, string>, n.to)}${n.when === "now" ? " (at once)" : ""}`,
                  )
                  .join(", ")
              : "Nobody beyond the posting team"}
          </Row>
          {m.notified.length ? (
            <Row label="Told at once">
              {m.notified.map((n) => labelOf(RECIPIENT_LABELS as Record<Recipient, string>, n)).join(", ")}
            </Row>
          ) : null}
          <Row label="Hide from public view">{m.hide ? "Yes" : "No"}</Row>
        </dl>
        {m.findings.length ? (
          <>
            <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">Findings</h3>
            <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s" data-testid="comment-findings">
              {m.findings.map((f, i) => (
                <li key={`${f.rule}-${i}`}>
                  {f.severity === "breach" ? "Breach" : f.severity === "warning" ? "Warning" : "Advice"}:{" "}
                  {MESSAGES[f.rule as RuleId] ?? f.rule}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="nhsuk-body-s">The checker found no problems in the words.</p>
        )}
        <ModerationSection conversation={conversation} comment={m} />
        <ReportCommentLink conversation={conversation} comment={m} />
      </div>
    </section>
  );
}

/** Status, assignee and priority: one form, one request. */
function ChangeForm({
  conversation: c,
  onChange,
}: {
  conversation: Conversation;
  onChange: (next: Conversation, what: string) => void;
}) {
  const { practice } = usePractice();
  const [status, setStatus] = useState<ConversationStatus>(c.status);
  const [assignee, setAssignee] = useState(c.assignee?.id ?? "none");
  const [priority, setPriority] = useState<Priority>(c.priority);
  const { busy, error, submit } = useSubmit();
  const next = [c.status, ...STATUS_TRANSITIONS[c.status]];
  return (
    <form
      noValidate
      aria-labelledby="change-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(async () => {
          const updated = await inboxApi.change(practice.id, c.id, {
            ...(status !== c.status ? { status } : {}),
            ...(assignee !== (c.assignee?.id ?? "none")
              ? { assigneeId: assignee === "none" ? null : assignee }
              : {}),
            ...(priority !== c.priority ? { priority } : {}),
          });
          onChange(updated, "The conversation was updated.");
        });
      }}
    >
      <h2 id="change-heading">Status, assignee and priority</h2>
      <ErrorSummary items={summaryFromError(error, "change-", ["status", "assigneeId", "priority"])} />
      <div className="sp-inbox-filters">
        <Select
          id="change-status"
          label="Status"
          value={status}
          options={next.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          onChange={setStatus}
          error={fieldError(error, "status")}
        />
        <Select
          id="change-assigneeId"
          label="Assigned to"
          value={assignee}
          options={[
            { value: "none", label: "Nobody yet" },
            ...(c.assignees ?? []).map((m) => ({ value: m.id, label: m.name })),
          ]}
          onChange={setAssignee}
          error={fieldError(error, "assigneeId")}
        />
        <Select
          id="change-priority"
          label="Priority"
          value={priority}
          options={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))}
          onChange={setPriority}
          error={fieldError(error, "priority")}
        />
      </div>
      <Button busy={busy} variant="secondary">
        Save
      </Button>
    </form>
  );
}
