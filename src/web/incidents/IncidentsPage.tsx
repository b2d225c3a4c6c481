// The incident register: the cases this member may see (all for an admin, their own for an investigator),
// each breach with its 72-hour clock, and for an admin a form to open a case.
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { formatUkDateTime } from "../../core/dates";
import {
  INCIDENT_STATUS_LABELS,
  INCIDENT_TYPE_LABELS,
  INCIDENT_TYPES,
  type IncidentType,
} from "../../core/incidents/types";
import { Button, TextField } from "../components/Fields";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../hooks";
import { usePractice } from "../layouts";
import { incidentsApi, type IncidentSummary } from "./incidents-api";
import { Select } from "./IncidentFields";

/** A breach's clock in words. */
export function clockWords(b: NonNullable<IncidentSummary["breach"]>): string {
  if (b.decided) return "Decision recorded";
  if (b.hoursLeft <= 0 && new Date(b.deadline).getTime() <= Date.now())
    return `Overdue since ${formatUkDateTime(b.deadline)}`;
  return `${b.hoursLeft} hours left (due ${formatUkDateTime(b.deadline)})`;
}

export default function IncidentsPage() {
  const { practice, path } = usePractice();
  usePageTitle("Incidents", practice.name);
  const list = useApi(() => incidentsApi.list(practice.id), practice.id);
  if (list.status === "error") return <LoadError error={list.error} />;
  if (list.status === "loading") return <Loading />;
  const { incidents, canOpen } = list.data;
  return (
    <>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>Incidents</h1>
      <p>
        Concerns reported, cases being worked on and personal data breaches with their 72-hour clock. Only the
        practice manager and the investigators named on a case can see it; every look at a case is in the
        audit log. <Link to={path("incidents/report")}>Report a concern</Link>.
      </p>
      {incidents.length === 0 ? (
        <p>There are no cases for you to see.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption">The register</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              <th scope="col">Breach clock</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {incidents.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={path(`incidents/${i.id}`)}>
                    {i.number}: {i.title}
                  </Link>
                </td>
                <td>{INCIDENT_TYPE_LABELS[i.type]}</td>
                <td>{INCIDENT_STATUS_LABELS[i.status]}</td>
                <td>{i.breach ? clockWords(i.breach) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canOpen ? <OpenCase /> : null}
    </>
  );
}

function OpenCase() {
  const { practice, path } = usePractice();
  const navigate = useNavigate();
  const [type, setType] = useState<IncidentType | "">("");
  const [title, setTitle] = useState("");
  const { busy, error, submit } = useSubmit();
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(async () => {
          const c = await incidentsApi.open(practice.id, { type: type || ("" as IncidentType), title });
          void navigate(path(`incidents/${c.id}`));
        });
      }}
    >
      <h2>Open a case</h2>
      <ErrorSummary items={summaryFromError(error, "open-")} />
      <Select
        id="open-type"
        label="Type"
        value={type}
        placeholder="Choose the type"
        options={INCIDENT_TYPES.map((t) => ({ value: t, label: INCIDENT_TYPE_LABELS[t] }))}
        onChange={setType}
        error={fieldError(error, "type")}
      />
      <TextField
        id="open-title"
        label="Short title"
        value={title}
        onChange={setTitle}
        error={fieldError(error, "title")}
      />
      <Button busy={busy}>Open the case</Button>
    </form>
  );
}
