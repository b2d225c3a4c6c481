import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { api, type AuditFilters, type AuditVerification } from "../api";
import { ErrorSummary, summaryFromError } from "../components/ErrorSummary";
import { Button } from "../components/Fields";
import { LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../hooks";
import { usePractice } from "../layouts";
import { formatDateTime } from "./staff/roles";

const PAGE_SIZE = 50;

const ArrowLeft = () => (
  <svg
    className="nhsuk-icon nhsuk-icon--arrow-left"
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 24 24"
    width="16"
    height="16"
    focusable="false"
    aria-hidden="true"
  >
    <path d="M10.7 6.3c.4.4.4 1 0 1.4L7.4 11H19a1 1 0 0 1 0 2H7.4l3.3 3.3c.4.4.4 1 0 1.4a1 1 0 0 1-1.4 0l-5-5A1 1 0 0 1 4 12c0-.3.1-.5.3-.7l5-5a1 1 0 0 1 1.4 0Z" />
  </svg>
);

const ArrowRight = () => (
  <svg
    className="nhsuk-icon nhsuk-icon--arrow-right"
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 24 24"
    width="16"
    height="16"
    focusable="false"
    aria-hidden="true"
  >
    <path d="m14.7 6.3 5 5c.2.2.3.4.3.7 0 .3-.1.5-.3.7l-5 5a1 1 0 0 1-1.4-1.4l3.3-3.3H5a1 1 0 0 1 0-2h11.6l-3.3-3.3a1 1 0 1 1 1.4-1.4Z" />
  </svg>
);

/** The last recorded verification of the practice's chain (verifying re-hashes every entry, so it is on request). */
function VerificationPanel({
  verification,
  onVerify,
  busy,
}: {
  verification: AuditVerification | null;
  onVerify: () => void;
  busy: boolean;
}) {
  const button = (
    <Button type="button" variant="secondary" busy={busy} onClick={onVerify}>
      {busy ? "Verifying…" : "Verify now"}
    </Button>
  );
  if (!verification)
    return (
      <div className="nhsuk-inset-text" data-testid="chain-unverified">
        <p>This log has not been verified yet. Verifying re-checks every entry&apos;s hash.</p>
        {button}
      </div>
    );
  const when = `${formatDateTime(verification.at)}${verification.by ? ` by ${verification.by.name}` : ""}`;
  if (verification.ok) {
    return (
      <div
        className="nhsuk-notification-banner nhsuk-notification-banner--success"
        role="region"
        aria-labelledby="chain-ok-title"
        data-testid="chain-ok"
      >
        <div className="nhsuk-notification-banner__header">
          <h2 className="nhsuk-notification-banner__title" id="chain-ok-title">
            Verified
          </h2>
        </div>
        <div className="nhsuk-notification-banner__content">
          <p className="nhsuk-notification-banner__heading">The audit log was intact when last verified.</p>
          <p>
            Verified {when}: all {verification.checked} entries were checked, and none had been edited or
            deleted since it was written.
          </p>
          {button}
        </div>
      </div>
    );
  }
  return (
    <div
      className="nhsuk-error-summary"
      data-testid="chain-broken"
      tabIndex={-1}
      aria-labelledby="chain-broken-title"
    >
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading" id="chain-broken-title">
          The audit log has been altered
        </h2>
        <div className="nhsuk-error-summary__body">
          <p>
            Verified {when}: {verification.problems.length} problems in {verification.checked} entries. An
            entry was edited or deleted outside safepost. Keep a copy of this page and tell whoever runs your
            safepost server.
          </p>
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {verification.problems.map((p) => (
              <li key={`${p.seq}-${p.problem}`}>
                Entry {p.seq} of the practice&apos;s chain: {p.problem}
              </li>
            ))}
          </ul>
          {button}
        </div>
      </div>
    </div>
  );
}

const ACTION_GROUPS: [string, string][] = [
  ["", "Everything"],
  ["auth", "Signing in and passwords"],
  ["member", "Staff and invitations"],
  ["policy", "The policy"],
  ["practice", "Practice settings"],
];

function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: [string, string][];
}) {
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor={`audit-${name}`}>
        {label}
      </label>
      {/* Keyed by the options, so the chosen value shows once the people's names arrive. */}
      <select
        key={options.length}
        className="nhsuk-select"
        id={`audit-${name}`}
        name={name}
        defaultValue={value ?? ""}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Filters in the address, so a filtered view can be bookmarked or shared with a colleague. */
function FilterForm({ practiceId, filters }: { practiceId: string; filters: AuditFilters }) {
  const [, setParams] = useSearchParams();
  const members = useApi(() => api.members(practiceId), practiceId);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const key of ["actor", "action", "from", "to"]) {
      const v = String(data.get(key) ?? "");
      if (v) next.set(key, v);
    }
    setParams(next);
  };
  return (
    <form className="sp-audit-filters" onSubmit={onSubmit} aria-label="Filter the audit log">
      <FilterSelect
        name="actor"
        label="Person"
        value={filters.actor}
        options={[
          ["", "Anyone"],
          ...(members.data?.members ?? []).map((m): [string, string] => [m.userId, m.name]),
        ]}
      />
      <FilterSelect name="action" label="What" value={filters.action} options={ACTION_GROUPS} />
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="audit-from">
          From
        </label>
        <input
          className="nhsuk-input nhsuk-input--width-10"
          type="date"
          id="audit-from"
          name="from"
          defaultValue={filters.from ?? ""}
        />
      </div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="audit-to">
          To
        </label>
        <input
          className="nhsuk-input nhsuk-input--width-10"
          type="date"
          id="audit-to"
          name="to"
          defaultValue={filters.to ?? ""}
        />
      </div>
      <Button variant="secondary">Show entries</Button>
    </form>
  );
}

