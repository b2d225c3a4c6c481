import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { ApiError, api } from "../api";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { Button, TextField } from "../components/Fields";
import { usePageTitle, useSubmit } from "../hooks";
import { useSession } from "../session";
import { MIN_PASSWORD } from "../../core/password-rules";

/** Checks a new password and its confirmation in the browser before asking the server. */
export function newPasswordProblems(password: string, confirm: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (password.length < MIN_PASSWORD)
    problems.password = `Choose a password of at least ${MIN_PASSWORD} characters.`;
  else if (confirm !== password) problems.confirm = "The two passwords do not match.";
  return problems;
}

/** The two fields that set a new password (password and confirmation), with the length hint and their errors. */
export function NewPasswordFields({
  labels,
  password,
  confirm,
  onPassword,
  onConfirm,
  error,
}: {
  labels: { password: string; confirm: string };
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  error: ApiError | null;
}) {
  return (
    <>
      <TextField
        id="password"
        label={labels.password}
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD} characters. A few unrelated words make a strong password.`}
        value={password}
        onChange={onPassword}
        error={fieldError(error, "password")}
        width="30"
      />
      <TextField
        id="confirm"
        label={labels.confirm}
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={onConfirm}
        error={fieldError(error, "confirm")}
        width="30"
      />
    </>
  );
}

export default function ResetPasswordPage() {
  usePageTitle("Choose a new password");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const navigate = useNavigate();
  const { signedOut } = useSession();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const { busy, error, setError, submit } = useSubmit();

  if (!token || error?.code === "gone") {
    return (
      <>
        <h1>This link has expired</h1>
        <p>Password reset links work once, for a short time. Ask for a new one.</p>
        <p>
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      </>
    );
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problems = newPasswordProblems(password, confirm);
    if (Object.keys(problems).length) {
      setError(new ApiError(400, "invalid-input", Object.values(problems)[0]!, problems));
      return;
    }
    void submit(async () => {
      await api.resetPassword(token, password);
      signedOut();
      void navigate("/sign-in?reset=done", { replace: true });
    });
  };

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={summaryFromError(error, "", ["password", "confirm"])} />
        <h1>Choose a new password</h1>
        <p>Changing your password signs you out everywhere.</p>
        <form onSubmit={onSubmit} noValidate>
          <NewPasswordFields
            labels={{ password: "New password", confirm: "Type the new password again" }}
            password={password}
            confirm={confirm}
            onPassword={setPassword}
            onConfirm={setConfirm}
            error={error}
          />
          <Button busy={busy}>Change password</Button>
        </form>
      </div>
    </div>
  );
}
