import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { DateInput, type DateParts } from "../../components/DateInput";
import { fieldError } from "../../components/ErrorSummary";
import { LoadError } from "../../components/Messages";
import { fromDateParts, toDateParts } from "../../../core/dates";
import { Loading } from "../../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../../hooks";
import { usePractice } from "../../layouts";
import { formatDay, policyApi, STATUS_LABELS } from "./policy-api";

function NewDraftForm({ publishedId }: { publishedId: string | null }) {
  const { practice, path } = usePractice();
  const navigate = useNavigate();
  const [from, setFrom] = useState(publishedId ?? "template");
  const [changeKind, setChangeKind] = useState<"major" | "minor">("major");
  const [changelog, setChangelog] = useState("");
  const { busy, error, submit } = useSubmit();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit(async () => {
          const v = await policyApi.createDraft(practice.id, { from, changeKind, changelog });
          void navigate(path(`policy/versions/${v.id}`));
        });
      }}
    >
      <h2>Start a new draft</h2>
      {error ? (
        <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
          <h2 className="nhsuk-error-summary__title">There is a problem</h2>
          <div className="nhsuk-error-summary__body">
            <p>{error.message}</p>
          </div>
        </div>
      ) : null}
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="draft-from">
          Start from
        </label>
        <select
          className="nhsuk-select"
          id="draft-from"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        >
          {publishedId ? <option value={publishedId}>The published version</option> : null}
          <option value="template">The safepost template</option>
        </select>
      </div>
      {publishedId ? (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="draft-kind">
            Kind of change
          </label>
          <select
            className="nhsuk-select"
            id="draft-kind"
            value={changeKind}
            onChange={(e) => setChangeKind(e.target.value as "major" | "minor")}
          >
            <option value="major">Major: everyone acknowledges it again</option>
            <option value="minor">Minor: earlier acknowledgements still count</option>
          </select>
        </div>
      ) : null}
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="draft-changelog">
          What changes, in a sentence (for the version history)
        </label>
        <input
          className="nhsuk-input"
          id="draft-changelog"
          value={changelog}
          onChange={(e) => setChangelog(e.target.value)}
        />
      </div>
      <button className="nhsuk-button" type="submit" disabled={busy}>
        Start draft
      </button>
    </form>
  );
}

/** Moves the review date of the published version: day, month and year boxes (the NHS date input). */
function ReviewDateForm({ current, onDone }: { current: string | null; onDone: () => void }) {
  const { practice } = usePractice();
  const [parts, setParts] = useState<DateParts>(() => toDateParts(current));
  const [dateError, setDateError] = useState<string | undefined>();
  const { busy, error, submit } = useSubmit();
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const r = fromDateParts(parts, "The review date");
        if (!r.ok) return setDateError(`${r.message}.`);
        setDateError(undefined);
        void submit(async () => {
          await policyApi.setReviewDate(practice.id, r.day);
          onDone();
        });
      }}
    >
      <DateInput
        id="set-review"
        legend="Review date"
        hint="For example, 21 11 2027."
        error={dateError ?? (error ? (fieldError(error, "reviewDue") ?? error.message) : undefined)}
        value={parts}
        onChange={setParts}
      />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={busy}>
        Change review date
      </button>
    </form>
  );
}

