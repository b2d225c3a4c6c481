import { useState } from "react";
import { Link } from "react-router-dom";
import { Banner, LoadError } from "../../components/Messages";
import { Loading } from "../../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../../hooks";
import { usePractice } from "../../layouts";
import { formatDay, policyApi } from "./policy-api";

/** Who has and has not acknowledged the current version, with dates, and the CSV export. */
export default function PolicyAcknowledgementsPage() {
  const { practice, path } = usePractice();
  usePageTitle("Policy acknowledgements", practice.name);
  const acks = useApi(() => policyApi.acknowledgements(practice.id), practice.id);
  const summary = useApi(() => policyApi.summary(practice.id), practice.id);
  if (acks.status === "loading") return <Loading what="Loading acknowledgements" />;
  if (acks.status === "error") return <LoadError error={acks.error} />;
  const s = acks.data.status;
  return (
    <>
      <Link className="nhsuk-back-link" to={path("policy")}>
        Social media policy
      </Link>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>Acknowledgements</h1>
      {!s ? (
        <p>There is no published policy yet.</p>
      ) : (
        <>
          <p>
            {s.acknowledged} of {s.total} active staff have acknowledged version {s.version} (or an earlier
            version with the same major number).
          </p>
          <p>
            <a href={policyApi.exportUrl(practice.id, "acknowledgements.csv")}>Download as CSV</a>
          </p>
          {s.acknowledged < s.total && summary.data?.allowed.includes("chase-acknowledgements") ? (
            <ChaseButton practiceId={practice.id} />
          ) : null}
          {/* Stacked rows on a phone (nhsuk-frontend's responsive table): each cell shows its column's name. The
              explicit roles, as nhsuk-frontend writes them, keep it a table for screen readers that drop a
              table's meaning once CSS stacks it (Safari with VoiceOver; Chromium keeps it either way). */}
          <table
            role="table"
            className="nhsuk-table nhsuk-table--responsive sp-wrap-cells"
            data-testid="acknowledgements"
          >
            <thead role="rowgroup" className="nhsuk-table__head">
              <tr role="row" className="nhsuk-table__row">
                <th role="columnheader" className="nhsuk-table__header" scope="col">
                  Name
                </th>
                <th role="columnheader" className="nhsuk-table__header" scope="col">
                  Email
                </th>
                <th role="columnheader" className="nhsuk-table__header" scope="col">
                  Acknowledged
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup" className="nhsuk-table__body">
              {s.members.map((m) => (
                <tr role="row" className="nhsuk-table__row" key={m.userId}>
                  <td role="cell" className="nhsuk-table__cell">
                    <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                      Name{" "}
                    </span>
                    {m.name}
                  </td>
                  <td role="cell" className="nhsuk-table__cell">
                    <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                      Email{" "}
                    </span>
                    {m.email}
                  </td>
                  <td role="cell" className="nhsuk-table__cell">
                    <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                      Acknowledged{" "}
                    </span>
                    {m.acknowledgedAt ? (
                      `${formatDay(m.acknowledgedAt)} (version ${m.version})`
                    ) : (
                      <strong>Not yet</strong>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

/** Emails everyone who has not acknowledged yet (once a day at most per person: the server keeps count). */
function ChaseButton({ practiceId }: { practiceId: string }) {
  const { busy, error, submit } = useSubmit();
  const [result, setResult] = useState<{ chased: number; chasedRecently: number } | null>(null);
  const people = (n: number) => (n === 1 ? "1 person" : `${n} people`);
  return (
    <div data-testid="chase">
      {result ? (
        <Banner title="Reminders sent" success>
          <p>
            {result.chased ? `${people(result.chased)} emailed.` : "Nobody was emailed."}
            {result.chasedRecently
              ? ` ${people(result.chasedRecently)} already had a reminder in the last day, so were not emailed again.`
              : ""}
          </p>
        </Banner>
      ) : null}
      {error ? (
        <div className="nhsuk-error-summary" role="alert">
          <h2 className="nhsuk-error-summary__title">There is a problem</h2>
          <div className="nhsuk-error-summary__body">
            <p>{error.message}</p>
          </div>
        </div>
      ) : null}
      <button
        className="nhsuk-button nhsuk-button--secondary"
        type="button"
        disabled={busy}
        onClick={() => void submit(async () => setResult(await policyApi.chase(practiceId)))}
      >
        Email everyone who has not acknowledged
      </button>
      <p className="nhsuk-hint">One email each. Anyone already reminded in the last 24 hours is left out.</p>
    </div>
  );
}
