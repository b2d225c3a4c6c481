import { useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router-dom";
import type { RenderedClause } from "../../../core/policy";
import { findClause, placeholderLabel } from "../../../core/policy";
import { Banner, LoadError } from "../../components/Messages";
import { Loading } from "../../components/Shell";
import { useApi, useFocusWhen, usePageTitle, useSubmit } from "../../hooks";
import { DateInput, type DateParts } from "../../components/DateInput";
import { fromDateParts } from "../../../core/dates";
import { usePractice } from "../../layouts";
import type { ApiError } from "../../api";
import { formatDay, policyApi, STATUS_LABELS, type VersionView } from "./policy-api";
import { PolicyText } from "./PolicyText";
import { ConsultationForm } from "./ConsultationForm";
import { fieldError } from "../../components/ErrorSummary";
import { AddClauseForm, AddSectionForm, ClauseControls, ClauseEditor, SectionControls } from "./PolicyEditor";

function ErrorText({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
      <h2 className="nhsuk-error-summary__title">
        {error.code === "conflict" ? "This could not be saved" : "There is a problem"}
      </h2>
      <div className="nhsuk-error-summary__body">
        <p>{error.message}</p>
      </div>
    </div>
  );
}

function CommentForm({
  view,
  clause,
  onDone,
}: {
  view: VersionView;
  clause: RenderedClause;
  onDone: () => void;
}) {
  const { practice } = usePractice();
  const [body, setBody] = useState("");
  const { busy, error, submit } = useSubmit();
  const id = `comment-${clause.key}`;
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Comment on {clause.number}</span>
      </summary>
      <div className="nhsuk-details__text">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit(async () => {
              await policyApi.comment(practice.id, view.id, clause.key, body);
              setBody("");
              onDone();
            });
          }}
        >
          <ErrorText error={error} />
          <label className="nhsuk-label" htmlFor={id}>
            Your comment on {clause.number} {clause.title}
          </label>
          <textarea
            className="nhsuk-textarea"
            id={id}
            rows={3}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={busy}>
            Add comment
          </button>
        </form>
      </div>
    </details>
  );
}

/** One comment with the editor's answer; the editor can answer it and mark it resolved (or open again). */
function CommentItem({
  view,
  comment,
  onDone,
}: {
  view: VersionView;
  comment: VersionView["comments"][number];
  onDone: () => void;
}) {
  const { practice } = usePractice();
  const [reply, setReply] = useState(comment.reply?.text ?? "");
  const { busy, error, submit } = useSubmit();
  const may = view.allowed.includes("answer-comments");
  const id = `answer-${comment.id}`;
  const send = (body: { reply?: string; resolved?: boolean }) =>
    void submit(async () => {
      await policyApi.answerComment(practice.id, view.id, comment.id, body);
      onDone();
    });
  return (
    <li className="nhsuk-inset-text" data-testid="comment">
      <p>
        <strong>{comment.author.name}</strong> ({formatDay(comment.createdAt)}): {comment.body}{" "}
        {comment.resolved ? <strong className="nhsuk-tag nhsuk-tag--green">Resolved</strong> : null}
      </p>
      {comment.reply ? (
        <p className="sp-comment-reply">
          <strong>Answer from {comment.reply.by?.name ?? "the editor"}:</strong> {comment.reply.text}
        </p>
      ) : null}
      {may ? (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">
              {comment.reply ? "Change the answer" : "Answer"} {comment.resolved ? "" : "or resolve"}
            </span>
          </summary>
          <div className="nhsuk-details__text">
            <ErrorText error={error} />
            <label className="nhsuk-label" htmlFor={id}>
              Your answer to {comment.author.name}
            </label>
            <textarea
              className="nhsuk-textarea"
              id={id}
              rows={2}
              value={reply}
              onChange={(e) => setReply(e.target.value)}
            />
            <div className="sp-inline-actions">
              <button
                className="nhsuk-button nhsuk-button--secondary"
                type="button"
                disabled={busy}
                onClick={() => send({ reply, resolved: true })}
              >
                Answer and mark resolved
              </button>
              <button
                className="nhsuk-button nhsuk-button--secondary"
                type="button"
                disabled={busy}
                onClick={() => send({ reply })}
              >
                Save answer only
              </button>
              {comment.resolved ? (
                <button
                  className="nhsuk-button nhsuk-button--secondary"
                  type="button"
                  disabled={busy}
                  onClick={() => send({ resolved: false })}
                >
                  Open it again
                </button>
              ) : null}
            </div>
          </div>
        </details>
      ) : null}
    </li>
  );
}

