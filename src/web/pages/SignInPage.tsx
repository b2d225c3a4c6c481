import { useState, type FormEvent } from "react";
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from "react-router-dom";
import { ApiError } from "../api";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { Button, TextField } from "../components/Fields";
import { Banner } from "../components/Messages";
import { usePageTitle, useSubmit } from "../hooks";
import { useSession } from "../session";
import { needsSecondStep, twoFactorApi } from "../two-factor-api";
import { NhsmailSignIn } from "./two-factor/NhsmailSignIn";

/** Only local paths, never another site: "/practice/…" yes, "//evil.example" no. */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/practices";
}

export default function SignInPage() {
  usePageTitle("Sign in");
  const { state, signedIn } = useSession();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, setError, submit } = useSubmit();
  const next = safeNext(params.get("next"));
  const justSignedOut = (location.state as { signedOut?: boolean } | null)?.signedOut === true;
  const passwordReset = params.get("reset") === "done";

  if (state.status === "signed-in" && !busy && !justSignedOut) return <Navigate to={next} replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!email.trim()) missing.email = "Enter your email address.";
    if (!password) missing.password = "Enter your password.";
    if (Object.keys(missing).length) {
      setError(new ApiError(400, "invalid-input", "Enter your email address and password.", missing));
      return;
    }
    void submit(async () => {
      const answer = await twoFactorApi.signIn(email.trim(), password);
      if (needsSecondStep(answer)) {
        void navigate(`/sign-in/two-step?next=${encodeURIComponent(next)}`);
        return;
      }
      signedIn(answer);
      void navigate(next, { replace: true });
    });
  };

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={summaryFromError(error, "", ["email", "password"])} />
        {justSignedOut ? (
          <Banner title="Signed out" success>
            <p className="nhsuk-notification-banner__heading">You have signed out.</p>
          </Banner>
        ) : null}
        {passwordReset ? (
          <Banner title="Password changed" success>
            <p className="nhsuk-notification-banner__heading">
              Your password has been changed. Sign in with your new password.
            </p>
          </Banner>
        ) : null}
        <h1>Sign in to safepost</h1>
        {params.get("next") && !justSignedOut ? <p>Please sign in to continue.</p> : null}
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
          <TextField
            id="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={fieldError(error, "password")}
            width="30"
          />
          <Button busy={busy}>Sign in</Button>
        </form>
        <p>
          <Link to="/forgot-password">Forgotten your password?</Link>
        </p>
        <NhsmailSignIn />
      </div>
    </div>
  );
}
