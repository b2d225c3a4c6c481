import type { ReactNode } from "react";
import type { RenderedClause, RenderedSection } from "../../../core/policy";

/** One clause as plain text blocks (React escapes everything; nothing is read as markup). */
export function ClauseBody({ clause }: { clause: RenderedClause }) {
  return (
    <>
      {clause.hotTopic ? (
        <p className="nhsuk-body-s">
          <strong className="nhsuk-tag nhsuk-tag--orange">Hot topic: {clause.hotTopic.label}</strong>
          {clause.hotTopic.end ? ` until ${clause.hotTopic.end}` : ""}
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
}: {
  sections: RenderedSection[];
  extra?: (c: RenderedClause) => ReactNode;
}) {
  return (
    <>
      {sections.map((s) => (
        <section key={s.key} aria-labelledby={`section-${s.key}`}>
          <h2 id={`section-${s.key}`}>
            {s.number}. {s.title}
          </h2>
          {s.clauses.map((c) => (
            <div key={c.key} className="sp-clause" data-testid={`clause-${c.key}`}>
              <h3 className="nhsuk-heading-s">
                {c.number} {c.title}
                {c.patientFacing ? (
                  <span className="nhsuk-tag nhsuk-tag--aqua-green sp-tag-inline">Patient-facing</span>
                ) : null}
              </h3>
              <ClauseBody clause={c} />
              {extra ? extra(c) : null}
            </div>
          ))}
        </section>
      ))}
    </>
  );
}
