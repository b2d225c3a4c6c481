import { useState, type FormEvent } from "react";
import type { ApiError } from "../../api";
import { ErrorSummary, fieldError, summaryFromError } from "../../components/ErrorSummary";
import { Button, TextField } from "../../components/Fields";
import type { TotpSetup as Setup } from "../../two-factor-api";

/** Scan the QR code (or type the key), then type the first code to confirm. */
export function TotpSetupForm({
  setup,
  busy,
  error,
  onConfirm,
}: {
  setup: Setup;
  busy: boolean;
  error: ApiError | null;
  onConfirm: (code: string) => void;
}) {
  const [code, setCode] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onConfirm(code);
  };
  return (
    <>
      <ErrorSummary items={summaryFromError(error, "", ["code"])} />
      <ol className="nhsuk-list nhsuk-list--number">
        <li>
          Open an authenticator app on your phone, such as Microsoft Authenticator or Google Authenticator.
        </li>
        <li>
          Add an account and scan this QR code.
          <p>
            <img
              src={setup.qrCode}
              alt="QR code to scan with your authenticator app"
              width={200}
              height={200}
            />
          </p>
          <details className="nhsuk-details">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">I cannot scan the code</span>
            </summary>
            <div className="nhsuk-details__text">
              <p>Type this key into the app instead (it is time-based):</p>
              <p>
                <code data-testid="totp-secret">{setup.secret}</code>
              </p>
            </div>
          </details>
        </li>
        <li>Type the 6-digit code the app shows.</li>
      </ol>
      <form onSubmit={submit} noValidate>
        <TextField
          id="code"
          label="Code from the app"
          hint="For example, 123456"
          value={code}
          onChange={setCode}
          autoComplete="one-time-code"
          error={fieldError(error, "code")}
          width="10"
        />
        <Button busy={busy}>Confirm</Button>
      </form>
    </>
  );
}

/** The ten recovery codes, shown once. */
export function RecoveryCodes({
  codes,
  onDone,
  doneLabel,
}: {
  codes: string[];
  onDone: () => void;
  doneLabel: string;
}) {
  return (
    <>
      <h2>Save your recovery codes</h2>
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          If you lose your phone or passkey, each of these codes lets you sign in once. Print them or write
          them down and keep them somewhere safe. They will not be shown again.
        </p>
      </div>
      <ul className="nhsuk-list" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <button type="button" className="nhsuk-button" onClick={onDone}>
        {doneLabel}
      </button>
    </>
  );
}
