import { ClauseChanges } from "./ClauseChanges";
import { formatDay, type ChangesSinceAcknowledged } from "./policy-api";

/**
 * For a member asked to acknowledge a new version: the clauses that differ from the version they last
 * acknowledged, clause by clause, with the change notes, shown before the full text.
 */
export function ChangesSinceYouAcknowledged({ changes }: { changes: ChangesSinceAcknowledged }) {
  const { since, to } = changes;
  if (!since) return null;
  const changed = changes.clauses.filter((c) => c.status !== "unchanged").length;
  return (
    <section aria-labelledby="changes-since" className="sp-changes-since" data-testid="changes-since">
      <h2 id="changes-since">What has changed since you last acknowledged it</h2>
      <p>
        You acknowledged version {since.version} on {formatDay(since.acknowledgedAt)}.{" "}
        {changed === 0
          ? `No clause reads differently in version ${to.version}.`
          : `${changed === 1 ? "One clause is" : `${changed} clauses are`} different in version ${to.version}: ${
              changed === 1 ? "it is" : "they are"
            } shown first, and the whole policy follows.`}
      </p>
      {changes.changeNotes.length ? (
        <>
          <h3>What the practice says about the changes</h3>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {changes.changeNotes.map((n) => (
              <li key={n.version}>
                Version {n.version}: {n.changelog}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {changed ? <ClauseChanges clauses={changes.clauses} from={since.version} to={to.version} /> : null}
      <p>
        <a href="#full-text">Go to the whole policy</a>
      </p>
    </section>
  );
}
