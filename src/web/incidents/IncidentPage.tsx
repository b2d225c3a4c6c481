// One case: what was reported, the people on it, its timeline, and — as the server allows this member — the
// breach record (aware time, NHS grading, decision, people told) and the disciplinary steps in the Acas order.
import { useState, type ReactNode } from "react";
import { Link, useParams } from "react-router-dom";
import { formatUkDateTime } from "../../core/dates";
import { MESSAGES } from "../../core/checker/messages";
import type { RuleId } from "../../core/checker/types";
import { LIKELIHOOD_LABELS, SEVERITY_LABELS } from "../../core/incidents/breach-grading";
import { DISCIPLINARY_OUTCOMES } from "../../core/incidents/disciplinary";
import { INCIDENT_STATUS_LABELS, INCIDENT_TYPE_LABELS } from "../../core/incidents/types";
import { api, ApiError } from "../api";
import { Button, TextField } from "../components/Fields";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { Banner, LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle } from "../hooks";
import { usePractice } from "../layouts";
import { clockWords } from "./IncidentsPage";
import { incidentsApi, type DisciplinaryStepInput, type Incident } from "./incidents-api";
import { Radios, Select, TextArea } from "./IncidentFields";
import { instantOf, ukTimeOf, UkTimeField } from "./UkTimeField";
import { useCaseForm, type Changed } from "./case-form";
import { DsptReportForm } from "./DsptReportForm";

export default function IncidentPage() {
  const { practice } = usePractice();
  const { incidentId = "" } = useParams();
  const loaded = useApi(() => incidentsApi.get(practice.id, incidentId), `${practice.id}:${incidentId}`);
  const [current, setCurrent] = useState<Incident | null>(null);
  const [done, setDone] = useState<string | null>(null);
  usePageTitle("Case", practice.name);
  if (loaded.status === "error") return <LoadError error={loaded.error} />;
  if (loaded.status === "loading") return <Loading />;
  const c = current && current.id === loaded.data.id ? current : loaded.data;
  const changed: Changed = (next, what) => {
    setCurrent(next);
    setDone(what);
  };
  return <CaseView incident={c} done={done} onChange={changed} />;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading">{title}</h2>
        {children}
      </div>
    </section>
  );
}

