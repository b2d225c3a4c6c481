import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { ApiError, api } from "../api";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { Button, TextField } from "../components/Fields";
import { usePageTitle, useSubmit } from "../hooks";

export default function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const [mailServer, setMailServer] = useState(true);
  const { busy, error, setError, submit } = useSubmit();
  usePageTitle(sent ? "Check your email" : "Reset your password");

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim()) {
      setError(
        new ApiError(400, "invalid-input", "Enter your email address.", {
          email: "Enter your email address.",
        }),
      );
      return;
    }
    void submit(async () => {
      const answer = await api.forgotPassword(email.trim());
      setMailServer(answer.mailServer);
      setSent(true);
    });
  };

  if (sent) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Check your email</h1>
          <p>
            If {email.trim()} has a safepost account, we have sent it a link to choose a new password. The
            link works once and expires soon.
          </p>
          {mailServer ? (
            <p>If nothing arrives within a few minutes, check your spam folder, then ask again.</p>
          ) : (
            <p>
              This safepost has no mail server set up, so it cannot email you. Ask the person who runs it to
              reset your password with the command <code>safepost user reset-password</code>.
            </p>
          )}
          <p>
            <Link to="/sign-in">Back to sign in</Link>
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Link className="nhsuk-back-link" to="/sign-in">
          Back to sign in
        </Link>
        <ErrorSummary items={summaryFromError(error, "", ["email"])} />
        <h1>Reset your password</h1>
        <p>Enter the email address you sign in with. We will send you a link to choose a new password.</p>
        <form onSubmit={onSubmit} noValidate>
          <TextField
            id="email"
            label="Email address"
            type="email"
            autoComplete="username"
            value={email}
            onChange={setEmail}
            error={fieldError(error, "email")}
            width="30"
          />
          <Button busy={busy}>Send the link</Button>
        </form>
      </div>
    </div>
  );
}
