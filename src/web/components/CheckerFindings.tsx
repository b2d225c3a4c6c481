// The checker as pages show it: loaded on demand (the lexicons are large), the verdict, the text with every
// flagged span marked, and the findings grouped by rule with the practice's clause and a suggested fix.
import { Fragment, useEffect, useState, type ReactElement } from "react";
import type { CheckInput, CheckResult, PracticeProfile, Verdict } from "../../core/checker/types";
import { groupFindings } from "../../core/checker/group";
import { request } from "../api";
import { useApi } from "../hooks";

export type CheckFn = (input: CheckInput, profile?: PracticeProfile) => CheckResult;

/** The checker function, once its chunk has loaded (null until then). */
export function useChecker(): CheckFn | null {
  const [check, setCheck] = useState<CheckFn | null>(null);
  useEffect(() => {
    void import("../../core/checker/index").then((m) => setCheck(() => m.check as CheckFn));
  }, []);
  return check;
}

/** The practice's own names, places, numbers and clauses for the checker; the text itself never leaves the page. */
export function useCheckerProfile(practiceId: string): PracticeProfile | undefined {
  return useApi(
    () => request<PracticeProfile>("GET", `/api/practices/${practiceId}/checker-profile`),
    practiceId,
  ).data;
}

export const VERDICT: Record<Verdict, { label: string; tag: string }> = {
  ok: { label: "OK to post", tag: "nhsuk-tag--green" },
  review: { label: "Review before posting", tag: "nhsuk-tag--yellow" },
  "do-not-post": { label: "Do not post", tag: "nhsuk-tag--red" },
};

export function VerdictTag({ verdict, label }: { verdict: Verdict; label?: string }) {
  return <strong className={`nhsuk-tag ${VERDICT[verdict].tag}`}>{label ?? VERDICT[verdict].label}</strong>;
}

/** The text with every flagged span wrapped in <mark>. */
export function Marked({ text, result }: { text: string; result: CheckResult }) {
  const spans = result.findings
    .filter((f) => f.severity !== "advice")
    .flatMap((f) => f.spans)
    .sort((a, b) => a.start - b.start);
  const parts: ReactElement[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.end <= at) continue;
    const start = Math.max(s.start, at);
    parts.push(<Fragment key={`t${start}`}>{text.slice(at, start)}</Fragment>);
    parts.push(<mark key={`m${start}`}>{text.slice(start, s.end)}</mark>);
    at = s.end;
  }
  parts.push(<Fragment key="end">{text.slice(at)}</Fragment>);
  return (
    <p className="nhsuk-body sp-pre-wrap" data-testid="marked">
      {parts}
    </p>
  );
}

/** The findings grouped by rule, most severe first; "No problems found." when there are none. */
export function FindingsList({ text, result }: { text: string; result: CheckResult }) {
  if (!result.findings.length) return <p>No problems found.</p>;
  return (
    <ul className="nhsuk-list nhsuk-list--border" data-testid="findings">
      {groupFindings(text, result.findings).map((g) => (
        <li key={g.rule}>
          <h3 className="nhsuk-heading-s">
            {g.severity === "breach" ? "Breach" : g.severity === "warning" ? "Warning" : "Advice"}:{" "}
            {g.message}
          </h3>
          {g.words.length ? (
            <p className="nhsuk-body-s">
              Flagged:{" "}
              {g.words.map((w, i) => (
                <Fragment key={w}>
                  {i ? ", " : ""}
                  <q>{w}</q>
                </Fragment>
              ))}
            </p>
          ) : null}
          <p className="nhsuk-body-s">
            Policy clause {g.clause}: {g.clauseTitle}
          </p>
          <p className="nhsuk-body-s">{g.suggestion}</p>
        </li>
      ))}
    </ul>
  );
}