function CaseView({
  incident: c,
  done,
  onChange,
}: {
  incident: Incident;
  done: string | null;
  onChange: Changed;
}) {
  const { practice, path } = usePractice();
  const can = (a: Incident["allowed"][number]) => c.allowed.includes(a);
  return (
    <>
      <span className="nhsuk-caption-l">
        <Link to={path("incidents")}>Incidents</Link> · case {c.number}
      </span>
      <h1>{c.title}</h1>
      {done ? (
        <Banner title="Saved" success>
          <p>{done}</p>
        </Banner>
      ) : null}
      <dl className="nhsuk-summary-list">
        <Row label="Type">{INCIDENT_TYPE_LABELS[c.type]}</Row>
        <Row label="Status">{INCIDENT_STATUS_LABELS[c.status]}</Row>
        <Row label="Owner">{c.owner?.name ?? "Nobody yet"}</Row>
        <Row label="About">{c.subjects.map((p) => p.name).join(", ") || "Nobody named"}</Row>
        <Row label="Investigators">{c.investigators.map((p) => p.name).join(", ") || "None named"}</Row>
        {c.summary ? <Row label="Summary">{c.summary}</Row> : null}
        {c.outcome ? <Row label="Outcome">{c.outcome}</Row> : null}
      </dl>
      {c.concern ? (
        <Section title="The concern as reported">
          <dl className="nhsuk-summary-list">
            <Row label="Reported by">{c.concern.reportedBy?.name ?? "a former member"}</Row>
            {c.concern.url ? <Row label="Link">{c.concern.url}</Row> : null}
            <Row label="What they saw">{c.concern.seen}</Row>
            {c.concern.includedText ? <Row label="Text they included">{c.concern.includedText}</Row> : null}
            {c.concern.comment ? (
              <Row label="Inbox comment">
                <Link to={path(`inbox/${c.concern.comment.conversationId}`)}>
                  Open the comment in the inbox
                </Link>
              </Row>
            ) : null}
            {c.concern.findings ? (
              <Row label="What the checker found">
                {c.concern.findings.length ? (
                  <ul className="nhsuk-list nhsuk-list--bullet" data-testid="concern-findings">
                    {c.concern.findings.map((f, i) => (
                      <li key={i}>
                        {f.severity}: {MESSAGES[f.rule as RuleId] ?? f.rule}
                        {f.clause ? ` (clause ${f.clause})` : ""}
                      </li>
                    ))}
                  </ul>
                ) : (
                  "Nothing."
                )}
              </Row>
            ) : null}
          </dl>
        </Section>
      ) : null}
      {c.breach ? <BreachSection incident={c} editable={can("manage-breach")} onChange={onChange} /> : null}
      {c.disciplinary || can("disciplinary-step") ? (
        <DisciplinarySection incident={c} editable={can("disciplinary-step")} onChange={onChange} />
      ) : null}
      <EvidenceSection incident={c} editable={can("add-action")} onChange={onChange} />
      <Section title="Timeline">
        <ol className="nhsuk-list">
          {c.timeline.map((e, i) => (
            <li key={i}>
              <strong>{formatUkDateTime(e.at)}</strong> — {e.actor?.name ?? "safepost"}: {e.note ?? e.kind}
            </li>
          ))}
        </ol>
        {can("add-action") ? <AddAction incident={c} onChange={onChange} /> : null}
      </Section>
      {can("edit-incident") ? <StatusForm incident={c} onChange={onChange} /> : null}
      <p>
        <Link to={path("incidents")}>Back to the register</Link> · {practice.name}
      </p>
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}

function AddAction({ incident, onChange }: { incident: Incident; onChange: Changed }) {
  const { practice } = usePractice();
  const [note, setNote] = useState("");
  const f = useCaseForm(onChange);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        f.run(async () => {
          const next = await incidentsApi.addAction(practice.id, incident.id, note);
          setNote("");
          return next;
        }, "Action added to the timeline.");
      }}
    >
      <ErrorSummary items={summaryFromError(f.error, "action-")} />
      <TextArea
        id="action-note"
        label="Add an action"
        value={note}
        onChange={setNote}
        error={fieldError(f.error, "note")}
      />
      <Button busy={f.busy} variant="secondary">
        Add the action
      </Button>
    </form>
  );
}

function EvidenceSection({
  incident,
  editable,
  onChange,
}: {
  incident: Incident;
  editable: boolean;
  onChange: Changed;
}) {
  const { practice } = usePractice();
  const [file, setFile] = useState<File | null>(null);
  const f = useCaseForm(onChange);
  return (
    <Section title="Evidence">
      {incident.evidence.length ? (
        <ul>
          {incident.evidence.map((e) => (
            <li key={e.id}>
              <a href={incidentsApi.evidencePath(practice.id, incident.id, e.id)}>{e.fileName}</a> (
              {e.mimeType}, {Math.ceil(e.size / 1024)} KB), added {formatUkDateTime(e.uploadedAt)} by{" "}
              {e.uploadedBy?.name ?? "a former member"}. SHA-256 <code>{e.sha256}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p>No evidence files yet.</p>
      )}
      {editable ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            f.run(async () => {
              if (!file)
                throw new ApiError(400, "invalid-input", "Choose a file.", { file: "Choose a file." });
              await incidentsApi.uploadEvidence(practice.id, incident.id, file);
              return incidentsApi.get(practice.id, incident.id);
            }, "Evidence added.");
          }}
        >
          <ErrorSummary items={summaryFromError(f.error, "evidence-")} />
          <div className={`nhsuk-form-group${f.error ? " nhsuk-form-group--error" : ""}`}>
            <label className="nhsuk-label" htmlFor="evidence-file">
              Add a screenshot or PDF
            </label>
            <div className="nhsuk-hint" id="evidence-file-hint">
              PNG, JPEG, GIF, WebP or PDF, up to 20 MB.
            </div>
            <input
              className="nhsuk-file-upload"
              id="evidence-file"
              type="file"
              aria-describedby="evidence-file-hint"
              accept="image/png,image/jpeg,image/gif,image/webp,application/pdf"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <Button busy={f.busy} variant="secondary">
            Add the file
          </Button>
        </form>
      ) : null}
    </Section>
  );
}

