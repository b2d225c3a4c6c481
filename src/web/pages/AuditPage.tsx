import { Link, useSearchParams } from "react-router-dom";
import { api, type AuditPage as AuditData } from "../api";
import { LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle } from "../hooks";
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

function ChainBanner({ chain }: { chain: AuditData["chain"] }) {
  if (chain.ok) {
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
          <p className="nhsuk-notification-banner__heading">The audit log is intact.</p>
          <p>
            All {chain.checked} entries were checked: none has been edited or deleted since it was written.
          </p>
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
            {chain.problems.length} of {chain.checked} entries failed the check: an entry was edited or
            deleted outside safepost. Keep a copy of this page and tell whoever runs your safepost server.
          </p>
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {chain.problems.map((p) => (
              <li key={`${p.seq}-${p.problem}`}>
                Entry {p.seq}: {p.problem}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

function describeTarget(type: string | null, id: string | null): string {
  if (!type) return "";
  return id ? `${type} ${id.slice(0, 8)}` : type;
}

function describeDetails(details: Record<string, unknown> | null): string {
  if (!details) return "";
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : String(v)}`)
    .join("; ");
}

/** The practice's audit log with the result of verifying its hash chain. */
export default function AuditPage() {
  const { practice, path } = usePractice();
  usePageTitle("Audit log", practice.name);
  const [params] = useSearchParams();
  const before = params.get("before");
  const page = useApi(() => api.audit(practice.id, before, PAGE_SIZE), `${practice.id}:${before ?? ""}`);
  const broken = new Set(page.status === "ok" ? page.data.chain.problems.map((p) => String(p.seq)) : []);

  return (
    <>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>Audit log</h1>
      <p>
        Every change made in safepost for this practice. Each entry is chained to the one before it by a
        cryptographic hash, so an entry edited or deleted afterwards is detected.
      </p>
      <p>
        <a href={api.auditCsvUrl(practice.id)} download>
          Download the audit log (CSV)
        </a>
      </p>
      {page.status === "loading" ? <Loading what="Loading the audit log" /> : null}
      {page.status === "error" ? <LoadError error={page.error} /> : null}
      {page.status === "ok" ? (
        <>
          <ChainBanner chain={page.data.chain} />
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
                        Who
                      </th>
                      <th className="nhsuk-table__header" scope="col">
                        What
                      </th>
                      <th className="nhsuk-table__header" scope="col">
                        Target
                      </th>
                      <th className="nhsuk-table__header" scope="col">
                        Details
                      </th>
                    </tr>
                  </thead>
                  <tbody className="nhsuk-table__body">
                    {page.data.entries.map((e) => (
                      <tr
                        className={`nhsuk-table__row${broken.has(String(e.seq)) ? " sp-row-broken" : ""}`}
                        key={String(e.seq)}
                        data-action={e.action}
                      >
                        <td className="nhsuk-table__cell">
                          {String(e.seq)}
                          {broken.has(String(e.seq)) ? (
                            <>
                              {" "}
                              <strong className="nhsuk-tag nhsuk-tag--red">Altered</strong>
                            </>
                          ) : null}
                        </td>
                        <td className="nhsuk-table__cell sp-nowrap">{formatDateTime(e.at)}</td>
                        <td className="nhsuk-table__cell">{e.actor?.name ?? "safepost"}</td>
                        <td className="nhsuk-table__cell">
                          <code className="sp-action">{e.action}</code>
                        </td>
                        <td className="nhsuk-table__cell">{describeTarget(e.targetType, e.targetId)}</td>
                        <td className="nhsuk-table__cell">
                          <span className="sp-small">{describeDetails(e.details)}</span>
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
                  <Link className="nhsuk-pagination__link nhsuk-pagination__link--prev" to={path("audit")}>
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
                    to={`${path("audit")}?before=${encodeURIComponent(page.data.nextBefore)}`}
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
