// The buttons and small forms on a post's page, each shown only when the server lists its action.
import { useState } from "react";
import { formatUkTime, fromDateParts, toDateParts, ukIsoDay, ukWallClockToInstant } from "../../core/dates";
import { DateInput, type DateParts } from "../components/DateInput";
import { Field, fieldAria } from "../components/Fields";
import { ErrorSummary, summaryFromError } from "../components/ErrorSummary";
import { useSubmit } from "../hooks";
import { usePractice } from "../layouts";
import { postsApi, type Post } from "./posts-api";

type OnChange = (post: Post, what: string) => void;

/** Send for approval, publish now, cancel: one click each (cancel asks first). */
export function PostActions({ post, onChange }: { post: Post; onChange: OnChange }) {
  const { practice } = usePractice();
  const { busy, error, submit } = useSubmit();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const can = (a: Post["allowed"][number]) => post.allowed.includes(a);
  const run = (what: string, action: () => Promise<Post>) =>
    void submit(async () => onChange(await action(), what));
  return (
    <>
      {error ? <ErrorSummary items={summaryFromError(error)} /> : null}
      {can("submit-post") ? (
        <button
          className="nhsuk-button"
          type="button"
          disabled={busy}
          onClick={() =>
            run("Sent for approval", () => postsApi.submit(practice.id, post.id, post.overrideReason))
          }
        >
          Send for approval
        </button>
      ) : null}
      {can("publish-now") ? (
        <button
          className="nhsuk-button"
          type="button"
          disabled={busy}
          onClick={() => run("Publishing now", () => postsApi.publishNow(practice.id, post.id))}
        >
          Publish now
        </button>
      ) : null}
      {can("cancel-post") && !confirmCancel ? (
        <button
          className="nhsuk-button nhsuk-button--warning"
          type="button"
          onClick={() => setConfirmCancel(true)}
        >
          Cancel post
        </button>
      ) : null}
      {confirmCancel ? (
        <div className="nhsuk-inset-text" role="alertdialog" aria-labelledby="cancel-q">
          <p id="cancel-q">Cancel this post? It will not be published on any channel.</p>
          <div className="sp-inline-actions">
            <button
              className="nhsuk-button nhsuk-button--warning"
              type="button"
              disabled={busy}
              onClick={() => run("Post cancelled", () => postsApi.cancel(practice.id, post.id))}
            >
              Yes, cancel it
            </button>
            <button
              className="nhsuk-button nhsuk-button--secondary"
              type="button"
              onClick={() => setConfirmCancel(false)}
            >
              No, keep it
            </button>
          </div>
        </div>
      ) : null}
    </>
  );
}

/** The approver's decision: approve as it stands, or ask for changes with a note the author reads. */
export function ApprovalForm({ post, onChange }: { post: Post; onChange: OnChange }) {
  const { practice } = usePractice();
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | undefined>();
  const { busy, error, submit } = useSubmit();
  return (
    <section aria-labelledby="approval-heading" className="nhsuk-u-margin-top-5">
      <h2 className="nhsuk-heading-m" id="approval-heading">
        Your decision
      </h2>
      <ErrorSummary
        items={noteError ? [{ fieldId: "note", message: noteError }] : summaryFromError(error, "", ["note"])}
      />
      <p>Read the text, the checker&apos;s findings and every channel&apos;s preview before you decide.</p>
      {post.allowed.includes("approve-post") ? (
        <button
          className="nhsuk-button"
          type="button"
          disabled={busy}
          onClick={() =>
            void submit(async () => onChange(await postsApi.approve(practice.id, post.id), "Approved"))
          }
        >
          Approve
        </button>
      ) : null}
      {post.allowed.includes("request-changes") ? (
        <>
          <Field id="note" label="What should change?" hint="The author sees this note." error={noteError}>
            {(describedBy, invalid) => (
              <textarea
                className={`nhsuk-textarea${invalid ? " nhsuk-textarea--error" : ""}`}
                id="note"
                rows={3}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                {...fieldAria(describedBy, invalid)}
              />
            )}
          </Field>
          <button
            className="nhsuk-button nhsuk-button--secondary"
            type="button"
            disabled={busy}
            onClick={() => {
              if (!note.trim()) {
                setNoteError("Say what should change, so the author knows what to do");
                return;
              }
              setNoteError(undefined);
              void submit(async () =>
                onChange(
                  await postsApi.requestChanges(practice.id, post.id, note.trim()),
                  "Changes requested",
                ),
              );
            }}
          >
            Request changes
          </button>
        </>
      ) : null}
    </section>
  );
}

/** Schedule or reschedule on the UK clock: the NHS date input and a 24-hour time. */
export function ScheduleForm({ post, onChange }: { post: Post; onChange: OnChange }) {
  const { practice } = usePractice();
  const at = post.scheduledAt ? new Date(post.scheduledAt) : null;
  const [day, setDay] = useState<DateParts>(toDateParts(at ? ukIsoDay(at) : null));
  const [time, setTime] = useState(at ? formatUkTime(at) : "09:00");
  const [problems, setProblems] = useState<{ day?: string; time?: string }>({});
  const { busy, error, submit } = useSubmit();
  const schedule = () => {
    const parsed = fromDateParts(day, "The date");
    const next: { day?: string; time?: string } = {};
    if (!parsed.ok) next.day = parsed.message;
    if (!/^\d{1,2}:\d{2}$/.test(time.trim())) next.time = "Enter a time like 09:30";
    let instant: Date | null = null;
    if (parsed.ok && !next.time) {
      instant = ukWallClockToInstant(parsed.day, time);
      if (!instant)
        next.time = "That time does not exist on that day (the clocks go forward). Choose a time after 02:00";
    }
    setProblems(next);
    if (!instant || next.day || next.time) return;
    const when = instant.toISOString();
    void submit(async () => onChange(await postsApi.schedule(practice.id, post.id, when), "Scheduled"));
  };
  const summary = [
    ...(problems.day ? [{ fieldId: "schedule-day", message: problems.day }] : []),
    ...(problems.time ? [{ fieldId: "schedule-time", message: problems.time }] : []),
    ...summaryFromError(error),
  ];
  return (
    <section aria-labelledby="schedule-heading" className="nhsuk-u-margin-top-5">
      <h2 className="nhsuk-heading-m" id="schedule-heading">
        {post.scheduledAt ? "Reschedule" : "Schedule"}
      </h2>
      <ErrorSummary items={summary} />
      <DateInput
        id="schedule-day"
        legend="Day to publish"
        hint="For example, 2 12 2026"
        value={day}
        onChange={setDay}
        error={problems.day}
      />
      <Field
        id="schedule-time"
        label="Time (UK time, 24-hour clock)"
        hint="For example, 09:30"
        error={problems.time}
      >
        {(describedBy, invalid) => (
          <input
            className={`nhsuk-input nhsuk-input--width-5${invalid ? " nhsuk-input--error" : ""}`}
            id="schedule-time"
            type="text"
            inputMode="numeric"
            value={time}
            onChange={(e) => setTime(e.target.value)}
            {...fieldAria(describedBy, invalid)}
          />
        )}
      </Field>
      <button className="nhsuk-button" type="button" disabled={busy} onClick={schedule}>
        {post.scheduledAt ? "Reschedule" : "Schedule"}
      </button>
    </section>
  );
}