function StatusForm({ incident, onChange }: { incident: Incident; onChange: Changed }) {
  const { practice } = usePractice();
  const [text, setText] = useState("");
  const f = useCaseForm(onChange);
  const closing = incident.status !== "closed";
  return (
    <Section title={closing ? "Close the case" : "Reopen the case"}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          f.run(
            () =>
              incidentsApi.update(
                practice.id,
                incident.id,
                closing ? { status: "closed", outcome: text } : { status: "open", reason: text },
              ),
            closing ? "The case is closed." : "The case is open again.",
          );
        }}
      >
        <ErrorSummary items={summaryFromError(f.error, "status-")} />
        <TextArea
          id={closing ? "status-outcome" : "status-reason"}
          label={closing ? "Outcome" : "Why is it being reopened?"}
          value={text}
          onChange={setText}
          error={fieldError(f.error, closing ? "outcome" : "reason")}
        />
        <Button busy={f.busy} variant="secondary">
          {closing ? "Close the case" : "Reopen the case"}
        </Button>
      </form>
    </Section>
  );
}

const points = (labels: Record<number, string>) =>
  Object.entries(labels).map(([v, label]) => ({ value: v, label: `${v}: ${label}` }));

function BreachSection({
  incident,
  editable,
  onChange,
}: {
  incident: Incident;
  editable: boolean;
  onChange: Changed;
}) {
  const { practice } = usePractice();
  const b = incident.breach!;
  const put = (part: Parameters<typeof incidentsApi.breach>[2], body: unknown) =>
    incidentsApi.breach(practice.id, incident.id, part, body);
  const [aware, setAware] = useState(ukTimeOf(new Date(b.awareAt)));
  const [awareReason, setAwareReason] = useState("");
  const [likelihood, setLikelihood] = useState(String(b.grading?.likelihood ?? ""));
  const [severity, setSeverity] = useState(String(b.grading?.severity ?? ""));
  const [vulnerable, setVulnerable] = useState(b.grading?.vulnerableGroup ?? false);
  const [decision, setDecision] = useState<"report" | "not-report" | "">("");
  const [reasons, setReasons] = useState("");
  const [told, setTold] = useState<"told" | "not-told" | "">(b.peopleTold?.told ?? "");
  const [toldNote, setToldNote] = useState(b.peopleTold?.note ?? "");
  const awareForm = useCaseForm(onChange);
  const gradeForm = useCaseForm(onChange);
  const decideForm = useCaseForm(onChange);
  const toldForm = useCaseForm(onChange);
  return (
    <Section title="Personal data breach">
      <p>
        <strong>72-hour clock:</strong> {clockWords(b)}. Aware since {formatUkDateTime(b.awareAt)}.
      </p>
      {b.awareChanges.length ? (
        <ul>
          {b.awareChanges.map((a, i) => (
            <li key={i}>
              Aware time changed from {formatUkDateTime(a.from)} to {formatUkDateTime(a.to)} by{" "}
              {a.by?.name ?? "a former member"}: {a.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {b.grading ? (
        <p>
          <strong>Grading:</strong> likelihood {b.grading.likelihood} × severity {b.grading.severity} ={" "}
          {b.grading.score}. {b.grading.advice}
        </p>
      ) : null}
      {b.decision ? (
        <p>
          <strong>Decision:</strong>{" "}
          {b.decision.decision === "report" ? "reported to the ICO" : "not reported to the ICO"} on{" "}
          {formatUkDateTime(b.decision.decidedAt)}
          {b.decision.withinClock ? "" : " (after the 72 hours)"}. Reasons: {b.decision.reasons}
        </p>
      ) : null}
      {editable ? (
        <>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              awareForm.run(
                () => put("aware-at", { awareAt: instantOf(aware), reason: awareReason || null }),
                "The time the practice became aware is changed.",
              );
            }}
          >
            <h3>When the practice became aware</h3>
            <ErrorSummary items={summaryFromError(awareForm.error, "aware-")} />
            <UkTimeField
              id="aware-awareAt"
              legend="Became aware"
              value={aware}
              onChange={setAware}
              error={fieldError(awareForm.error, "awareAt")}
            />
            <TextField
              id="aware-reason"
              label="Reason for the change"
              value={awareReason}
              onChange={setAwareReason}
              error={fieldError(awareForm.error, "reason")}
            />
            <Button busy={awareForm.busy} variant="secondary">
              Change the aware time
            </Button>
          </form>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              gradeForm.run(
                () =>
                  put("grading", {
                    likelihood: Number(likelihood) || 0,
                    severity: Number(severity) || 0,
                    vulnerableGroup: vulnerable,
                  }),
                "The breach is graded.",
              );
            }}
          >
            <h3>Grade the breach (NHS grid)</h3>
            <ErrorSummary items={summaryFromError(gradeForm.error, "grade-")} />
            <Select
              id="grade-likelihood"
              label="Likelihood that people are harmed"
              value={likelihood}
              placeholder="Choose 1 to 5"
              options={points(LIKELIHOOD_LABELS)}
              onChange={setLikelihood}
              error={fieldError(gradeForm.error, "likelihood")}
            />
            <Select
              id="grade-severity"
              label="Severity of the harm"
              value={severity}
              placeholder="Choose 1 to 5"
              options={points(SEVERITY_LABELS)}
              onChange={setSeverity}
              error={fieldError(gradeForm.error, "severity")}
            />
            <div className="nhsuk-form-group">
              <div className="nhsuk-checkboxes">
                <div className="nhsuk-checkboxes__item">
                  <input
                    className="nhsuk-checkboxes__input"
                    id="grade-vulnerable"
                    type="checkbox"
                    checked={vulnerable}
                    onChange={(e) => setVulnerable(e.target.checked)}
                  />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="grade-vulnerable">
                    A vulnerable group is involved (children, vulnerable adults)
                  </label>
                </div>
              </div>
            </div>
            <Button busy={gradeForm.busy} variant="secondary">
              Save the grading
            </Button>
          </form>
          {!b.decision ? (
            <form
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                decideForm.run(
                  () => put("decision", { decision: decision || undefined, reasons }),
                  "The decision is recorded.",
                );
              }}
            >
              <h3>Decide whether to report to the ICO</h3>
              <ErrorSummary items={summaryFromError(decideForm.error, "decide-")} />
              <Radios
                id="decide-decision"
                legend="Decision"
                value={decision}
                options={[
                  { value: "report", label: "Report to the ICO through the DSPT incident tool" },
                  { value: "not-report", label: "Do not report" },
                ]}
                onChange={setDecision}
                error={fieldError(decideForm.error, "decision")}
              />
              <TextArea
                id="decide-reasons"
                label="Reasons"
                hint="Needed whichever way you decide."
                value={reasons}
                onChange={setReasons}
                error={fieldError(decideForm.error, "reasons")}
              />
              <Button busy={decideForm.busy}>Record the decision</Button>
            </form>
          ) : null}
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              toldForm.run(
                () => put("people-told", { told: told || undefined, note: toldNote || null }),
                "Recorded whether the people affected were told.",
              );
            }}
          >
            <h3>The people affected</h3>
            <ErrorSummary items={summaryFromError(toldForm.error, "told-")} />
            <Radios
              id="told-told"
              legend="Were they told?"
              value={told}
              options={[
                { value: "told", label: "Yes, they were told" },
                { value: "not-told", label: "No" },
              ]}
              onChange={setTold}
              error={fieldError(toldForm.error, "told")}
            />
            <TextArea
              id="told-note"
              label="How, or why not"
              value={toldNote}
              onChange={setToldNote}
              error={fieldError(toldForm.error, "note")}
            />
            <Button busy={toldForm.busy} variant="secondary">
              Save
            </Button>
          </form>
        </>
      ) : null}
      <DsptReportForm incident={incident} editable={editable} onChange={onChange} />
    </Section>
  );
}

