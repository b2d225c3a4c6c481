import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { ApiError, type Session } from "../../api";
import { ErrorSummary, fieldError, summaryFromError } from "../../components/ErrorSummary";
import { Button, TextField } from "../../components/Fields";
import { LoadError } from "../../components/Messages";
import { Loading } from "../../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../../hooks";
import { useSession } from "../../session";
import { twoFactorApi, type TotpSetup } from "../../two-factor-api";
import { safeNext } from "../SignInPage";
import { RecoveryCodes, TotpSetupForm } from "./TotpSetup";

/** A passkey prompt the person closed, or a browser without passkeys, in plain words. */
export function passkeyError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const name = err instanceof Error ? err.name : "";
  return new ApiError(
    0,
    "invalid-input",
    name === "NotAllowedError"
      ? "The passkey request was cancelled or timed out. Please try again."
      : "This browser could not use a passkey. Try another way to sign in.",
  );
}

/**
 * The second step of signing in: the code from the app, a passkey or a recovery code; or, for someone whose
 * role needs two-step sign-in and who has not set it up, setting it up now.
 */
export default function TwoStepPage() {
  usePageTitle("Two-step sign-in");
  const { signedIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get("next"));
  const state = useApi(() => twoFactorApi.state(), "two-step");
  const { busy, error, submit } = useSubmit();
  const [code, setCode] = useState("");
  const [useRecovery, setUseRecovery] = useState(false);
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [finished, setFinished] = useState<{ session: Session; codes: string[] } | null>(null);

  const done = (session: Session) => {
    signedIn(session);
    void navigate(next, { replace: true });
  };

  if (finished)
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Two-step sign-in is set up</h1>
          <RecoveryCodes
            codes={finished.codes}
            doneLabel="I have saved my codes – continue"
            onDone={() => done(finished.session)}
          />
        </div>
      </div>
    );

  if (state.status === "loading") return <Loading />;
  if (state.status === "error")
    return (
      <>
        <h1>Two-step sign-in</h1>
        <LoadError error={state.error} />
        <p>
          <Link to="/sign-in">Sign in again</Link>
        </p>
      </>
    );
  const s = state.data;

  const usePasskey = () =>
    void submit(async () => {
      const options = await twoFactorApi.passkeyOptions();
      let response: unknown;
      try {
        response = await startAuthentication({ optionsJSON: options as never });
      } catch (err) {
        throw passkeyError(err);
      }
      done(await twoFactorApi.verifyPasskey(response));
    });

  const enrolPasskey = () =>
    void submit(async () => {
      const options = await twoFactorApi.enrolPasskeyOptions();
      let response: unknown;
      try {
        response = await startRegistration({ optionsJSON: options as never });
      } catch (err) {
        throw passkeyError(err);
      }
      const { recoveryCodes, ...session } = await twoFactorApi.enrolPasskey(response);
      setFinished({ session, codes: recoveryCodes });
    });

  if (s.enrol)
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Set up two-step sign-in</h1>
          <p>
            Your role can publish, approve or manage, so your practice asks you to prove it is you in a second
            way as well as your password. You only set this up once.
          </p>
          {setup ? (
            <TotpSetupForm
              setup={setup}
              busy={busy}
              error={error}
              onConfirm={(c) =>
                void submit(async () => {
                  const { recoveryCodes, ...session } = await twoFactorApi.confirmTotpAtSignIn(c);
                  setFinished({ session, codes: recoveryCodes });
                })
              }
            />
          ) : (
            <>
              <ErrorSummary items={summaryFromError(error)} />
              <h2>Use an authenticator app</h2>
              <p>An app on your phone shows a new 6-digit code every 30 seconds.</p>
              <Button
                type="button"
                busy={busy}
                onClick={() => void submit(async () => setSetup(await twoFactorApi.startTotpAtSignIn()))}
              >
                Set up an authenticator app
              </Button>
              <h2>Or use a passkey</h2>
              <p>A passkey uses this computer's or phone's fingerprint, face or PIN, or a security key.</p>
              <Button type="button" variant="secondary" busy={busy} onClick={enrolPasskey}>
                Set up a passkey
              </Button>
            </>
          )}
        </div>
      </div>
    );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () =>
      done(useRecovery ? await twoFactorApi.verifyRecoveryCode(code) : await twoFactorApi.verifyTotp(code)),
    );
  };

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={summaryFromError(error, "", ["code"])} />
        <h1>Two-step sign-in</h1>
        {s.totp || useRecovery ? (
          <form onSubmit={onSubmit} noValidate>
            <TextField
              id="code"
              label={useRecovery ? "Recovery code" : "Code from your authenticator app"}
              hint={useRecovery ? "For example, abcd-efgh-jkmn" : "For example, 123456"}
              value={code}
              onChange={setCode}
              autoComplete="one-time-code"
              error={fieldError(error, "code")}
              width={useRecovery ? "20" : "10"}
            />
            <Button busy={busy}>Continue</Button>
          </form>
        ) : null}
        {s.passkey ? (
          <p>
            <Button
              type="button"
              {...(s.totp ? { variant: "secondary" as const } : {})}
              busy={busy}
              onClick={usePasskey}
            >
              Use a passkey
            </Button>
          </p>
        ) : null}
        {s.recoveryCodes && !useRecovery ? (
          <p>
            <button type="button" className="sp-link-button" onClick={() => setUseRecovery(true)}>
              Use a recovery code instead
            </button>
          </p>
        ) : null}
        <p>
          Lost your phone and your recovery codes? Ask your practice manager to reset your two-step sign-in.
        </p>
      </div>
    </div>
  );
}
