// "Getting started" on the home page of a new practice: the first steps this member may take, each ticked
// by the server from the practice's state (GET …/onboarding). Gone once every step is done; an admin may
// also hide it on this device.
import { useState } from "react";
import { Link } from "react-router-dom";
import { request } from "../api";
import { useApi } from "../hooks";
import type { PracticeScope } from "../layouts";

/** One step, as src/app/practices/onboarding.ts sends it. */
export interface OnboardingStep {
  id: string;
  title: string;
  description: string;
  path: string;
  done: boolean;
}

const hiddenKey = (practiceId: string) => `safepost:onboarding-hidden:${practiceId}`;

function readHidden(practiceId: string): boolean {
  try {
    return window.localStorage.getItem(hiddenKey(practiceId)) === "1";
  } catch {
    return false;
  }
}

function writeHidden(practiceId: string, hidden: boolean): void {
  try {
    if (hidden) window.localStorage.setItem(hiddenKey(practiceId), "1");
    else window.localStorage.removeItem(hiddenKey(practiceId));
  } catch {
    // Storage refused (private browsing): the list is hidden until the page reloads.
  }
}

export function OnboardingChecklist({ scope }: { scope: PracticeScope }) {
  const id = scope.practice.id;
  const loaded = useApi(
    () => request<{ steps: OnboardingStep[] }>("GET", `/api/practices/${encodeURIComponent(id)}/onboarding`),
    id,
  );
  const [hidden, setHidden] = useState(() => readHidden(id));
  if (loaded.status !== "ok") return null;
  const steps = loaded.data.steps;
  const done = steps.filter((s) => s.done).length;
  if (steps.length === 0 || done === steps.length) return null;
  const canHide = scope.can("edit-settings");
  const hide = (value: boolean) => {
    writeHidden(id, value);
    setHidden(value);
  };
  if (hidden)
    return (
      <p className="nhsuk-body-s">
        <button type="button" className="sp-link-button" onClick={() => hide(false)}>
          Show the first steps ({done} of {steps.length} done)
        </button>
      </p>
    );
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
      {canHide ? (
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          onClick={() => hide(true)}
        >
          Hide this list
        </button>
      ) : null}
    </section>
  );
}