const STEP_LABELS: Record<DisciplinaryStepInput["kind"], string> = {
  "record-investigation": "Record the investigation (the investigator)",
  "send-invitation": "Send the written invitation to a meeting",
  "postpone-meeting": "Postpone the meeting (companion unavailable)",
  "record-meeting": "Record the meeting (the decider)",
  "record-decision": "Record the decision (the decider)",
  "lodge-appeal": "Record an appeal",
  "record-appeal-outcome": "Record the appeal's outcome (someone new)",
  "resolve-informally": "Resolve informally",
};

function DisciplinarySection({
  incident,
  editable,
  onChange,
}: {
  incident: Incident;
  editable: boolean;
  onChange: Changed;
}) {
  const d = incident.disciplinary;
  return (
    <Section title="Disciplinary process (Acas Code)">
      {d ? (
        <p>
          Stage: <strong>{d.stage}</strong>. About {d.subject.name}; investigator {d.investigator.name};
          decider {d.decider.name}.
        </p>
      ) : (
        <p>No disciplinary process has been opened on this case.</p>
      )}
      {d?.letters.length ? <LetterLinks incident={incident} letters={d.letters} /> : null}
      {editable && !d ? <OpenDisciplinary incident={incident} onChange={onChange} /> : null}
      {editable && d ? <StepForm incident={incident} onChange={onChange} /> : null}
    </Section>
  );
}

