// Editing a draft in the browser: a clause's wording and hot-topic window, adding, moving and removing
// clauses, adding and removing sections. Every save sends the revision the page was loaded at; when someone
// else saved in between, the API answers 409, nothing is written, and the person's text stays on screen.
import { useEffect, useRef, useState } from "react";
import type { PolicyClause, RenderedClause, RenderedSection } from "../../../core/policy";
import { LIMITS } from "../../../core/policy/document-schema";
import { ApiError } from "../../api";
import { DateInput, type DateParts } from "../../components/DateInput";
import { fromDateParts, toDateParts } from "../../../core/dates";
import { Field, fieldAria } from "../../components/Fields";
import { useFocusWhen, useSubmit } from "../../hooks";
import { usePractice } from "../../layouts";
import { policyApi, type NewClauseInput, type VersionView } from "./policy-api";

/** The form field an API field error belongs to ("clause.hotTopic.claims.3" → the claims box). */
const fieldOf = (apiField: string): string =>
  apiField.startsWith("clause.hotTopic.claims")
    ? "clause.hotTopic.claims"
    : apiField === "clause.key"
      ? "clause.title"
      : apiField;

function errorFor(error: ApiError | null, field: string): string | undefined {
  if (!error || error.code !== "invalid-input") return undefined;
  for (const [k, note] of Object.entries(error.fields)) if (fieldOf(k) === field) return note;
  return undefined;
}

/**
 * The NHS error summary for one form on a page with many: unique ids, focus when it appears, each problem
 * linked to its field. A conflict (someone else saved) offers to load the latest version; the form keeps
 * what the person typed.
 */
