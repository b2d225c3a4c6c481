import { useEffect, useState } from "react";
import { ErrorSummary, summaryFromError } from "../../components/ErrorSummary";
import { Button } from "../../components/Fields";
import { Banner, LoadError } from "../../components/Messages";
import { Loading } from "../../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../../hooks";
import { usePractice } from "../../layouts";
import { twoFactorApi } from "../../two-factor-api";
import { NhsmailSettingsForm } from "./NhsmailSettingsForm";

/** Who in the practice must use two-step sign-in (admins only). */
export default function SignInSettingsPage() {
  const { practice } = usePractice();
  usePageTitle("Sign-in rules", practice.name);
  const state = useApi(() => twoFactorApi.signInSettings(practice.id), practice.id);
  const { busy, error, submit } = useSubmit();
  const [choice, setChoice] = useState<"roles" | "everyone" | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (state.status === "ok" && state.data.twoFactor !== "off") setChoice(state.data.twoFactor);
  }, [state.status, state.data]);

  if (state.status === "loading") return <Loading />;
  if (state.status === "error") return <LoadError error={state.error} />;
  const options = [
    {
      value: "roles" as const,
      label: "Practice managers, approvers and the comms group",
      hint: "Other staff may choose to use it.",
    },
    { value: "everyone" as const, label: "Everyone in the practice", hint: "" },
  ];
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={summaryFromError(error)} />
        {saved ? (
          <Banner title="Saved" success>
            <p className="nhsuk-notification-banner__heading">The sign-in rules were saved.</p>
          </Banner>
        ) : null}
        <h1>Sign-in rules</h1>
        {state.data.twoFactor === "off" ? (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>This is the demo practice: nobody has to use two-step sign-in yet, so it is quick to try.</p>
          </div>
        ) : null}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!choice) return;
            void submit(async () => {
              await twoFactorApi.saveSignInSettings(practice.id, choice);
              setSaved(true);
              await state.reload();
            });
          }}
        >
          <div className="nhsuk-form-group">
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
                Who must use two-step sign-in?
              </legend>
              <div className="nhsuk-radios">
                {options.map((o) => (
                  <div className="nhsuk-radios__item" key={o.value}>
                    <input
                      className="nhsuk-radios__input"
                      id={`two-factor-${o.value}`}
                      name="twoFactor"
                      type="radio"
                      value={o.value}
                      checked={choice === o.value}
                      onChange={() => setChoice(o.value)}
                    />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor={`two-factor-${o.value}`}>
                      {o.label}
                    </label>
                    {o.hint ? <div className="nhsuk-hint nhsuk-radios__hint">{o.hint}</div> : null}
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <Button busy={busy}>Save</Button>
        </form>
        <NhsmailSettingsForm practiceId={practice.id} />
      </div>
    </div>
  );
}