/** Comments per clause, unresolved first, for the staff representative (above their form). */
function CommentSummary({ view }: { view: VersionView }) {
  if (!view.commentSummary.length) return <p>Nobody has commented on this draft yet.</p>;
  return (
    <table className="nhsuk-table" data-testid="comment-summary">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">Comments by clause</caption>
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">Clause</th>
          <th scope="col">Comments</th>
          <th scope="col">Not resolved</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {view.commentSummary.map((c) => (
          <tr key={c.clauseKey}>
            <td>
              {c.removed ? (
                `${c.number} ${c.title} (clause removed)`
              ) : (
                <a href={`#clause-${c.clauseKey}`}>
                  {c.number} {c.title}
                </a>
              )}
            </td>
            <td>{c.total}</td>
            <td>{c.unresolved ? <strong>{c.unresolved}</strong> : "None"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Contents: each section and clause as a jump link, and a link to the next clause that has comments. */
function Contents({ view, sections }: { view: VersionView; sections: VersionView["rendered"] }) {
  const withComments = new Set(view.comments.map((c) => c.clauseKey));
  const order = sections.flatMap((s) => s.clauses.map((c) => c.key)).filter((k) => withComments.has(k));
  const [at, setAt] = useState(-1);
  const next = () => {
    if (!order.length) return;
    const i = (at + 1) % order.length;
    setAt(i);
    const el = document.getElementById(`clause-${order[i]}`);
    el?.scrollIntoView({ block: "start" });
    el?.focus();
  };
  return (
    <nav className="nhsuk-contents-list" aria-label="Contents" data-testid="contents">
      <h2 className="nhsuk-u-visually-hidden">Contents</h2>
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Contents</span>
        </summary>
        <div className="nhsuk-details__text">
          <ol className="nhsuk-contents-list__list">
            {sections.map((s) => (
              <li className="nhsuk-contents-list__item" key={s.key}>
                <a className="nhsuk-contents-list__link" href={`#section-${s.key}`}>
                  {s.number}. {s.title}
                </a>
              </li>
            ))}
          </ol>
        </div>
      </details>
      {order.length ? (
        <button
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          type="button"
          onClick={next}
        >
          Next clause with comments ({order.length})
        </button>
      ) : null}
    </nav>
  );
}

function StaffRepForm({ view, onDone }: { view: VersionView; onDone: () => void }) {
  const { practice } = usePractice();
  const [note, setNote] = useState("");
  const { busy, error, submit } = useSubmit();
  const decide = (decision: "agree" | "object") =>
    void submit(async () => {
      await policyApi.staffRep(practice.id, view.id, decision, note);
      setNote("");
      onDone();
    });
  return (
    <div className="nhsuk-card" data-testid="staff-rep-form">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading">Staff representative</h2>
        <CommentSummary view={view} />
        <ErrorText error={error} />
        <label className="nhsuk-label" htmlFor="rep-note">
          Note for the record (required when objecting)
        </label>
        <textarea
          className="nhsuk-textarea"
          id="rep-note"
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <button className="nhsuk-button" type="button" disabled={busy} onClick={() => decide("agree")}>
          Agree on behalf of staff
        </button>{" "}
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          disabled={busy}
          onClick={() => decide("object")}
        >
          Record an objection
        </button>
      </div>
    </div>
  );
}

/** Publishing: the review date (NHS date input) and the change note, required for a major version. */
function PublishForm({
  view,
  busy,
  error,
  onPublish,
}: {
  view: VersionView;
  busy: boolean;
  error: ApiError | null;
  onPublish: (body: { reviewDue?: string; changelog: string }) => void;
}) {
  const [parts, setParts] = useState<DateParts>({ day: "", month: "", year: "" });
  const [changelog, setChangelog] = useState(view.changelog);
  const [dateError, setDateError] = useState<string | undefined>();
  const noteError = fieldError(error, "changelog");
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const empty = !parts.day && !parts.month && !parts.year;
        const r = empty ? null : fromDateParts(parts, "The review date");
        if (r && !r.ok) return setDateError(r.message);
        setDateError(undefined);
        onPublish({ changelog, ...(r?.ok ? { reviewDue: r.day } : {}) });
      }}
    >
      <div className={`nhsuk-form-group${noteError ? " nhsuk-form-group--error" : ""}`}>
        <label className="nhsuk-label" htmlFor="publish-changelog">
          Change note{view.changeKind === "major" ? "" : " (optional)"}
        </label>
        <div className="nhsuk-hint" id="publish-changelog-hint">
          What changed in this version, in a sentence or two. Staff read it when they are asked to acknowledge
          the policy again.
        </div>
        {noteError ? (
          <span className="nhsuk-error-message" id="publish-changelog-error">
            <span className="nhsuk-u-visually-hidden">Error:</span> {noteError}
          </span>
        ) : null}
        <textarea
          className={`nhsuk-textarea${noteError ? " nhsuk-textarea--error" : ""}`}
          id="publish-changelog"
          rows={3}
          aria-describedby={`publish-changelog-hint${noteError ? " publish-changelog-error" : ""}`}
          value={changelog}
          onChange={(e) => setChangelog(e.target.value)}
        />
      </div>
      <DateInput
        id="review-due"
        legend="Review date (optional)"
        hint="Leave empty for 12 months after publication. For example, 21 11 2027."
        error={dateError ?? fieldError(error, "reviewDue")}
        value={parts}
        onChange={setParts}
      />
      <button className="nhsuk-button" type="submit" disabled={busy}>
        Publish version {view.version}
      </button>
    </form>
  );
}

/** An approver sends the draft back to its editor with a note of what to change. */
function RequestChangesForm({
  busy,
  onSend,
}: {
  busy: boolean;
  /** Sends the note; `sent` runs only once the server has it, so a refused note stays in the box. */
  onSend: (note: string, sent: () => void) => void;
}) {
  const [note, setNote] = useState("");
  return (
    <details className="nhsuk-details" data-testid="request-changes">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Ask for changes instead</span>
      </summary>
      <div className="nhsuk-details__text">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSend(note, () => setNote(""));
          }}
        >
          <label className="nhsuk-label" htmlFor="changes-note">
            What should change before you approve it
          </label>
          <div className="nhsuk-hint" id="changes-note-hint">
            The draft's editor is emailed this note and sees it on this page.
          </div>
          <textarea
            className="nhsuk-textarea"
            id="changes-note"
            rows={3}
            aria-describedby="changes-note-hint"
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={busy}>
            Send back with this note
          </button>
        </form>
      </div>
    </details>
  );
}

/** "Discard this draft", then a second step that says what happens and asks to confirm. */
function DiscardButton({
  view,
  busy,
  onDiscard,
}: {
  view: VersionView;
  busy: boolean;
  onDiscard: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useFocusWhen<HTMLDivElement>(asking);
  if (!asking)
    return (
      <p>
        <button
          className="nhsuk-button nhsuk-button--warning"
          type="button"
          disabled={busy}
          onClick={() => setAsking(true)}
        >
          Discard this draft
        </button>
      </p>
    );
  return (
    <div className="nhsuk-warning-callout" ref={confirmRef} tabIndex={-1} data-testid="discard-confirm">
      <h3 className="nhsuk-warning-callout__label">Discard version {view.version}?</h3>
      <p>
        The draft is abandoned and can no longer be edited, commented on or approved. Its comments stay on
        record. The published policy does not change.
      </p>
      <div className="sp-inline-actions">
        <button
          className="nhsuk-button nhsuk-button--warning"
          type="button"
          disabled={busy}
          onClick={onDiscard}
        >
          Yes, discard this draft
        </button>
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          onClick={() => setAsking(false)}
        >
          No, keep it
        </button>
      </div>
    </div>
  );
}

function Actions({ view, reload }: { view: VersionView; reload: () => Promise<void> }) {
  const { practice } = usePractice();
  const { busy, error, submit } = useSubmit();
  const [done, setDone] = useState<string | null>(null);
  // A new attempt clears the last success, so a refusal never shows beside an old "Done".
  const act = (label: string, fn: () => Promise<unknown>) => {
    setDone(null);
    return submit(async () => {
      await fn();
      setDone(label);
      await reload();
    });
  };
  const may = (action: VersionView["allowed"][number]) => view.allowed.includes(action);
  return (
    <>
      {done && !error ? (
        <Banner title="Done" success>
          <p>{done}</p>
        </Banner>
      ) : null}
      <ErrorText error={error} />
      {may("start-consultation") ? (
        <ConsultationForm
          busy={busy}
          serverError={fieldError(error, "closesOn")}
          onSend={(closesOn) =>
            void act("The draft is out for consultation. Everyone in the practice has been emailed.", () =>
              policyApi.startConsultation(practice.id, view.id, closesOn),
            )
          }
        />
      ) : null}{" "}
      {may("approve") ? (
        <button
          className="nhsuk-button"
          type="button"
          disabled={busy}
          onClick={() => void act("Approved.", () => policyApi.approve(practice.id, view.id))}
        >
          Approve this version
        </button>
      ) : null}
      {may("request-changes") ? (
        <RequestChangesForm
          busy={busy}
          onSend={(note, sent) =>
            void act("Your note has gone to the draft's editor.", async () => {
              await policyApi.requestChanges(practice.id, view.id, note);
              sent();
            })
          }
        />
      ) : null}
      {may("publish") ? (
        <PublishForm
          view={view}
          busy={busy}
          error={error}
          onPublish={(body) => void act("Published.", () => policyApi.publish(practice.id, view.id, body))}
        />
      ) : null}
      {may("discard") ? (
        <DiscardButton
          view={view}
          busy={busy}
          onDiscard={() =>
            void act("The draft was discarded.", () => policyApi.discard(practice.id, view.id))
          }
        />
      ) : null}
    </>
  );
}

/** One version: read it, comment per clause, edit (admin), agree (staff rep), approve (approver), publish (admin). */
export default function PolicyVersionPage() {
  const scope = usePractice();
  const { practice, path } = scope;
  const { versionId = "" } = useParams();
  const view = useApi(() => policyApi.version(practice.id, versionId), `${practice.id}/${versionId}`);
  const [editing, setEditing] = useState<string | null>(null);
  // After an edit: a message in a live region, and focus where the person was (or on the message).
  const [notice, setNotice] = useState<{ text: string; focus?: string | undefined; n: number } | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!notice) return;
    const target = notice.focus ? document.getElementById(notice.focus) : null;
    if (target && !(target as HTMLButtonElement).disabled) target.focus();
    else noticeRef.current?.focus();
  }, [notice]);
  const changed = async (text: string, focus?: string) => {
    await view.reload();
    setNotice((n) => ({ text, focus, n: (n?.n ?? 0) + 1 }));
  };
  usePageTitle(view.data ? `Policy ${view.data.version}` : "Policy", practice.name);
  if (view.status === "loading") return <Loading what="Loading the policy" />;
  if (view.status === "error") return <LoadError error={view.error} />;
  const v = view.data;
  const status = STATUS_LABELS[v.status] ?? { label: v.status, tag: "nhsuk-tag--grey" };
  const editable = v.allowed.includes("edit");
  const commentable = v.allowed.includes("comment");
  return (
    <>
      <Link className="nhsuk-back-link" to={path("policy")}>
        Social media policy
      </Link>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>
        Social media policy, version {v.version}{" "}
        <strong className={`nhsuk-tag ${status.tag}`}>{status.label}</strong>
      </h1>
      <p>
        {v.changeKind === "major" ? "Major version" : "Minor version"}. Last edited{" "}
        {formatDay(v.lastEditedAt)}
        {v.lastEditedBy ? ` by ${v.lastEditedBy.name}` : ""}.
        {v.approvedBy ? ` Approved by ${v.approvedBy.name}.` : ""}
        {v.publishedAt ? ` Published ${formatDay(v.publishedAt)}.` : ""}
        {v.reviewDue ? ` Review due ${formatDay(v.reviewDue)}.` : ""}
        {v.status === "consultation" && v.consultationClosesOn
          ? ` Comments are invited until ${formatDay(v.consultationClosesOn)}.`
          : ""}
      </p>
      {v.changelog ? <p className="nhsuk-inset-text">Changes: {v.changelog}</p> : null}
      {v.missingSettings.length ? (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">Practice details missing</h3>
          <p>
            Some clauses use practice details that are not filled in yet:{" "}
            {v.missingSettings.map(placeholderLabel).join(", ")}.{" "}
            {scope.practice.allowed.includes("edit-settings") ? (
              <Link to={path("settings")}>Fill them in on the Settings page</Link>
            ) : (
              "Ask your practice manager to fill them in on the Settings page."
            )}
          </p>
        </div>
      ) : null}
      <Actions view={v} reload={view.reload} />
      {v.allowed.includes("record-staff-view") ? (
        <StaffRepForm view={v} onDone={() => void view.reload()} />
      ) : null}
      {v.staffRepDecisions.length ? (
        <>
          <h2>Staff representative's view</h2>
          <ul className="nhsuk-list" data-testid="staff-rep-decisions">
            {v.staffRepDecisions.map((d) => (
              <li key={d.id}>
                {d.decision === "agree" ? "Agreed" : "Objected"} — {d.by.name}, {formatDay(d.createdAt)}
                {d.aboutCurrentRevision ? "" : " (about an earlier revision)"}
                {d.note ? `: ${d.note}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {v.changeRequests.length ? (
        <>
          <h2>Changes asked for</h2>
          <ul className="nhsuk-list" data-testid="change-requests">
            {v.changeRequests.map((r) => (
              <li key={r.id} className={r.open ? "nhsuk-warning-callout" : "nhsuk-inset-text"}>
                <p>
                  <strong>
                    {r.by.name}, {formatDay(r.createdAt)}
                    {r.open ? "" : " (the draft has been edited since)"}:
                  </strong>{" "}
                  {r.note}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Contents view={v} sections={editable ? v.renderedAll : v.rendered} />
      {v.comments.some((c) => c.clauseRemoved) ? (
        <>
          <h2>Comments on clauses that were removed</h2>
          <ul className="nhsuk-list" data-testid="orphan-comments">
            {v.comments
              .filter((c) => c.clauseRemoved)
              .map((c) => (
                <li key={c.id}>
                  <strong>
                    {c.clauseNumberWhenWritten} {c.clauseTitle} (clause removed)
                  </strong>{" "}
                  — {c.author.name}: {c.body}
                </li>
              ))}
          </ul>
        </>
      ) : null}
      {editable ? (
        <div className="nhsuk-inset-text" data-testid="editor-help">
          <p>
            You can change this{" "}
            {v.status === "consultation" ? "version while it is out for consultation" : "draft"}: edit, add,
            move or remove clauses and sections. Each change is saved straight away. If someone else saves
            first, yours is not saved and stays on screen so you can apply it again.
          </p>
        </div>
      ) : null}
      <div
        className={notice ? "nhsuk-inset-text sp-notice" : undefined}
        role="status"
        aria-live="polite"
        tabIndex={-1}
        ref={noticeRef}
        data-testid="edit-notice"
      >
        {notice ? <p>{notice.text}</p> : null}
      </div>
      <PolicyText
        sections={editable ? v.renderedAll : v.rendered}
        sectionExtra={
          editable
            ? (s) => {
                const keys = new Set(s.clauses.map((c) => c.key));
                return (
                  <div className="sp-section-tools">
                    <AddClauseForm view={v} section={s} onAdded={changed} reload={view.reload} />
                    <SectionControls
                      view={v}
                      section={s}
                      commentCount={v.comments.filter((x) => keys.has(x.clauseKey)).length}
                      onChanged={changed}
                      reload={view.reload}
                    />
                  </div>
                );
              }
            : undefined
        }
        extra={(c, section, position) => {
          const comments = v.comments.filter((x) => x.clauseKey === c.key);
          const raw = findClause(v.document, c.key)?.clause;
          return (
            <>
              {comments.length ? (
                <ul className="nhsuk-list sp-comments" aria-label={`Comments on ${c.number}`}>
                  {comments.map((x) => (
                    <CommentItem key={x.id} view={v} comment={x} onDone={() => void view.reload()} />
                  ))}
                </ul>
              ) : null}
              {commentable ? <CommentForm view={v} clause={c} onDone={() => void view.reload()} /> : null}
              {editable && raw ? (
                <>
                  {editing === c.key ? (
                    <ClauseEditor
                      view={v}
                      clause={raw}
                      reload={view.reload}
                      onCancel={() => setEditing(null)}
                      onSaved={async () => {
                        setEditing(null);
                        await changed(`Clause ${c.number} was saved.`, `clause-${c.key}-edit`);
                      }}
                    />
                  ) : null}
                  <ClauseControls
                    view={v}
                    clause={c}
                    position={position}
                    count={section.clauses.length}
                    commentCount={comments.length}
                    editing={editing === c.key}
                    onEdit={() => setEditing(c.key)}
                    onChanged={changed}
                    reload={view.reload}
                  />
                </>
              ) : null}
            </>
          );
        }}
      />
      {editable ? <AddSectionForm view={v} onAdded={changed} reload={view.reload} /> : null}
    </>
  );
}