/** The practice's audit log with the result of verifying its hash chain. */
export default function AuditPage() {
  const { practice, path } = usePractice();
  usePageTitle("Audit log", practice.name);
  const [params] = useSearchParams();
  const before = params.get("before");
  const filters: AuditFilters = {};
  for (const key of ["actor", "action", "from", "to"] as const) {
    const v = params.get(key);
    if (v) filters[key] = v;
  }
  const filterQuery = new URLSearchParams(Object.entries(filters)).toString();
  const page = useApi(
    () => api.audit(practice.id, before, PAGE_SIZE, filters),
    `${practice.id}:${before ?? ""}:${filterQuery}`,
  );
  const verify = useSubmit();
  const [verified, setVerified] = useState<AuditVerification | null>(null);
  const verification = verified ?? (page.status === "ok" ? page.data.verification : null);
  const broken = new Set((verification?.problems ?? []).map((p) => String(p.seq)));
  const onVerify = () =>
    void verify.submit(async () => {
      setVerified((await api.verifyAudit(practice.id)).verification);
    });
  const pageLink = (b: string | null) => {
    const q = new URLSearchParams(filters as Record<string, string>);
    if (b) q.set("before", b);
    return `${path("audit")}${q.size ? `?${q.toString()}` : ""}`;
  };

  return (
    <>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>Audit log</h1>
      <p>
        Every change made in safepost for this practice. Each entry is chained to the one before it by a
        cryptographic hash, so an entry edited or deleted afterwards is detected.
      </p>
      <p>
        <a href={api.auditCsvUrl(practice.id, filters)} download>
          Download the audit log (CSV)
        </a>
      </p>
      {page.status === "loading" ? <Loading what="Loading the audit log" /> : null}
      {page.status === "error" ? <LoadError error={page.error} /> : null}
      {page.status === "ok" ? (
        <>
          {verify.error ? <ErrorSummary items={summaryFromError(verify.error)} /> : null}
          <VerificationPanel verification={verification} onVerify={onVerify} busy={verify.busy} />
          {page.data.head ? (
            <p className="sp-small" data-testid="chain-head">
              Latest entry {page.data.head.seq}, fingerprint <code>{page.data.head.hash}</code>. It is printed
              on every evidence pack and in the daily digest: a copy kept elsewhere shows if entries are later
              deleted.
            </p>
          ) : null}
          <FilterForm practiceId={practice.id} filters={filters} />
          {page.data.entries.length === 0 ? (
            <p>No entries {before ? "before this point" : "yet"}.</p>
          ) : (
            <div>
              {/* Focusable so keyboard users can scroll it sideways on a small screen. */}
              <div className="sp-table-scroll" role="region" aria-labelledby="audit-caption" tabIndex={0}>
                <table className="nhsuk-table" data-testid="audit-entries">
                  <caption className="nhsuk-table__caption nhsuk-table__caption--m" id="audit-caption">
                    {before ? `Entries before number ${before}` : "Latest entries"}
                  </caption>
                  <thead className="nhsuk-table__head">
                    <tr className="nhsuk-table__row">
                      <th className="nhsuk-table__header" scope="col">
                        No.
                      </th>
                      <th className="nhsuk-table__header" scope="col">
                        When
                      </th>
                      <th className="nhsuk-table__header" scope="col">
                        What happened
                      </th>
                      <th className="nhsuk-table__header" scope="col">
                        Action
                      </th>
                    </tr>
                  </thead>
                  <tbody className="nhsuk-table__body">
                    {page.data.entries.map((e) => (
                      <tr
                        className={`nhsuk-table__row${e.chain === "practice" && broken.has(e.chainSeq) ? " sp-row-broken" : ""}`}
                        key={String(e.seq)}
                        data-action={e.action}
                      >
                        <td className="nhsuk-table__cell">
                          {String(e.seq)}
                          {e.chain === "practice" && broken.has(e.chainSeq) ? (
                            <>
                              {" "}
                              <strong className="nhsuk-tag nhsuk-tag--red">Altered</strong>
                            </>
                          ) : null}
                        </td>
                        <td className="nhsuk-table__cell sp-nowrap">{formatDateTime(e.at)}</td>
                        <td className="nhsuk-table__cell">{e.summary}</td>
                        <td className="nhsuk-table__cell">
                          <code className="sp-action">{e.action}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          )}
          <nav className="nhsuk-pagination" role="navigation" aria-label="Audit log pages">
            <ul className="nhsuk-list nhsuk-pagination__list">
              {before ? (
                <li className="nhsuk-pagination-item--previous">
                  <Link className="nhsuk-pagination__link nhsuk-pagination__link--prev" to={pageLink(null)}>
                    <span className="nhsuk-pagination__title">Newer</span>
                    <span className="nhsuk-u-visually-hidden">:</span>
                    <span className="nhsuk-pagination__page">Back to the latest entries</span>
                    <ArrowLeft />
                  </Link>
                </li>
              ) : null}
              {page.data.nextBefore ? (
                <li className="nhsuk-pagination-item--next">
                  <Link
                    className="nhsuk-pagination__link nhsuk-pagination__link--next"
                    to={pageLink(page.data.nextBefore)}
                  >
                    <span className="nhsuk-pagination__title">Older</span>
                    <span className="nhsuk-u-visually-hidden">:</span>
                    <span className="nhsuk-pagination__page">
                      Entries before number {page.data.nextBefore}
                    </span>
                    <ArrowRight />
                  </Link>
                </li>
              ) : null}
            </ul>
          </nav>
        </>
      ) : null}
    </>
  );
}
