import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import type { PolicyClause, RenderedClause } from "../../../core/policy";
import { findClause } from "../../../core/policy";
import { Banner, LoadError } from "../../components/Messages";
import { Loading } from "../../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../../hooks";
import { usePractice } from "../../layouts";
import type { ApiError } from "../../api";
import { formatDay, policyApi, STATUS_LABELS, type VersionView } from "./policy-api";
import { PolicyText } from "./PolicyText";

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

/** Edits one clause. On a conflict the editor's text stays on screen; "Load the latest version" refreshes the revision. */
function ClauseEditor({
  view,
  clause,
  onSaved,
  reload,
}: {
  view: VersionView;
  clause: PolicyClause;
  onSaved: () => void;
  reload: () => Promise<void>;
}) {
  const { practice } = usePractice();
  const [title, setTitle] = useState(clause.title);
  const [text, setText] = useState(clause.text);
  const [patientFacing, setPatientFacing] = useState(clause.patientFacing);
  const { busy, error, submit } = useSubmit();
  const id = `edit-${clause.key}`;
  return (
    <form
      className="sp-clause-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(async () => {
          await policyApi.saveClause(practice.id, view.id, view.revision, {
            ...clause,
            title,
            text,
            patientFacing,
          });
          onSaved();
        });
      }}
    >
      <ErrorText error={error} />
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor={`${id}-title`}>
          Clause title
        </label>
        <input
          className="nhsuk-input"
          id={`${id}-title`}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor={`${id}-text`}>
          Clause text
        </label>
        <div className="nhsuk-hint" id={`${id}-hint`}>
          Plain text. Leave a blank line between paragraphs; start a line with "- " for a list item.
        </div>
        <textarea
          className="nhsuk-textarea"
          id={`${id}-text`}
          rows={8}
          value={text}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="nhsuk-checkboxes nhsuk-form-group">
        <div className="nhsuk-checkboxes__item">
          <input
            className="nhsuk-checkboxes__input"
            id={`${id}-pf`}
            type="checkbox"
            checked={patientFacing}
            onChange={(e) => setPatientFacing(e.target.checked)}
          />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`${id}-pf`}>
            Show on the public page for patients
          </label>
        </div>
      </div>
      <button className="nhsuk-button" type="submit" disabled={busy}>
        Save clause
      </button>{" "}
      {error?.code === "conflict" ? (
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => void reload()}>
          Load the latest version
        </button>
      ) : null}
    </form>
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
  const { practice, can } = usePractice();
  const { busy, error, submit } = useSubmit();
  const [done, setDone] = useState<string | null>(null);
  const [reviewDue, setReviewDue] = useState("");
  const act = (label: string, fn: () => Promise<unknown>) =>
    void submit(async () => {
      await fn();
      setDone(label);
      await reload();
    });
  const editable = view.status === "draft" || view.status === "consultation";
  return (
    <>
      {done ? (
        <Banner title="Done" success>
          <p>{done}</p>
        </Banner>
      ) : null}
      <ErrorText error={error} />
      {can("admin") && view.status === "draft" ? (
        <button
          className="nhsuk-button"
          type="button"
          disabled={busy}
          onClick={() =>
            act("The draft is out for consultation.", () => policyApi.startConsultation(practice.id, view.id))
          }
        >
          Send for consultation
        </button>
      ) : null}{" "}
      {can("approver") && view.status === "consultation" ? (
        <button
          className="nhsuk-button"
          type="button"
          disabled={busy}
          onClick={() => act("Approved.", () => policyApi.approve(practice.id, view.id))}
        >
          Approve this version
        </button>
      ) : null}
      {can("admin") && view.status === "approved" ? (
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
      {can("admin") && (editable || view.status === "approved") ? (
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
  const { practice, can, path } = scope;
  const { versionId = "" } = useParams();
  const view = useApi(() => policyApi.version(practice.id, versionId), `${practice.id}/${versionId}`);
  const [editing, setEditing] = useState<string | null>(null);
  usePageTitle(view.data ? `Policy ${view.data.version}` : "Policy", practice.name);
  if (view.status === "loading") return <Loading what="Loading the policy" />;
  if (view.status === "error") return <LoadError error={view.error} />;
  const v = view.data;
  const status = STATUS_LABELS[v.status] ?? { label: v.status, tag: "nhsuk-tag--grey" };
  const editable = can("admin") && (v.status === "draft" || v.status === "consultation");
  const commentable = v.status === "draft" || v.status === "consultation";
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
      </p>
      {v.changelog ? <p className="nhsuk-inset-text">Changes: {v.changelog}</p> : null}
      {v.missingSettings.length ? (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">Practice details missing</h3>
          <p>Some clauses use practice details that are not filled in yet: {v.missingSettings.join(", ")}.</p>
        </div>
      ) : null}
      <Actions view={v} reload={view.reload} />
      {can("staff-rep") && v.status === "consultation" ? (
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
      <PolicyText
        sections={v.rendered}
        extra={(c) => {
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
                editing === c.key ? (
                  <ClauseEditor
                    view={v}
                    clause={raw}
                    reload={view.reload}
                    onSaved={() => {
                      setEditing(null);
                      void view.reload();
                    }}
                  />
                ) : (
                  <button
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                    type="button"
                    onClick={() => setEditing(c.key)}
                  >
                    Edit {c.number}
                  </button>
                )
              ) : null}
            </>
          );
        }}
      />
    </>
  );
}
