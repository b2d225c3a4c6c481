import type { ReactNode } from "react";
import type { RenderedClause, RenderedSection } from "../../../core/policy";
import { formatDay } from "./policy-api";

function hotTopicWindow(h: { start?: string; end?: string }): string {
  if (h.start && h.end) return ` from ${formatDay(h.start)} to ${formatDay(h.end)}`;
  if (h.start) return ` from ${formatDay(h.start)}`;
  if (h.end) return ` until ${formatDay(h.end)}`;
  return "";
}

/** One clause as plain text blocks (React escapes everything; nothing is read as markup). */
export function ClauseBody({ clause }: { clause: RenderedClause }) {
  return (
    <>
      {clause.hotTopic ? (
        <p className="nhsuk-body-s">
          <strong className="nhsuk-tag nhsuk-tag--orange">Hot topic: {clause.hotTopic.label}</strong>
          {hotTopicWindow(clause.hotTopic)}
          {clause.notInForce ? (
            <>
              {" "}
              <strong className="nhsuk-tag nhsuk-tag--grey" data-testid="not-in-force">
                Not in force today
              </strong>{" "}
              Left out of the published text on this date.
            </>
          ) : null}
        </p>
      ) : null}
      {clause.blocks.map((b, i) =>
        b.kind === "paragraph" ? (
          <p key={i}>{b.text}</p>
        ) : (
          <ul key={i} className="nhsuk-list nhsuk-list--bullet">
            {b.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ul>
        ),
      )}
    </>
  );
}

/** The policy, section by section; `extra` adds controls under each clause (comments, editing). */
export function PolicyText({
  sections,
  extra,
  sectionExtra,
}: {
  sections: RenderedSection[];
  /** Controls under a clause; `position` is its 0-based place in `section`. */
  extra?: (c: RenderedClause, section: RenderedSection, position: number) => ReactNode;
  /** Controls at the end of a section (adding a clause, removing the section). */
  sectionExtra?: ((s: RenderedSection) => ReactNode) | undefined;
}) {
  return (
    <>
      {sections.map((s) => (
        <section key={s.key} aria-labelledby={`section-${s.key}`}>
          <h2 id={`section-${s.key}`}>
            {s.number}. {s.title}
          </h2>
          {s.clauses.map((c, i) => (
            <div
              key={c.key}
              className={`sp-clause${c.notInForce ? " sp-clause--not-in-force" : ""}`}
              data-testid={`clause-${c.key}`}
            >
              <h3 className="nhsuk-heading-s" id={`clause-${c.key}`} tabIndex={-1}>
                {c.number} {c.title}
                {c.patientFacing ? (
                  <span className="nhsuk-tag nhsuk-tag--aqua-green sp-tag-inline">Patient-facing</span>
                ) : null}
              </h3>
              <ClauseBody clause={c} />
              {extra ? extra(c, s, i) : null}
            </div>
          ))}
          {sectionExtra ? sectionExtra(s) : null}
        </section>
      ))}
    </>
  );
}
