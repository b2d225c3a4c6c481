import { useState } from "react";
import { api } from "../api";
import { ErrorSummary, summaryFromError } from "../components/ErrorSummary";
import { Button } from "../components/Fields";
import { Banner, LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../hooks";

/** A person's own choice of emails: the essential ones always come; the rest can be turned off. */
export default function AccountEmailsPage() {
  usePageTitle("Emails");
  const state = useApi(() => api.emailPreferences(), "account-emails");
  if (state.status === "loading") return <Loading />;
  if (state.status === "error") return <LoadError error={state.error} />;
  return <EmailsForm optionalEmails={state.data.optionalEmails} />;
}

function EmailsForm({ optionalEmails }: { optionalEmails: boolean }) {
  const [optional, setOptional] = useState(optionalEmails);
  const [saved, setSaved] = useState(false);
  const { busy, error, submit } = useSubmit();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={summaryFromError(error, "", ["optionalEmails"])} />
        {saved ? (
          <Banner title="Saved" success>
            <p className="nhsuk-notification-banner__heading">
              {optional ? "You will get every email." : "You will get only the essential emails."}
            </p>
          </Banner>
        ) : null}
        <h1>Emails</h1>
        <p>
          safepost emails you when something is waiting for you: the same things the home page lists under
          &ldquo;Waiting for you&rdquo;, once each.
        </p>
        <p>
          Essential emails always come: a post that could not be published or needs checking, a channel to
          reconnect, and an account someone who left can still sign in to. So do the policy&apos;s requests
          and sign-in emails.
        </p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(false);
            void submit(async () => {
              const next = await api.saveEmailPreferences({ optionalEmails: optional });
              setOptional(next.optionalEmails);
              setSaved(true);
            });
          }}
        >
          <div className="nhsuk-form-group">
            <div className="nhsuk-checkboxes">
              <div className="nhsuk-checkboxes__item">
                <input
                  className="nhsuk-checkboxes__input"
                  id="optionalEmails"
                  type="checkbox"
                  checked={optional}
                  onChange={(e) => setOptional(e.target.checked)}
                  aria-describedby="optionalEmails-hint"
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="optionalEmails">
                  Also email me what is not essential
                </label>
                <div className="nhsuk-hint nhsuk-checkboxes__hint" id="optionalEmails-hint">
                  Posts waiting for your approval and account security reviews coming due.
                </div>
              </div>
            </div>
          </div>
          <Button busy={busy}>Save</Button>
        </form>
      </div>
    </div>
  );
}
