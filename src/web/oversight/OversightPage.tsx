// The practice manager's oversight: what is open and what is due across the practice, each part linking to the
// page where it is dealt with, and the checker's monthly counts by rule when the practice keeps them.
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { formatUkDate, formatUkDateTime } from "../../core/dates";
import { INCIDENT_STATUS_LABELS, INCIDENT_TYPE_LABELS } from "../../core/incidents/types";
import { monthLabel } from "../../core/oversight/checker-counts";
import { Button } from "../components/Fields";
import { ErrorSummary, summaryFromError } from "../components/ErrorSummary";
import { LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../hooks";
import { clockWords } from "../incidents/IncidentsPage";
import { usePractice } from "../layouts";
import { myAccountsCardText } from "./my-accounts-card";
import { oversightApi, type Oversight } from "./oversight-api";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One summary card: a heading linking to where the thing is dealt with, a sentence, a warning look when due. */
function Card({
  title,
  to,
  warn,
  children,
}: {
  title: string;
  to: string;
  warn?: boolean;
  children: ReactNode;
}) {
  return (
    <li className="nhsuk-grid-column-one-third nhsuk-card-group__item">
      <div className={`nhsuk-card nhsuk-card--clickable${warn ? " nhsuk-card--warning" : ""}`}>
        <div className="nhsuk-card__content">
          <h2 className="nhsuk-card__heading nhsuk-heading-s">
            <Link className="nhsuk-card__link" to={to}>
              {warn ? <span className="nhsuk-u-visually-hidden">Needs attention: </span> : null}
              {title}
            </Link>
          </h2>
          <p className="nhsuk-card__description">{children}</p>
        </div>
      </div>
    </li>
  );
}

function Cards({ o }: { o: Oversight }) {
  const { path } = usePractice();
  const i = o.incidents;
  const n = o.inbox;
  const a = o.acknowledgements;
  return (
    <ul className="nhsuk-grid-row nhsuk-card-group">
      <Card title="Incidents" to={path("incidents")} warn={i.undecidedBreaches > 0 || i.reported > 0}>
        {plural(i.open, "open case")}, {plural(i.reported, "concern")} not yet picked up.
        {i.undecidedBreaches
          ? ` ${plural(i.undecidedBreaches, "breach", "breaches")} waiting for a decision.`
          : ""}
      </Card>
      <Card title="Posts awaiting approval" to={path("posts")} warn={o.posts.needAttention > 0}>
        {plural(o.posts.awaitingApproval, "post")} to approve, {o.posts.changesRequested} sent back for
        changes
        {o.posts.needAttention ? `, ${o.posts.needAttention} needing attention` : ""}.
      </Card>
      <Card title="Inbox" to={path("inbox")} warn={n.urgent > 0 || n.acknowledgementsOverdue > 0}>
        {n.new} new, {n.inProgress} being dealt with, {plural(n.repliesAwaitingApproval, "reply", "replies")}{" "}
        to approve{n.urgent ? `, ${n.urgent} urgent` : ""}.
        {n.complaintsToAcknowledge
          ? ` ${plural(n.complaintsToAcknowledge, "complaint")} to acknowledge${n.acknowledgementsOverdue ? ` (${n.acknowledgementsOverdue} overdue)` : ""}.`
          : ""}
      </Card>
      <Card title="Acknowledgements" to={path("policy/acknowledgements")} warn={!!a && a.outstanding > 0}>
        {a
          ? `${a.acknowledged} of ${a.total} staff (${a.percent}%) have acknowledged version ${a.version}; ${a.outstanding} outstanding.`
          : "No policy is published yet."}
      </Card>
      <Card title="My accounts" to={path("my-accounts/summary")}>
        {myAccountsCardText(o.myAccounts)}
      </Card>
      <Card title="Policy review" to={path("policy")} warn={o.policy?.state === "overdue"}>
        {!o.policy
          ? "No policy is published yet."
          : o.policy.reviewDue
            ? `Version ${o.policy.version}: review ${o.policy.state === "overdue" ? "was due" : "due"} ${formatUkDate(o.policy.reviewDue)}${o.policy.state === "overdue" ? " (overdue)" : o.policy.state === "due-soon" ? " (due soon)" : ""}.`
            : `Version ${o.policy.version} has no review date.`}
      </Card>
      <Card title="Account security" to={path("channels")} warn={o.channels.some((c) => c.overdue)}>
        {o.channels.length
          ? `${plural(o.channels.filter((c) => c.overdue).length, "account")} due a security review, of ${o.channels.length}.`
          : "No practice accounts are connected."}
      </Card>
    </ul>
  );
}

function OpenCases({ o }: { o: Oversight }) {
  const { path } = usePractice();
  if (!o.incidents.cases.length) return <p>There are no open cases.</p>;
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption">Cases not closed</caption>
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">Case</th>
          <th scope="col">Type</th>
          <th scope="col">Status</th>
          <th scope="col">Breach clock</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {o.incidents.cases.map((c) => (
          <tr key={c.id}>
            <td>
              <Link to={path(`incidents/${c.id}`)}>
                {c.number}: {c.title}
              </Link>
            </td>
            <td>{INCIDENT_TYPE_LABELS[c.type]}</td>
            <td>{INCIDENT_STATUS_LABELS[c.status]}</td>
            <td>{c.breach ? clockWords(c.breach) : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WaitingPosts({ o }: { o: Oversight }) {
  const { path } = usePractice();
  if (!o.posts.waiting.length) return <p>No posts are waiting for approval.</p>;
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption">Posts awaiting approval</caption>
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">Post</th>
          <th scope="col">Sent for approval</th>
          <th scope="col">Due to go out</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {o.posts.waiting.map((p) => (
          <tr key={p.id}>
            <td>
              <Link to={path(`posts/${p.id}`)}>A post by {p.author}</Link>
            </td>
            <td>{p.submittedAt ? formatUkDateTime(p.submittedAt) : "—"}</td>
            <td>{p.scheduledAt ? formatUkDateTime(p.scheduledAt) : "Not scheduled"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Channels({ o }: { o: Oversight }) {
  const { path } = usePractice();
  if (!o.channels.length)
    return (
      <p>
        No practice accounts are connected. <Link to={path("channels")}>Channels</Link>
      </p>
    );
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption">Account security reviews (at least once a year)</caption>
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">Account</th>
          <th scope="col">Two-step sign-in</th>
          <th scope="col">Last reviewed</th>
          <th scope="col">Next review</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {o.channels.map((c) => (
          <tr key={c.id}>
            <td>
              <Link to={path("channels")}>{c.name}</Link>
            </td>
            <td>{c.twoFactor === null ? "Not recorded" : c.twoFactor ? "On" : "Off"}</td>
            <td>{c.lastReviewedOn ? formatUkDate(c.lastReviewedOn) : "Never"}</td>
            <td>
              {c.overdue ? (
                <strong className="nhsuk-tag nhsuk-tag--red">Due now</strong>
              ) : (
                formatUkDate(c.reviewDue)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CheckerCounts({ o, reload }: { o: Oversight; reload: () => Promise<void> }) {
  const { practice } = usePractice();
  const { busy, error, submit } = useSubmit();
  const k = o.checkerCounts;
  const toggle = (on: boolean) =>
    submit(async () => {
      await oversightApi.setCheckerCounts(practice.id, on);
      await reload();
    });
  return (
    <>
      <h2 id="checker-counts">What the checker caught</h2>
      <ErrorSummary items={summaryFromError(error)} />
      {!k.on ? (
        <>
          <p>
            The practice does not keep these counts. When they are on, every check made in the practice (a
            post sent for approval, a comment arriving in the inbox, a reply written to a patient, a check
            through the API) adds one to this month&apos;s count of each rule it found. Only the counts are
            kept: never the text, nor who wrote it. Checks on the Check a post page stay in the browser and
            are not counted.
          </p>
          {o.canManageCheckerCounts ? (
            <Button busy={busy} type="button" onClick={() => void toggle(true)}>
              Keep monthly counts
            </Button>
          ) : (
            <p>The practice manager can turn them on here.</p>
          )}
        </>
      ) : (
        <>
          <p>
            Counted since {formatUkDate(k.since)}: each check in the practice counts once for each rule it
            found. Only the counts are kept.
          </p>
          <div className="nhsuk-table-responsive">
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption">
                Checks by month, and how many found each rule
              </caption>
              <thead className="nhsuk-table__head">
                <tr>
                  <th scope="col">Rule</th>
                  {k.months.map((m) => (
                    <th scope="col" key={m} className="nhsuk-table__header--numeric">
                      {monthLabel(m)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                <tr>
                  <th scope="row">Checks made</th>
                  {k.runs.map((n, i) => (
                    <td key={k.months[i]} className="nhsuk-table__cell--numeric">
                      {n}
                    </td>
                  ))}
                </tr>
                {k.rules.map((r) => (
                  <tr key={r.rule}>
                    <th scope="row">{r.label}</th>
                    {r.counts.map((n, i) => (
                      <td key={k.months[i]} className="nhsuk-table__cell--numeric">
                        {n}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {k.rules.length === 0 ? <p>No check has found anything in these months.</p> : null}
          {o.canManageCheckerCounts ? (
            <Button busy={busy} type="button" variant="secondary" onClick={() => void toggle(false)}>
              Stop counting and delete the counts
            </Button>
          ) : null}
        </>
      )}
    </>
  );
}

export default function OversightPage() {
  const { practice } = usePractice();
  usePageTitle("Oversight", practice.name);
  const view = useApi(() => oversightApi.get(practice.id), practice.id);
  if (view.status === "error") return <LoadError error={view.error} />;
  if (view.status === "loading") return <Loading />;
  const o = view.data;
  return (
    <>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>Oversight</h1>
      <p>
        What is open and what is due across the practice, as of {formatUkDateTime(o.generatedAt)}. Each part
        links to the page where it is dealt with.
      </p>
      <Cards o={o} />
      <h2>Open cases and breach clocks</h2>
      <OpenCases o={o} />
      <h2>Posts awaiting approval</h2>
      <WaitingPosts o={o} />
      <h2>Practice accounts</h2>
      <Channels o={o} />
      <CheckerCounts o={o} reload={view.reload} />
    </>
  );
}
