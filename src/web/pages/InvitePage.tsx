import { formatUkDateTime } from "../../core/dates";
import { useState, type FormEvent, type ReactNode } from "react";
import { needsSecondStep } from "../two-factor-api";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { ROLE_LABELS } from "../../core/roles";
import { ApiError, api, type InviteLookup } from "../api";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { Button, TextField } from "../components/Fields";
import { LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../hooks";
import { useSession } from "../session";
import { NewPasswordFields, newPasswordProblems } from "./ResetPasswordPage";

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

function InviteSummary({ invite }: { invite: InviteLookup }) {
  return (
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
        <dd className="nhsuk-summary-list__value">{formatUkDateTime(invite.expiresAt)}</dd>
      </div>
    </dl>
  );
}

/**
 * Someone signed in as the invitee accepts with one click. Anyone else may create a new account; a person
 * who already has one signs in first (the form never checks an existing password).
 */
function AcceptForm({ token, invite }: { token: string; invite: InviteLookup }) {
  const { state, signedIn } = useSession();
  const navigate = useNavigate();
  const [name, setName] = useState(invite.name);
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const { busy, error, setError, submit } = useSubmit();
  const signedInAs = state.status === "signed-in" ? state.session.user.email : null;
  const here = `/invite?token=${encodeURIComponent(token)}`;
  const fields = invite.signedInAsInvitee ? [] : ["name", "password", "confirm"];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!invite.signedInAsInvitee) {
      if (!name.trim()) problems.name = "Enter your name.";
      Object.assign(problems, newPasswordProblems(password, confirm));
    }
    if (Object.keys(problems).length) {
      setError(new ApiError(400, "invalid-input", Object.values(problems)[0]!, problems));
      return;
    }
    void submit(async () => {
      const answer = invite.signedInAsInvitee
        ? await api.acceptInvite(token)
        : await api.acceptInvite(token, { name: name.trim(), password });
      // A role that needs two-step sign-in sets it up first.
      if (needsSecondStep(answer)) return void navigate("/sign-in/two-step", { replace: true });
      const session = answer;
      signedIn(session);
      const joined = session.practices.find((p) => p.name === invite.practiceName);
      void navigate(joined ? `/practice/${joined.id}` : "/practices", { replace: true });
    });
  };

  let form: ReactNode;
  if (invite.signedInAsInvitee)
    form = (
      <form onSubmit={onSubmit} noValidate>
        <p>You are signed in as {invite.email}.</p>
        <Button busy={busy}>Accept and join</Button>
      </form>
    );
  else if (signedInAs)
    form = (
      <p>
        You are signed in as {signedInAs}, but this invitation is for {invite.email}. Sign out, then open the
        invitation link again.
      </p>
    );
  else
    form = (
      <>
        <p>
          Already have a safepost account with this email address?{" "}
          <Link to={`/sign-in?next=${encodeURIComponent(here)}`}>Sign in to accept</Link>.
        </p>
        <h2>New to safepost?</h2>
        <form onSubmit={onSubmit} noValidate>
          <TextField
            id="name"
            label="Your full name"
            autoComplete="name"
            value={name}
            onChange={setName}
            error={fieldError(error, "name")}
            width="30"
          />
          <NewPasswordFields
            labels={{ password: "Choose a password", confirm: "Type the password again" }}
            password={password}
            confirm={confirm}
            onPassword={setPassword}
            onConfirm={setConfirm}
            error={error}
          />
          <Button busy={busy}>Create account and join</Button>
        </form>
      </>
    );

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={summaryFromError(error, "", fields)} />
        <span className="nhsuk-caption-l">{invite.practiceName}</span>
        <h1>Join {invite.practiceName} on safepost</h1>
        <InviteSummary invite={invite} />
        {form}
      </div>
    </div>
  );
}

export default function InvitePage() {
  usePageTitle("Accept your invitation");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const { state } = useSession();
  // A signed-in lookup needs the session's CSRF token, so wait until the session is known.
  const ready = state.status !== "loading";
  const lookup = useApi(
    () =>
      !ready
        ? new Promise<never>(() => {})
        : token
          ? api.lookupInvite(token)
          : Promise.reject(new ApiError(404, "not-found", "This invitation link is incomplete.")),
    `${token}:${ready}:${state.status === "signed-in" ? state.session.user.id : ""}`,
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