export function FormProblems({
  id,
  error,
  reload,
}: {
  id: string;
  error: ApiError | null;
  reload?: () => Promise<void>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const fields = error.code === "invalid-input" ? Object.entries(error.fields) : [];
  const conflict = error.code === "conflict";
  const stale = conflict && "revision" in error.fields;
  return (
    <div
      className="nhsuk-error-summary"
      ref={ref}
      tabIndex={-1}
      aria-labelledby={`${id}-problem-title`}
      data-testid="form-problems"
    >
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading" id={`${id}-problem-title`}>
          {stale
            ? "Not saved: someone else changed this draft"
            : conflict
              ? "This could not be done"
              : "There is a problem"}
        </h2>
        <div className="nhsuk-error-summary__body">
          {fields.length ? (
            <ul className="nhsuk-list nhsuk-error-summary__list">
              {fields.map(([field, note]) => {
                const target = `${id}-${fieldOf(field)}`;
                return (
                  <li key={field}>
                    <a
                      href={`#${target}`}
                      onClick={(e) => {
                        const el = document.getElementById(target);
                        if (!el) return;
                        e.preventDefault();
                        el.scrollIntoView({ block: "center" });
                        el.focus();
                      }}
                    >
                      {note}
                    </a>
                  </li>
                );
              })}
            </ul>
          ) : (
            <p>{error.message}</p>
          )}
          {stale && reload ? (
            <button
              className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
              type="button"
              onClick={() => void reload()}
            >
              Load the latest version
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );
}

interface ClauseDraft {
  title: string;
  text: string;
  patientFacing: boolean;
  hot: boolean;
  label: string;
  start: DateParts;
  end: DateParts;
  claims: string;
}

const draftOf = (c?: PolicyClause): ClauseDraft => ({
  title: c?.title ?? "",
  text: c?.text ?? "",
  patientFacing: c?.patientFacing ?? false,
  hot: !!c?.hotTopic,
  label: c?.hotTopic?.label ?? "",
  start: toDateParts(c?.hotTopic?.start),
  end: toDateParts(c?.hotTopic?.end),
  claims: (c?.hotTopic?.claims ?? []).join("\n"),
});

const isEmpty = (d: DateParts): boolean => !d.day.trim() && !d.month.trim() && !d.year.trim();

/**
 * The clause as the API takes it; an unticked hot-topic box drops the window. Day, month and year boxes that do
 * not make a real date are refused here, with the same kind of error the API gives, so nothing is sent.
 */
function clauseFrom(d: ClauseDraft): NewClauseInput {
  const out: NewClauseInput = { title: d.title, text: d.text, patientFacing: d.patientFacing };
  if (d.hot) {
    out.hotTopic = {
      label: d.label,
      claims: d.claims
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean),
    };
    const fields: Record<string, string> = {};
    for (const [key, label] of [
      ["start", "The start date"],
      ["end", "The end date"],
    ] as const) {
      if (isEmpty(d[key])) continue;
      const r = fromDateParts(d[key], label);
      if (r.ok) out.hotTopic[key] = r.day;
      else fields[`clause.hotTopic.${key}`] = `${r.message}.`;
    }
    const problems = Object.values(fields);
    if (problems.length)
      throw new ApiError(
        400,
        "invalid-input",
        problems.length === 1 ? problems[0]! : "Please correct the hot topic's dates.",
        fields,
      );
  }
  return out;
}

/** Title, text, patient-facing, and the hot-topic window (label, dates, claim phrases). Ids are `${id}-clause.…`. */
function ClauseFields({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: ClauseDraft;
  onChange: (d: ClauseDraft) => void;
  error: ApiError | null;
}) {
  const set = <K extends keyof ClauseDraft>(k: K, v: ClauseDraft[K]) => onChange({ ...value, [k]: v });
  const f = (name: string) => `${id}-${name}`;
  return (
    <>
      <Field id={f("clause.title")} label="Clause title" error={errorFor(error, "clause.title")}>
        {(d, invalid) => (
          <input
            className={`nhsuk-input${invalid ? " nhsuk-input--error" : ""}`}
            id={f("clause.title")}
            value={value.title}
            maxLength={LIMITS.title * 2}
            onChange={(e) => set("title", e.target.value)}
            {...fieldAria(d, invalid)}
          />
        )}
      </Field>
      <Field
        id={f("clause.text")}
        label="Clause text"
        hint={`Plain text, up to ${LIMITS.text.toLocaleString("en-GB")} characters. Leave a blank line between paragraphs; start a line with "- " for a list item.`}
        error={errorFor(error, "clause.text")}
      >
        {(d, invalid) => (
          <textarea
            className={`nhsuk-textarea${invalid ? " nhsuk-textarea--error" : ""}`}
            id={f("clause.text")}
            rows={6}
            value={value.text}
            onChange={(e) => set("text", e.target.value)}
            {...fieldAria(d, invalid)}
          />
        )}
      </Field>
      <div className="nhsuk-form-group">
        <div className="nhsuk-checkboxes">
          <div className="nhsuk-checkboxes__item">
            <input
              className="nhsuk-checkboxes__input"
              id={f("clause.patientFacing")}
              type="checkbox"
              checked={value.patientFacing}
              onChange={(e) => set("patientFacing", e.target.checked)}
            />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={f("clause.patientFacing")}>
              Show on the public page for patients
            </label>
          </div>
          <div className="nhsuk-checkboxes__item">
            <input
              className="nhsuk-checkboxes__input"
              id={f("clause.hot")}
              type="checkbox"
              checked={value.hot}
              aria-controls={f("clause.hotTopic")}
              aria-expanded={value.hot}
              onChange={(e) => set("hot", e.target.checked)}
            />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={f("clause.hot")}>
              This is a hot topic for a limited time
            </label>
            <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${f("clause.hot")}-hint`}>
              For example misinformation during a vaccination season. It leaves the published policy the day
              after its end date.
            </div>
          </div>
          {value.hot ? (
            <div className="nhsuk-checkboxes__conditional" id={f("clause.hotTopic")}>
              <Field
                id={f("clause.hotTopic.label")}
                label="Hot topic label"
                hint='A few words, such as "Flu vaccination 2026".'
                error={errorFor(error, "clause.hotTopic.label")}
              >
                {(d, invalid) => (
                  <input
                    className={`nhsuk-input nhsuk-input--width-20${invalid ? " nhsuk-input--error" : ""}`}
                    id={f("clause.hotTopic.label")}
                    value={value.label}
                    onChange={(e) => set("label", e.target.value)}
                    {...fieldAria(d, invalid)}
                  />
                )}
              </Field>
              <DateInput
                id={f("clause.hotTopic.start")}
                legend="Start date (optional)"
                hint="Leave empty to start straight away. For example, 21 11 2027."
                error={errorFor(error, "clause.hotTopic.start")}
                value={value.start}
                onChange={(v) => set("start", v)}
              />
              <DateInput
                id={f("clause.hotTopic.end")}
                legend="End date (optional)"
                hint="The last day it applies. Leave empty to keep it until you remove it."
                error={errorFor(error, "clause.hotTopic.end")}
                value={value.end}
                onChange={(v) => set("end", v)}
              />
              <Field
                id={f("clause.hotTopic.claims")}
                label="Claims the checker looks for (optional)"
                hint="One phrase a line, such as “the flu jab gives you flu”. While the hot topic is in force, posts making these claims are flagged as going against NHS guidance."
                error={errorFor(error, "clause.hotTopic.claims")}
              >
                {(d, invalid) => (
                  <textarea
                    className={`nhsuk-textarea${invalid ? " nhsuk-textarea--error" : ""}`}
                    id={f("clause.hotTopic.claims")}
                    rows={3}
                    value={value.claims}
                    onChange={(e) => set("claims", e.target.value)}
                    {...fieldAria(d, invalid)}
                  />
                )}
              </Field>
            </div>
          ) : null}
        </div>
      </div>
    </>
  );
}

/** Edits one clause, hot-topic window included. */
export function ClauseEditor({
  view,
  clause,
  onSaved,
  onCancel,
  reload,
}: {
  view: VersionView;
  clause: PolicyClause;
  onSaved: () => Promise<void>;
  onCancel: () => void;
  reload: () => Promise<void>;
}) {
  const { practice } = usePractice();
  const [value, setValue] = useState(() => draftOf(clause));
  // The clause as it was when editing began, kept across reloads: the server compares it with the stored one.
  // "Load the latest version" takes the reloaded clause as the new starting point.
  const [base, setBase] = useState(clause);
  const rebase = useRef(false);
  useEffect(() => {
    if (!rebase.current) return;
    rebase.current = false;
    setBase(clause);
  }, [clause]);
  const reloadLatest = async () => {
    rebase.current = true;
    await reload();
  };
  const { busy, error, submit } = useSubmit();
  const id = `edit-${clause.key}`;
  return (
    <form
      className="sp-clause-editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(async () => {
          const c = clauseFrom(value);
          // The clause as it was opened goes too: an edit elsewhere in the draft meanwhile does not block this one.
          await policyApi.saveClause(
            practice.id,
            view.id,
            view.revision,
            {
              ...clause,
              title: c.title,
              text: c.text,
              patientFacing: c.patientFacing,
              ...(c.hotTopic ? { hotTopic: c.hotTopic } : { hotTopic: undefined }),
            } as PolicyClause,
            base,
          );
          await onSaved();
        });
      }}
    >
      <FormProblems id={id} error={error} reload={reloadLatest} />
      <ClauseFields id={id} value={value} onChange={setValue} error={error} />
      <div className="sp-inline-actions">
        <button className="nhsuk-button" type="submit" disabled={busy}>
          Save clause
        </button>
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Adds a clause at the end of a section. */
export function AddClauseForm({
  view,
  section,
  onAdded,
  reload,
}: {
  view: VersionView;
  section: RenderedSection;
  onAdded: (message: string) => Promise<void>;
  reload: () => Promise<void>;
}) {
  const { practice } = usePractice();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(() => draftOf());
  const { busy, error, submit } = useSubmit();
  const id = `add-${section.key}`;
  const first = useFocusWhen<HTMLHeadingElement>(open);
  if (!open)
    return (
      <button
        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
        type="button"
        onClick={() => setOpen(true)}
      >
        Add a clause to section {section.number}
      </button>
    );
  return (
    <form
      className="sp-add-form"
      noValidate
      aria-labelledby={`${id}-heading`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit(async () => {
          const after = await policyApi.addClause(
            practice.id,
            view.id,
            view.revision,
            section.key,
            clauseFrom(value),
          );
          const added = after.renderedAll.find((s) => s.key === section.key)?.clauses.at(-1);
          setValue(draftOf());
          setOpen(false);
          await onAdded(`Clause ${added?.number ?? ""} “${added?.title ?? value.title}” was added.`);
        });
      }}
    >
      <h3 className="nhsuk-heading-s" id={`${id}-heading`} tabIndex={-1} ref={first}>
        New clause at the end of section {section.number}, {section.title}
      </h3>
      <FormProblems id={id} error={error} reload={reload} />
      <ClauseFields id={id} value={value} onChange={setValue} error={error} />
      <div className="sp-inline-actions">
        <button className="nhsuk-button" type="submit" disabled={busy}>
          Add clause
        </button>
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Adds a section, with its first clause, at the end of the policy. */
export function AddSectionForm({
  view,
  onAdded,
  reload,
}: {
  view: VersionView;
  onAdded: (message: string) => Promise<void>;
  reload: () => Promise<void>;
}) {
  const { practice } = usePractice();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const [value, setValue] = useState(() => draftOf());
  const { busy, error, submit } = useSubmit();
  const id = "add-section";
  const heading = useFocusWhen<HTMLHeadingElement>(open);
  if (!open)
    return (
      <p>
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => setOpen(true)}>
          Add a section
        </button>
      </p>
    );
  return (
    <form
      className="sp-add-form"
      noValidate
      aria-labelledby={`${id}-heading`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit(async () => {
          const after = await policyApi.addSection(
            practice.id,
            view.id,
            view.revision,
            title,
            clauseFrom(value),
          );
          const added = after.renderedAll.at(-1);
          setTitle("");
          setValue(draftOf());
          setOpen(false);
          await onAdded(`Section ${added?.number ?? ""} “${added?.title ?? title}” was added.`);
        });
      }}
    >
      <h2 id={`${id}-heading`} tabIndex={-1} ref={heading}>
        New section
      </h2>
      <FormProblems id={id} error={error} reload={reload} />
      <Field id={`${id}-title`} label="Section title" error={errorFor(error, "title")}>
        {(d, invalid) => (
          <input
            className={`nhsuk-input${invalid ? " nhsuk-input--error" : ""}`}
            id={`${id}-title`}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            {...fieldAria(d, invalid)}
          />
        )}
      </Field>
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Its first clause</legend>
        <ClauseFields id={id} value={value} onChange={setValue} error={error} />
      </fieldset>
      <div className="sp-inline-actions">
        <button className="nhsuk-button" type="submit" disabled={busy}>
          Add section
        </button>
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** "Are you sure?" before removing, saying what happens to comments. Focus moves to it when it opens. */
function ConfirmRemove({
  id,
  question,
  commentCount,
  busy,
  onYes,
  onNo,
}: {
  id: string;
  question: string;
  commentCount: number;
  busy: boolean;
  onYes: () => void;
  onNo: () => void;
}) {
  const ref = useFocusWhen<HTMLDivElement>(true);
  return (
    <div
      className="nhsuk-warning-callout sp-confirm"
      role="alertdialog"
      aria-labelledby={`${id}-q`}
      aria-describedby={`${id}-d`}
      tabIndex={-1}
      ref={ref}
    >
      <h3 className="nhsuk-warning-callout__label" id={`${id}-q`}>
        <span className="nhsuk-u-visually-hidden">Important: </span>
        {question}
      </h3>
      <p id={`${id}-d`}>
        {commentCount
          ? `It has ${commentCount} consultation ${commentCount === 1 ? "comment" : "comments"}. ${commentCount === 1 ? "It is" : "They are"} kept, and shown under “Comments on clauses that were removed”.`
          : "It has no consultation comments."}{" "}
        The published version is not affected until this draft is approved and published.
      </p>
      <div className="sp-inline-actions">
        <button className="nhsuk-button nhsuk-button--warning" type="button" disabled={busy} onClick={onYes}>
          Yes, remove it
        </button>
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onNo}>
          No, keep it
        </button>
      </div>
    </div>
  );
}

/** Edit, move up, move down and remove, under one clause. */
export function ClauseControls({
  view,
  clause,
  position,
  count,
  commentCount,
  editing,
  onEdit,
  onChanged,
  reload,
}: {
  view: VersionView;
  clause: RenderedClause;
  /** 0-based position in its section, and the section's clause count. */
  position: number;
  count: number;
  commentCount: number;
  editing: boolean;
  onEdit: () => void;
  onChanged: (message: string, focus?: string) => Promise<void>;
  reload: () => Promise<void>;
}) {
  const { practice } = usePractice();
  const { busy, error, submit } = useSubmit();
  const [confirming, setConfirming] = useState(false);
  const id = `clause-${clause.key}`;
  // "No, keep it" puts focus back on the Remove button.
  const [kept, setKept] = useState(0);
  useEffect(() => {
    if (kept) document.getElementById(`${id}-remove`)?.focus();
  }, [kept, id]);
  const label = `${clause.number} ${clause.title}`;
  const move = (direction: "up" | "down") =>
    void submit(async () => {
      const after = await policyApi.moveClause(practice.id, view.id, view.revision, clause.key, direction);
      const now = after.renderedAll.flatMap((s) => s.clauses).find((c) => c.key === clause.key);
      const sectionCount = after.renderedAll.find((s) => s.clauses.some((c) => c.key === clause.key))?.clauses
        .length;
      const lastPlace = now ? Number(now.number.split(".")[1]) : 0;
      const focus =
        direction === "up" && lastPlace === 1
          ? `${id}-down`
          : direction === "down" && lastPlace === sectionCount
            ? `${id}-up`
            : `${id}-${direction}`;
      await onChanged(`“${clause.title}” moved ${direction} to ${now?.number ?? "its new place"}.`, focus);
    });
  const remove = () =>
    void submit(async () => {
      await policyApi.removeClause(practice.id, view.id, view.revision, clause.key);
      setConfirming(false);
      await onChanged(
        `Clause ${clause.number} “${clause.title}” was removed.${commentCount ? " Its comments are kept, marked “clause removed”." : ""}`,
      );
    });
  return (
    <div className="sp-clause-controls">
      <FormProblems id={id} error={error} reload={reload} />
      {!editing && !confirming ? (
        <ul className="sp-clause-actions" aria-label={`Change ${clause.number}`}>
          <li>
            <button className="sp-link-button" id={`${id}-edit`} type="button" onClick={onEdit}>
              Edit<span className="nhsuk-u-visually-hidden"> {label}</span>
            </button>
          </li>
          <li>
            <button
              className="sp-link-button"
              id={`${id}-up`}
              type="button"
              disabled={busy || position === 0}
              onClick={() => move("up")}
            >
              Move up<span className="nhsuk-u-visually-hidden"> {label}</span>
            </button>
          </li>
          <li>
            <button
              className="sp-link-button"
              id={`${id}-down`}
              type="button"
              disabled={busy || position === count - 1}
              onClick={() => move("down")}
            >
              Move down<span className="nhsuk-u-visually-hidden"> {label}</span>
            </button>
          </li>
          <li>
            <button
              className="sp-link-button sp-link-button--warning"
              id={`${id}-remove`}
              type="button"
              disabled={busy || count === 1}
              {...(count === 1 ? { title: "The only clause in a section: remove the section instead." } : {})}
              onClick={() => setConfirming(true)}
            >
              Remove<span className="nhsuk-u-visually-hidden"> {label}</span>
            </button>
          </li>
        </ul>
      ) : null}
      {confirming ? (
        <ConfirmRemove
          id={`${id}-confirm`}
          question={`Remove clause ${label}?`}
          commentCount={commentCount}
          busy={busy}
          onYes={remove}
          onNo={() => {
            setConfirming(false);
            setKept((k) => k + 1);
          }}
        />
      ) : null}
    </div>
  );
}

/** Removing a whole section, under its last clause. */
export function SectionControls({
  view,
  section,
  commentCount,
  onChanged,
  reload,
}: {
  view: VersionView;
  section: RenderedSection;
  commentCount: number;
  onChanged: (message: string) => Promise<void>;
  reload: () => Promise<void>;
}) {
  const { practice } = usePractice();
  const { busy, error, submit } = useSubmit();
  const [confirming, setConfirming] = useState(false);
  const id = `section-${section.key}-controls`;
  const only = view.renderedAll.length === 1;
  return (
    <div className="sp-section-controls">
      <FormProblems id={id} error={error} reload={reload} />
      {!confirming && !only ? (
        <button
          className="sp-link-button sp-link-button--warning"
          type="button"
          onClick={() => setConfirming(true)}
        >
          Remove section {section.number}
          <span className="nhsuk-u-visually-hidden"> {section.title}</span>
        </button>
      ) : null}
      {confirming ? (
        <ConfirmRemove
          id={id}
          question={`Remove section ${section.number} ${section.title} and its ${section.clauses.length} ${section.clauses.length === 1 ? "clause" : "clauses"}?`}
          commentCount={commentCount}
          busy={busy}
          onNo={() => setConfirming(false)}
          onYes={() =>
            void submit(async () => {
              await policyApi.removeSection(practice.id, view.id, view.revision, section.key);
              setConfirming(false);
              await onChanged(`Section ${section.number} “${section.title}” was removed.`);
            })
          }
        />
      ) : null}
    </div>
  );
}
