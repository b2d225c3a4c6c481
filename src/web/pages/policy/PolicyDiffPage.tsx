import { Link, useSearchParams } from "react-router-dom";
import { LoadError } from "../../components/Messages";
import { Loading } from "../../components/Shell";
import { useApi, usePageTitle } from "../../hooks";
import { usePractice } from "../../layouts";
import { policyApi, STATUS_LABELS } from "./policy-api";

const CHANGE_LABELS: Record<string, string> = {
  title: "title",
  text: "wording",
  patientFacing: "whether patients see it",
  sources: "sources",
  rules: "checker rules",
  hotTopic: "hot-topic dates",
  position: "number",
};

/** A clause-by-clause comparison of two versions, with added and removed words marked. */
export default function PolicyDiffPage() {
  const { practice, path } = usePractice();
  const [params, setParams] = useSearchParams();
  usePageTitle("Compare versions", practice.name);
  const versions = useApi(() => policyApi.versions(practice.id), practice.id);
  // Without a choice, the latest version against the one before it.
  const list = versions.status === "ok" ? versions.data.versions : [];
  const from = params.get("from") ?? list[1]?.id ?? "";
  const to = params.get("to") ?? list[0]?.id ?? "";
  const diff = useApi(
    () => (from && to ? policyApi.diff(practice.id, from, to) : Promise.resolve(null)),
    `${from}/${to}`,
  );
  const choose = (key: "from" | "to", value: string) => {
    const next = new URLSearchParams(params);
    next.set("from", from);
    next.set("to", to);
    next.set(key, value);
    setParams(next);
  };
  return (
    <>
      <Link className="nhsuk-back-link" to={path("policy")}>
        Social media policy
      </Link>
      <h1>Compare versions</h1>
      {versions.status === "ok" ? (
        <div className="nhsuk-grid-row">
          {(["from", "to"] as const).map((k) => (
            <div className="nhsuk-grid-column-one-half" key={k}>
              <label className="nhsuk-label" htmlFor={`diff-${k}`}>
                {k === "from" ? "Earlier version" : "Later version"}
              </label>
              <select
                className="nhsuk-select"
                id={`diff-${k}`}
                value={k === "from" ? from : to}
                onChange={(e) => choose(k, e.target.value)}
              >
                <option value="">Choose…</option>
                {versions.data.versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.version} ({(STATUS_LABELS[v.status]?.label ?? v.status).toLowerCase()})
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
      ) : null}
      {diff.status === "loading" ? <Loading what="Comparing" /> : null}
      {diff.status === "error" ? <LoadError error={diff.error} /> : null}
      {diff.status === "ok" && diff.data ? (
        <>
          <h2>
            From {diff.data.from} to {diff.data.to}
          </h2>
          {diff.data.clauses.filter((c) => c.status !== "unchanged").length === 0 ? (
            <p>No clause changed.</p>
          ) : null}
          <ul className="nhsuk-list" data-testid="diff">
            {diff.data.clauses
              .filter((c) => c.status !== "unchanged")
              .map((c) => (
                <li key={c.key} className="nhsuk-card">
                  <div className="nhsuk-card__content">
                    <h3 className="nhsuk-card__heading nhsuk-heading-s">
                      {c.toNumber ?? c.fromNumber} {c.title}:{" "}
                      {c.status === "added"
                        ? "added"
                        : c.status === "removed"
                          ? "removed"
                          : `changed (${c.changes.map((x) => CHANGE_LABELS[x] ?? x).join(", ")})`}
                    </h3>
                    {c.before !== undefined && c.after !== undefined ? (
                      <div className="nhsuk-grid-row sp-diff-sides" data-testid="side-by-side">
                        <div className="nhsuk-grid-column-one-half">
                          <h4 className="nhsuk-heading-xs">Before ({diff.data?.from})</h4>
                          <p className="sp-diff-old">{c.before}</p>
                        </div>
                        <div className="nhsuk-grid-column-one-half">
                          <h4 className="nhsuk-heading-xs">After ({diff.data?.to})</h4>
                          <p className="sp-diff-new">{c.after}</p>
                        </div>
                      </div>
                    ) : c.words ? (
                      <p className="sp-diff">
                        {c.words.map((w, i) =>
                          w.kind === "added" ? (
                            <ins key={i}>{w.text}</ins>
                          ) : w.kind === "removed" ? (
                            <del key={i}>{w.text}</del>
                          ) : (
                            <span key={i}>{w.text}</span>
                          ),
                        )}
                      </p>
                    ) : null}
                  </div>
                </li>
              ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
