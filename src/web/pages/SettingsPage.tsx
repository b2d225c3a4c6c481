import { useEffect, useState, type FormEvent } from "react";
import type { PracticeSettings } from "../../core/practice-settings";
import { ApiError, request } from "../api";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { Button, Field, fieldAria, TextField } from "../components/Fields";
import { Banner, LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../hooks";
import { usePractice } from "../layouts";

interface SettingsView {
  name: string;
  slug: string;
  revision: number;
  settings: PracticeSettings;
}

const FIELDS = [
  "name",
  "phone",
  "website",
  "onlineConsultationUrl",
  "complaintsProcedureUrl",
  "nhsWebsiteUrl",
  "safeguardingLead",
  "aliases",
  "emailDomains",
  "places",
  "postApprovalWindowHours",
  "inboxRetentionMonths",
];

/** The API names fields "settings.phone"; the form's inputs are "phone". */
const withFormFields = (e: ApiError | null): ApiError | null =>
  e &&
  new ApiError(
    e.status,
    e.code,
    e.message,
    Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k.replace(/^settings\./, ""), v])),
  );

const lines = (text: string): string[] =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** A list edited one item per line, with its hint and error beside it. */
function LinesField(props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
}) {
  const { id, value, onChange, error } = props;
  return (
    <Field id={id} label={props.label} hint={props.hint} error={error}>
      {(describedBy, invalid) => (
        <textarea
          className={`nhsuk-textarea${invalid ? " nhsuk-textarea--error" : ""}`}
          id={id}
          name={id}
          rows={3}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...fieldAria(describedBy, invalid)}
        />
      )}
    </Field>
  );
}

/** The admin edits the practice's details: the policy's placeholders, replies to patients and the checker use them. */
export default function SettingsPage() {
  const { practice } = usePractice();
  usePageTitle("Practice settings", practice.name);
  const loaded = useApi(
    () => request<SettingsView>("GET", `/api/practices/${practice.id}/settings`),
    practice.id,
  );
  const [form, setForm] = useState<Record<string, string> | null>(null);
  const [revision, setRevision] = useState(0);
  const [saved, setSaved] = useState(false);
  const { busy, error: apiError, submit } = useSubmit();
  const error = withFormFields(apiError);

  useEffect(() => {
    if (loaded.status !== "ok") return;
    const s = loaded.data.settings;
    setRevision(loaded.data.revision);
    setForm({
      name: loaded.data.name,
      phone: s.phone,
      website: s.website,
      onlineConsultationUrl: s.onlineConsultationUrl,
      complaintsProcedureUrl: s.complaintsProcedureUrl,
      nhsWebsiteUrl: s.nhsWebsiteUrl,
      safeguardingLead: s.safeguardingLead,
      aliases: s.aliases.join("\n"),
      emailDomains: s.emailDomains.join("\n"),
      places: s.places.join("\n"),
      postApprovalWindowHours: String(s.postApprovalWindowHours),
      inboxRetentionMonths: String(s.inboxRetentionMonths),
    });
  }, [loaded.status, loaded.data]);

  if (loaded.status === "loading" || !form)
    return loaded.status === "error" ? (
      <LoadError error={loaded.error} />
    ) : (
      <Loading what="Loading the settings" />
    );

  const set = (key: string) => (value: string) => {
    setSaved(false);
    setForm({ ...form, [key]: value });
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      const view = await request<SettingsView>("PUT", `/api/practices/${practice.id}/settings`, {
        revision,
        name: form.name,
        settings: {
          phone: form.phone,
          website: form.website,
          onlineConsultationUrl: form.onlineConsultationUrl,
          complaintsProcedureUrl: form.complaintsProcedureUrl,
          nhsWebsiteUrl: form.nhsWebsiteUrl,
          safeguardingLead: form.safeguardingLead,
          aliases: lines(form.aliases ?? ""),
          emailDomains: lines(form.emailDomains ?? ""),
          places: lines(form.places ?? ""),
          postApprovalWindowHours: form.postApprovalWindowHours,
          inboxRetentionMonths: form.inboxRetentionMonths,
        },
      });
      setRevision(view.revision);
      setSaved(true);
    });
  };
  const text = (key: string, label: string, hint?: string) => (
    <TextField
      id={key}
      label={label}
      value={form[key] ?? ""}
      onChange={set(key)}
      error={fieldError(error, key)}
      width="30"
      {...(hint ? { hint } : {})}
    />
  );

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={summaryFromError(error, "", FIELDS)} />
        {saved ? (
          <Banner success title="Settings saved">
            The policy, replies to patients and the checker now use them.
          </Banner>
        ) : null}
        <span className="nhsuk-caption-l">{practice.name}</span>
        <h1>Practice settings</h1>
        <p>
          These details fill in the policy, the page for patients and suggested replies, and tell the checker
          which phone numbers, email addresses and places are the practice&apos;s own.
        </p>
        <form onSubmit={onSubmit} noValidate>
          {text("name", "Practice name")}
          {text("phone", "Phone number", "The number patients call, for example 01234 567890.")}
          {text("website", "Website", "Starting with https://")}
          {text("onlineConsultationUrl", "Online consultation link", "Where patients ask for help online.")}
          {text(
            "complaintsProcedureUrl",
            "Complaints procedure link",
            "Where patients read how to make a complaint.",
          )}
          {text(
            "nhsWebsiteUrl",
            "Your page on the NHS website",
            "Your practice's page on nhs.uk, where patients leave reviews. Starting with https://www.nhs.uk/",
          )}
          {text(
            "safeguardingLead",
            "Safeguarding lead",
            "Who concerns about a patient's safety go to, for example Dr A Patel.",
          )}
          <LinesField
            id="aliases"
            label="Other names for the practice"
            hint="One per line, for example the name of a branch surgery."
            value={form.aliases ?? ""}
            onChange={set("aliases")}
            error={fieldError(error, "aliases")}
          />
          <LinesField
            id="emailDomains"
            label="Practice email domains"
            hint="One per line, without the @, for example riverside.nhs.uk."
            value={form.emailDomains ?? ""}
            onChange={set("emailDomains")}
            error={fieldError(error, "emailDomains")}
          />
          <LinesField
            id="places"
            label="Local places"
            hint="Streets, estates, schools and villages near the practice, one per line: the checker treats them as places that can identify a patient."
            value={form.places ?? ""}
            onChange={set("places")}
            error={fieldError(error, "places")}
          />
          {text(
            "postApprovalWindowHours",
            "Hours an approved post may wait",
            "If a post cannot be published within this many hours of its time (a platform was down, say), it goes back to an approver. Usually 24.",
          )}
          {text(
            "inboxRetentionMonths",
            "Months to keep comment text after a conversation closes",
            "After this, the words of the inbox's closed conversations are removed; evidence records of hidden comments are kept. Usually 12.",
          )}
          <Button busy={busy}>Save settings</Button>
        </form>
      </div>
    </div>
  );
}
