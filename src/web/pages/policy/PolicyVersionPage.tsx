import { useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router-dom";
import type { RenderedClause } from "../../../core/policy";
import { findClause, placeholderLabel } from "../../../core/policy";
import { Banner, LoadError } from "../../components/Messages";
import { Loading } from "../../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../../hooks";
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

function Actions({ view, reload }: { view: VersionView; reload: () => Promise<void> }) {
  const { practice } = usePractice();
  const { busy, error, submit } = useSubmit();
  const [done, setDone] = useState<string | null>(null);
  const [reviewDue, setReviewDue] = useState("");
  const act = (label: string, fn: () => Promise<unknown>) =>
    void submit(async () => {
      await fn();
      setDone(label);
      await reload();
    });
  const may = (action: VersionView["allowed"][number]) => view.allowed.includes(action);
  return (
    <>
      {done ? (
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
            act("The draft is out for consultation. Everyone in the practice has been emailed.", () =>
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
          onClick={() => act("Approved.", () => policyApi.approve(practice.id, view.id))}
        >
          Approve this version
        </button>
      ) : null}
      {may("publish") ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            act("Published.", () => policyApi.publish(practice.id, view.id, reviewDue || undefined));
          }}
        >
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="review-due">
              Review date (optional)
            </label>
            <div className="nhsuk-hint" id="review-due-hint">
              Leave empty for 12 months after publication. Format: 2027-11-21.
            </div>
            <input
              className="nhsuk-input nhsuk-input--width-10"
              id="review-due"
              aria-describedby="review-due-hint"
              value={reviewDue}
              onChange={(e) => setReviewDue(e.target.value)}
            />
          </div>
          <button className="nhsuk-button" type="submit" disabled={busy}>
            Publish version {view.version}
          </button>
        </form>
      ) : null}
      {may("discard") ? (
        <p>
          <button
            className="nhsuk-button nhsuk-button--warning"
            type="button"
            disabled={busy}
            onClick={() => act("The draft was discarded.", () => policyApi.discard(practice.id, view.id))}
          >
            Discard this draft
          </button>
        </p>
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
                    <li key={x.id} className="nhsuk-inset-text">
                      <strong>{x.author.name}</strong> ({formatDay(x.createdAt)}): {x.body}
                    </li>
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
