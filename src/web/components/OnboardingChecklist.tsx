// "Getting started" on the home page of a new practice: the first steps this member may take, each ticked
// by the server from the practice's state (GET …/onboarding). Gone once every step is done; someone who may
// change the practice's settings may also hide it for everyone (and show it again).
import { useState } from "react";
import { Link } from "react-router-dom";
import type { z } from "zod";
import type * as contracts from "../../contracts";
import { formatUkDate } from "../../core/dates";
import { request } from "../api";
import { useApi } from "../hooks";
import type { PracticeScope } from "../layouts";

type Onboarding = z.infer<typeof contracts.onboardingResponse>;

const url = (practiceId: string, rest = "") =>
  `/api/practices/${encodeURIComponent(practiceId)}/onboarding${rest}`;

export function OnboardingChecklist({ scope }: { scope: PracticeScope }) {
  const id = scope.practice.id;
  const loaded = useApi(() => request<Onboarding>("GET", url(id)), id);
  const [changed, setChanged] = useState<Onboarding | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState("");
  if (loaded.status !== "ok") return null;
  const { steps, hidden, canHide } = changed ?? loaded.data;
  const done = steps.filter((s) => s.done).length;
  if (steps.length === 0 || done === steps.length) return null;
  const hide = async (value: boolean) => {
    setBusy(true);
    setProblem("");
    try {
      setChanged(await request<Onboarding>("PUT", url(id, "/hidden"), { hidden: value }));
    } catch (err) {
      setProblem(err instanceof Error ? err.message : "That did not work. Try again.");
    } finally {
      setBusy(false);
    }
  };
  const error = problem ? (
    <p className="nhsuk-error-message" role="alert">
      <span className="nhsuk-u-visually-hidden">Error:</span> {problem}
    </p>
  ) : null;
  if (hidden) {
    if (!canHide) return null;
    return (
      <div className="nhsuk-body-s" data-testid="onboarding-hidden">
        {error}
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
          Getting started is hidden for everyone
          {hidden.by
            ? ` (by ${hidden.by}, ${formatUkDate(hidden.at)})`
            : ` (since ${formatUkDate(hidden.at)})`}
          .
        </p>
        <button type="button" className="sp-link-button" disabled={busy} onClick={() => void hide(false)}>
          Show the first steps again ({done} of {steps.length} done)
        </button>
      </div>
    );
  }
  return (
    <section
      aria-labelledby="onboarding-heading"
      data-testid="onboarding"
      className="nhsuk-u-margin-bottom-6"
    >
      <h2 id="onboarding-heading">Getting started</h2>
      <p>
        {done} of {steps.length} done. Each step ticks itself once it is done.
      </p>
      <ul className="nhsuk-task-list">
        {steps.map((s) => (
          <li className="nhsuk-task-list__item nhsuk-task-list__item--with-link" key={s.id} data-step={s.id}>
            <div className="nhsuk-task-list__name-and-hint">
              <Link
                className="nhsuk-task-list__link nhsuk-link"
                to={scope.path(s.path)}
                aria-describedby={`step-${s.id}-hint step-${s.id}-status`}
              >
                {s.title}
              </Link>
              <div className="nhsuk-task-list__hint" id={`step-${s.id}-hint`}>
                {s.description}
              </div>
            </div>
            <div className="nhsuk-task-list__status" id={`step-${s.id}-status`}>
              {s.done ? (
                <strong className="nhsuk-tag nhsuk-tag--no-colour nhsuk-tag--no-border nhsuk-u-font-weight-normal">
                  Done
                </strong>
              ) : (
                <strong className="nhsuk-tag nhsuk-tag--blue">To do</strong>
              )}
            </div>
          </li>
        ))}
      </ul>
      {error}
      {canHide ? (
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          disabled={busy}
          onClick={() => void hide(true)}
        >
          Hide this list for everyone
        </button>
      ) : null}
    </section>
  );
}
