import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { ROLE_LABELS } from "../../core/roles";
import { ApiError, api, type InviteLookup } from "../api";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { Button, TextField } from "../components/Fields";
import { LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../hooks";
import { useSession } from "../session";
import { MIN_PASSWORD } from "../../core/password-rules";
import { newPasswordProblems } from "./ResetPasswordPage";

function InvitationGone({ error }: { error: ApiError }) {
  const gone = error.code === "gone" || error.code === "not-found";
  return gone ? (
    <>
      <h1>This invitation cannot be used</h1>
      <p>{error.message}</p>
      <p>
        Invitation links work once and expire after a few days. Ask your practice manager to invite you again.
      </p>
      <p>
        <Link to="/sign-in">Go to sign in</Link>
      </p>
    </>
  ) : (
    <>
      <h1>Accept your invitation</h1>
      <LoadError error={error} />
    </>
  );
}

function AcceptForm({ token, invite }: { token: string; invite: InviteLookup }) {
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [name, setName] = useState(invite.name);
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const { busy, error, setError, submit } = useSubmit();
  const fields = invite.existingAccount ? ["password"] : ["name", "password", "confirm"];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (invite.existingAccount) {
      if (!password) problems.password = "Enter your password.";
    } else {
      if (!name.trim()) problems.name = "Enter your name.";
      Object.assign(problems, newPasswordProblems(password, confirm));
    }
    if (Object.keys(problems).length) {
      setError(new ApiError(400, "invalid-input", Object.values(problems)[0]!, problems));
      return;
    }
    void submit(async () => {
      const session = invite.existingAccount
        ? await api.acceptInvite(token, password)
        : await api.acceptInvite(token, password, name.trim());
      signedIn(session);
      const joined = session.practices.find((p) => p.name === invite.practiceName);
      void navigate(joined ? `/practice/${joined.id}` : "/practices", { replace: true });
    });
  };

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={summaryFromError(error, "", fields)} />
        <span className="nhsuk-caption-l">{invite.practiceName}</span>
        <h1>Join {invite.practiceName} on safepost</h1>
        <dl className="nhsuk-summary-list">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Email address</dt>
            <dd className="nhsuk-summary-list__value">{invite.email}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Your roles</dt>
            <dd className="nhsuk-summary-list__value">
              <ul className="nhsuk-list">
                {invite.roles.map((r) => (
                  <li key={r}>{ROLE_LABELS[r]}</li>
                ))}
              </ul>
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Invitation expires</dt>
            <dd className="nhsuk-summary-list__value">
              {new Date(invite.expiresAt).toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short" })}
            </dd>
          </div>
        </dl>
        <form onSubmit={onSubmit} noValidate>
          {invite.existingAccount ? (
            <>
              <p>You already have a safepost account. Enter its password to accept.</p>
              <TextField
                id="password"
                label="Your password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={setPassword}
                error={fieldError(error, "password")}
                width="30"
              />
              <Button busy={busy}>Accept and sign in</Button>
            </>
          ) : (
            <>
              <TextField
                id="name"
                label="Your full name"
                autoComplete="name"
                value={name}
                onChange={setName}
                error={fieldError(error, "name")}
                width="30"
              />
              <TextField
                id="password"
                label="Choose a password"
                type="password"
                autoComplete="new-password"
                hint={`At least ${MIN_PASSWORD} characters. A few unrelated words make a strong password.`}
                value={password}
                onChange={setPassword}
                error={fieldError(error, "password")}
                width="30"
              />
              <TextField
                id="confirm"
                label="Type the password again"
                type="password"
                autoComplete="new-password"
                value={confirm}
                onChange={setConfirm}
                error={fieldError(error, "confirm")}
                width="30"
              />
              <Button busy={busy}>Create account and join</Button>
            </>
          )}
        </form>
      </div>
    </div>
  );
}

export default function InvitePage() {
  usePageTitle("Accept your invitation");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const lookup = useApi(
    () =>
      token
        ? api.lookupInvite(token)
        : Promise.reject(new ApiError(404, "not-found", "This invitation link is incomplete.")),
    token,
  );

  if (lookup.status === "loading")
    return (
      <>
        <h1>Accept your invitation</h1>
        <Loading what="Checking your invitation" />
      </>
    );
  if (lookup.status === "error") return <InvitationGone error={lookup.error} />;
  return <AcceptForm token={token} invite={lookup.data} />;
}