const LETTER_LABELS: Record<string, string> = {
  invitation: "Invitation to the disciplinary meeting",
  decision: "Decision letter",
  "appeal-outcome": "Appeal outcome letter",
};

/** Downloads of the letters the steps so far have produced, each as PDF and Word. */
function LetterLinks({ incident, letters }: { incident: Incident; letters: readonly string[] }) {
  const { practice } = usePractice();
  return (
    <>
      <h3>Letters</h3>
      <ul className="nhsuk-list">
        {letters.map((l) => (
          <li key={l}>
            {LETTER_LABELS[l] ?? l}:{" "}
            <a href={incidentsApi.letterPath(practice.id, incident.id, l, "pdf")} download>
              PDF<span className="nhsuk-u-visually-hidden"> of the {LETTER_LABELS[l]?.toLowerCase()}</span>
            </a>{" "}
            ·{" "}
            <a href={incidentsApi.letterPath(practice.id, incident.id, l, "docx")} download>
              Word
              <span className="nhsuk-u-visually-hidden"> copy of the {LETTER_LABELS[l]?.toLowerCase()}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

function OpenDisciplinary({ incident, onChange }: { incident: Incident; onChange: Changed }) {
  const { practice } = usePractice();
  const members = useApi(() => api.members(practice.id), practice.id);
  const [subjectId, setSubject] = useState(incident.subjects[0]?.id ?? "");
  const [investigatorId, setInvestigator] = useState("");
  const [deciderId, setDecider] = useState("");
  const f = useCaseForm(onChange);
  const people = (members.data?.members ?? [])
    .filter((m) => m.active)
    .map((m) => ({ value: m.userId, label: m.name }));
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        f.run(
          () =>
            incidentsApi.openDisciplinary(practice.id, incident.id, { subjectId, investigatorId, deciderId }),
          "The disciplinary process is open.",
        );
      }}
    >
      <ErrorSummary items={summaryFromError(f.error, "disc-")} />
      <Select
        id="disc-subjectId"
        label="The member the case is about"
        value={subjectId}
        placeholder="Choose"
        options={people}
        onChange={setSubject}
      />
      <Select
        id="disc-investigatorId"
        label="Who investigates"
        value={investigatorId}
        placeholder="Choose"
        options={people}
        onChange={setInvestigator}
      />
      <Select
        id="disc-deciderId"
        label="Who decides (someone else)"
        value={deciderId}
        placeholder="Choose"
        options={people}
        onChange={setDecider}
      />
      <Button busy={f.busy} variant="secondary">
        Open the disciplinary process
      </Button>
    </form>
  );
}

function StepForm({ incident, onChange }: { incident: Incident; onChange: Changed }) {
  const { practice } = usePractice();
  const [kind, setKind] = useState<DisciplinaryStepInput["kind"] | "">("");
  const [text, setText] = useState("");
  const [evidence, setEvidence] = useState("");
  const [place, setPlace] = useState("");
  const [when, setWhen] = useState(ukTimeOf(new Date()));
  const [accompanied, setAccompanied] = useState(false);
  const [companion, setCompanion] = useState<"none" | "colleague" | "trade-union-representative">("none");
  const [outcome, setOutcome] = useState<(typeof DISCIPLINARY_OUTCOMES)[number]>("no-action");
  const [months, setMonths] = useState("");
  const [result, setResult] = useState<"upheld" | "overturned" | "varied">("upheld");
  const f = useCaseForm(onChange);
  const body = (): DisciplinaryStepInput | null => {
    switch (kind) {
      case "record-investigation":
        return { kind, findings: text };
      case "send-invitation":
        return {
          kind,
          allegation: text,
          evidence: evidence.split("\n"),
          meetingAt: instantOf(when),
          place,
          rightToBeAccompanied: accompanied,
        };
      case "postpone-meeting":
        return { kind, to: instantOf(when), reason: text };
      case "record-meeting":
        return { kind, heldAt: instantOf(when), companion, record: text };
      case "record-decision":
        return { kind, outcome, reasons: text, warningMonths: months ? Number(months) : null };
      case "lodge-appeal":
        return { kind, grounds: text };
      case "record-appeal-outcome":
        return { kind, result, reasons: text };
      case "resolve-informally":
        return { kind, note: text };
      default:
        return null;
    }
  };
  const needsTime = kind === "send-invitation" || kind === "postpone-meeting" || kind === "record-meeting";
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const b = body();
        if (b) f.run(() => incidentsApi.step(practice.id, incident.id, b), `${STEP_LABELS[b.kind]}: done.`);
      }}
    >
      <h3>Record a step</h3>
      <ErrorSummary items={summaryFromError(f.error, "step-")} />
      <Select
        id="step-kind"
        label="Step"
        value={kind}
        placeholder="Choose the step"
        options={Object.entries(STEP_LABELS).map(([value, label]) => ({
          value: value as DisciplinaryStepInput["kind"],
          label,
        }))}
        onChange={setKind}
      />
      {kind ? (
        <TextArea
          id="step-text"
          label={kind === "send-invitation" ? "The allegation" : "Details"}
          value={text}
          onChange={setText}
        />
      ) : null}
      {kind === "send-invitation" ? (
        <>
          <TextArea
            id="step-evidence"
            label="Evidence (one item a line)"
            value={evidence}
            onChange={setEvidence}
          />
          <TextField id="step-place" label="Place" value={place} onChange={setPlace} />
          <div className="nhsuk-form-group">
            <div className="nhsuk-checkboxes">
              <div className="nhsuk-checkboxes__item">
                <input
                  className="nhsuk-checkboxes__input"
                  id="step-accompanied"
                  type="checkbox"
                  checked={accompanied}
                  onChange={(e) => setAccompanied(e.target.checked)}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="step-accompanied">
                  The letter tells the member they may bring a colleague or a trade union representative
                </label>
              </div>
            </div>
          </div>
        </>
      ) : null}
      {needsTime ? (
        <UkTimeField
          id="step-when"
          legend={kind === "record-meeting" ? "Held at" : "Meeting at"}
          value={when}
          onChange={setWhen}
        />
      ) : null}
      {kind === "record-meeting" ? (
        <Select
          id="step-companion"
          label="Companion"
          value={companion}
          options={[
            { value: "none", label: "None" },
            { value: "colleague", label: "A colleague" },
            { value: "trade-union-representative", label: "A trade union representative" },
          ]}
          onChange={setCompanion}
        />
      ) : null}
      {kind === "record-decision" ? (
        <>
          <Select
            id="step-outcome"
            label="Outcome"
            value={outcome}
            options={DISCIPLINARY_OUTCOMES.map((o) => ({ value: o, label: o.replace(/-/g, " ") }))}
            onChange={setOutcome}
          />
          <TextField
            id="step-months"
            label="Warning stays on file for (months)"
            value={months}
            onChange={setMonths}
            width="10"
          />
        </>
      ) : null}
      {kind === "record-appeal-outcome" ? (
        <Select
          id="step-result"
          label="Result"
          value={result}
          options={[
            { value: "upheld", label: "Upheld" },
            { value: "overturned", label: "Overturned" },
            { value: "varied", label: "Varied" },
          ]}
          onChange={setResult}
        />
      ) : null}
      {kind ? <Button busy={f.busy}>Record the step</Button> : null}
    </form>
  );
}
