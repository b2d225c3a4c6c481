// The DSPT incident tool's questions about a breach, kept on the case and exported as a PDF to copy across.
import { useState } from "react";
import { Button, TextField } from "../components/Fields";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { usePractice } from "../layouts";
import { useCaseForm, type Changed } from "./case-form";
import { incidentsApi, type Incident } from "./incidents-api";
import { TextArea } from "./IncidentFields";

type Fields = NonNullable<Incident["breach"]>["reportFields"];
type Key = keyof Fields;

const QUESTIONS: { key: Key; label: string; hint?: string; short?: boolean }[] = [
  { key: "whatHappened", label: "What happened", hint: "How the breach happened and how it was found." },
  {
    key: "dataCategories",
    label: "Categories of personal data and of people",
    hint: "For example: names and appointment times of patients; health information.",
  },
  { key: "peopleAffected", label: "Approximate number of people affected", short: true },
  { key: "recordsAffected", label: "Approximate number of records affected", short: true },
  { key: "consequences", label: "Likely consequences for the people affected" },
  { key: "measures", label: "Measures taken or proposed", hint: "To deal with the breach and limit harm." },
  {
    key: "contact",
    label: "Contact point for more information",
    hint: "Usually the data protection officer.",
    short: true,
  },
];

export function DsptReportForm({
  incident,
  editable,
  onChange,
}: {
  incident: Incident;
  editable: boolean;
  onChange: Changed;
}) {
  const { practice } = usePractice();
  const saved = incident.breach!.reportFields;
  const [values, setValues] = useState<Record<Key, string>>(
    () => Object.fromEntries(QUESTIONS.map((q) => [q.key, saved[q.key] ?? ""])) as Record<Key, string>,
  );
  const f = useCaseForm(onChange);
  const download = (
    <p>
      <a href={incidentsApi.dsptReportPath(practice.id, incident.id)} download>
        Download the DSPT report (PDF)
      </a>
    </p>
  );
  if (!editable) return download;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        f.run(
          () => incidentsApi.breach(practice.id, incident.id, "report-fields", values),
          "The DSPT report's answers are saved.",
        );
      }}
    >
      <h3>The DSPT incident report</h3>
      <p>
        The questions the DSPT incident tool asks. Save your answers here, then download the PDF and copy each
        answer into the tool.
      </p>
      <ErrorSummary items={summaryFromError(f.error, "dspt-")} />
      {QUESTIONS.map((q) =>
        q.short ? (
          <TextField
            key={q.key}
            id={`dspt-${q.key}`}
            label={q.label}
            hint={q.hint}
            value={values[q.key]}
            onChange={(v) => setValues({ ...values, [q.key]: v })}
            error={fieldError(f.error, q.key)}
          />
        ) : (
          <TextArea
            key={q.key}
            id={`dspt-${q.key}`}
            label={q.label}
            hint={q.hint}
            value={values[q.key]}
            onChange={(v) => setValues({ ...values, [q.key]: v })}
            error={fieldError(f.error, q.key)}
          />
        ),
      )}
      <Button busy={f.busy} variant="secondary">
        Save the report's answers
      </Button>
      {download}
    </form>
  );
}
