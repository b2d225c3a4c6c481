import { Link, useSearchParams } from "react-router-dom";
import { LoadError } from "../../components/Messages";
import { Loading } from "../../components/Shell";
import { useApi, usePageTitle } from "../../hooks";
import { usePractice } from "../../layouts";
import { policyApi, STATUS_LABELS } from "./policy-api";
import { ClauseChanges } from "./ClauseChanges";

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
          <h2 className="nhsuk-u-margin-top-4">
            From {diff.data.from} to {diff.data.to}
          </h2>
          <ClauseChanges clauses={diff.data.clauses} from={diff.data.from} to={diff.data.to} />
        </>
      ) : null}
    </>
  );
}
