import type { ClauseDiff } from "../../../core/policy";

const CHANGE_LABELS: Record<string, string> = {
  title: "title",
  text: "wording",
  patientFacing: "whether patients see it",
  sources: "sources",
  rules: "checker rules",
  hotTopic: "hot-topic dates",
  position: "number",
};

/** What happened to a clause, in words: "added", "removed" or "changed (wording, number)". */
export function changeSummary(c: ClauseDiff): string {
  if (c.status === "added") return "added";
  if (c.status === "removed") return "removed";
  return `changed (${c.changes.map((x) => CHANGE_LABELS[x] ?? x).join(", ")})`;
}

/** A touched-up clause's wording with the words taken out struck and the words put in underlined. */
function InlineWords({ words }: { words: NonNullable<ClauseDiff["words"]> }) {
  return (
    <p className="sp-diff">
      {words.map((w, i) =>
        w.kind === "added" ? (
          <ins key={i}>
            <span className="nhsuk-u-visually-hidden">[added: </span>
            {w.text}
            <span className="nhsuk-u-visually-hidden">]</span>
          </ins>
        ) : w.kind === "removed" ? (
          <del key={i}>
            <span className="nhsuk-u-visually-hidden">[removed: </span>
            {w.text}
            <span className="nhsuk-u-visually-hidden">]</span>
          </del>
        ) : (
          <span key={i}>{w.text}</span>
        ),
      )}
    </p>
  );
}

/**
 * The clauses that differ between two versions, one card each: a rewritten clause old and new side by side,
 * a touched-up one with whole words struck and inserted. Unchanged clauses are left out.
 */
export function ClauseChanges({
  clauses,
  from,
  to,
  headingLevel = 3,
}: {
  clauses: readonly ClauseDiff[];
  from: string;
  to: string;
  headingLevel?: 2 | 3;
}) {
  const changed = clauses.filter((c) => c.status !== "unchanged");
  if (changed.length === 0) return <p>No clause changed.</p>;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  return (
    <ul className="nhsuk-list" data-testid="diff">
      {changed.map((c) => (
        <li key={c.key} className="nhsuk-card" data-testid={`diff-${c.key}`}>
          <div className="nhsuk-card__content">
            <Heading className="nhsuk-card__heading nhsuk-heading-s">
              {c.toNumber ?? c.fromNumber} {c.title}: {changeSummary(c)}
            </Heading>
            {c.before !== undefined && c.after !== undefined ? (
              <div className="nhsuk-grid-row sp-diff-sides" data-testid="side-by-side">
                <div className="nhsuk-grid-column-one-half">
                  <Sub className="nhsuk-heading-xs">Before ({from})</Sub>
                  <p className="sp-diff-old">{c.before}</p>
                </div>
                <div className="nhsuk-grid-column-one-half">
                  <Sub className="nhsuk-heading-xs">After ({to})</Sub>
                  <p className="sp-diff-new">{c.after}</p>
                </div>
              </div>
            ) : c.words ? (
              <InlineWords words={c.words} />
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