/** The policy's home: what is published, what is in progress, versions, links and exports. */
export default function PolicyPage() {
  const { practice, path } = usePractice();
  usePageTitle("Social media policy", practice.name);
  const summary = useApi(() => policyApi.summary(practice.id), practice.id);
  const versions = useApi(() => policyApi.versions(practice.id), `${practice.id}/versions`);
  if (summary.status === "loading" || versions.status === "loading")
    return <Loading what="Loading the policy" />;
  if (summary.status === "error") return <LoadError error={summary.error} />;
  if (versions.status === "error") return <LoadError error={versions.error} />;
  const s = summary.data;
  const list = versions.data.versions;
  const published = list.filter((v) => v.publishedAt);
  return (
    <>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>Social media policy</h1>
      {s.published ? (
        <div
          className={`nhsuk-card${s.needsReview ? " nhsuk-card--warning" : ""}`}
          data-testid="published-policy"
        >
          <div className="nhsuk-card__content">
            <h2 className="nhsuk-card__heading">Published: version {s.published.version}</h2>
            <p className="nhsuk-card__description">
              Published {formatDay(s.published.publishedAt)}.{" "}
              {s.needsReview ? (
                <strong>Needs review: the review date was {formatDay(s.published.reviewDue)}.</strong>
              ) : (
                `Review due ${formatDay(s.published.reviewDue)}.`
              )}
            </p>
            <p>
              <Link to={path(`policy/versions/${s.published.id}`)}>Read version {s.published.version}</Link>
            </p>
            {s.me.mustAcknowledge ? (
              <p>
                <Link to={path("policy/read")}>You have not acknowledged this version yet</Link>
              </p>
            ) : null}
          </div>
        </div>
      ) : (
        <p>No version has been published yet.</p>
      )}
      {s.draft ? (
        <p>
          In progress:{" "}
          <Link to={path(`policy/versions/${s.draft.id}`)}>
            version {s.draft.version} ({STATUS_LABELS[s.draft.status]?.label.toLowerCase() ?? s.draft.status})
          </Link>
        </p>
      ) : null}
      {s.allowed.includes("create-draft") ? <NewDraftForm publishedId={s.published?.id ?? null} /> : null}
      {s.published &&
      (s.allowed.includes("view-acknowledgements") || s.allowed.includes("set-review-date")) ? (
        <>
          <h2>Acknowledgements and review</h2>
          {s.allowed.includes("view-acknowledgements") ? (
            <p>
              {s.acknowledgements?.acknowledged ?? 0} of {s.acknowledgements?.total ?? 0} staff have
              acknowledged the current version.{" "}
              <Link to={path("policy/acknowledgements")}>See who has and who has not</Link>
            </p>
          ) : null}
          {s.allowed.includes("set-review-date") ? (
            <ReviewDateForm current={s.published.reviewDue} onDone={() => void summary.reload()} />
          ) : null}
        </>
      ) : null}
      {s.published ? (
        <>
          <h2>For patients and your website</h2>
          <ul className="nhsuk-list">
            <li>
              Public page: <a href={s.links.page}>{s.links.page}</a>
            </li>
            {s.links.json ? (
              <li>
                For developers: <a href={s.links.json}>the policy as JSON</a>
              </li>
            ) : null}
          </ul>
          {s.links.embedSnippet ? (
            <>
              <label className="nhsuk-label" htmlFor="embed-snippet">
                Embed snippet: paste this into your practice website
              </label>
              <textarea
                className="nhsuk-textarea"
                id="embed-snippet"
                rows={3}
                readOnly
                value={s.links.embedSnippet}
              />
            </>
          ) : null}
          <h2>Download</h2>
          <ul className="nhsuk-list">
            <li>
              <a href={policyApi.exportUrl(practice.id, "export.pdf")}>Policy as PDF</a>
            </li>
            <li>
              <a href={policyApi.exportUrl(practice.id, "export.docx")}>Policy as Word document</a>
            </li>
            {s.allowed.includes("export-evidence") ? (
              <li>
                <a href={policyApi.exportUrl(practice.id, "evidence.pdf")}>
                  Evidence pack for inspections (PDF)
                </a>
              </li>
            ) : null}
          </ul>
        </>
      ) : null}
      <h2>Versions</h2>
      <table className="nhsuk-table" data-testid="versions">
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Published</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {list.map((v) => (
            <tr key={v.id}>
              <td>
                <Link to={path(`policy/versions/${v.id}`)}>{v.version}</Link>
              </td>
              <td>{STATUS_LABELS[v.status]?.label ?? v.status}</td>
              <td>{formatDay(v.publishedAt)}</td>
              <td>{v.changelog}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {published.length > 1 || (published.length && s.draft) ? (
        <p>
          <Link
            to={path(
              `policy/diff?from=${published[published.length > 1 ? 1 : 0]!.id}&to=${s.draft && !published.length ? s.draft.id : published[0]!.id}`,
            )}
          >
            Compare versions
          </Link>
        </p>
      ) : null}
    </>
  );
}
