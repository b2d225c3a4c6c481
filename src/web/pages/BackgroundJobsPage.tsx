import { api, type BackgroundJob } from "../api";
import { Banner, LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../hooks";
import { usePractice } from "../layouts";
import { formatDateTime } from "./staff/roles";

function Job({ job, onDone }: { job: BackgroundJob; onDone: () => Promise<void> }) {
  const { practice } = usePractice();
  const { busy, error, submit } = useSubmit();
  const act = (action: (practiceId: string, jobId: string) => Promise<void>) =>
    submit(async () => {
      await action(practice.id, job.id);
      await onDone();
    });
  return (
    <li className="nhsuk-card" data-testid="job">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-s">{job.label}</h2>
        <p className="nhsuk-body-s">
          Started {formatDateTime(job.createdAt)} · {job.attempts} attempt{job.attempts === 1 ? "" : "s"} ·{" "}
          {job.state === "failed" ? (
            <strong className="nhsuk-tag nhsuk-tag--red">Failed</strong>
          ) : (
            <strong className="nhsuk-tag nhsuk-tag--yellow">
              Will try again{job.nextAttemptAt ? ` at ${formatDateTime(job.nextAttemptAt)}` : ""}
            </strong>
          )}
        </p>
        {job.error ? <p>What went wrong: {job.error}</p> : null}
        {error ? <p className="nhsuk-error-message">{error.message}</p> : null}
        <div className="nhsuk-button-group">
          {job.state === "failed" ? (
            <button
              type="button"
              className="nhsuk-button"
              disabled={busy}
              onClick={() => void act(api.retryJob)}
            >
              Try again now
            </button>
          ) : null}
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            disabled={busy}
            onClick={() => void act(api.cancelJob)}
          >
            Cancel this job
          </button>
        </div>
      </div>
    </li>
  );
}

/** The practice's background jobs that failed or are waiting to retry (emails, reminders), with retry and cancel. */
export default function BackgroundJobsPage() {
  const { practice } = usePractice();
  usePageTitle("Background jobs", practice.name);
  const jobs = useApi(() => api.jobs(practice.id), practice.id);
  return (
    <>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>Background jobs</h1>
      <p>
        safepost sends emails and reminders in the background and tries again when something fails. Jobs that
        still failed after their last attempt, or are waiting to try again, are listed here.
      </p>
      {jobs.status === "loading" ? <Loading what="Loading background jobs" /> : null}
      {jobs.status === "error" ? <LoadError error={jobs.error} /> : null}
      {jobs.status === "ok" && jobs.data.jobs.length === 0 ? (
        <Banner title="All jobs are running" success>
          <p>No background job has failed.</p>
        </Banner>
      ) : null}
      {jobs.status === "ok" && jobs.data.jobs.length > 0 ? (
        <ul className="nhsuk-list">
          {jobs.data.jobs.map((j) => (
            <Job key={j.id} job={j} onDone={jobs.reload} />
          ))}
        </ul>
      ) : null}
    </>
  );
}
