import { formatUkDate } from "../../../core/dates";
import { useState } from "react";
import { startRegistration } from "@simplewebauthn/browser";
import { ErrorSummary, summaryFromError } from "../../components/ErrorSummary";
import { Button, TextField } from "../../components/Fields";
import { Banner, LoadError } from "../../components/Messages";
import { Loading } from "../../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../../hooks";
import { twoFactorApi, type TotpSetup } from "../../two-factor-api";
import { passkeyError } from "./TwoStepPage";
import { RecoveryCodes, TotpSetupForm } from "./TotpSetup";

const day = (iso: string) => formatUkDate(iso);

/** A person's own two-step sign-in: the app, passkeys and recovery codes. */
export default function AccountTwoStepPage() {
  usePageTitle("Two-step sign-in");
  const state = useApi(() => twoFactorApi.account(), "account-two-step");
  const { busy, error, submit } = useSubmit();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [passkeyName, setPasskeyName] = useState("");
  const [message, setMessage] = useState<string | null>(null);

  if (state.status === "loading") return <Loading />;
  if (state.status === "error") return <LoadError error={state.error} />;
  const a = state.data;
  const after = async (text: string, newCodes: string[] = []) => {
    setMessage(text);
    setCodes(newCodes.length ? newCodes : null);
    setSetup(null);
    await state.reload();
  };

  if (codes)
    return (
      <>
        <h1>Two-step sign-in</h1>
        <RecoveryCodes codes={codes} doneLabel="I have saved my codes" onDone={() => setCodes(null)} />
      </>
    );

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={summaryFromError(error, "", ["code"])} />
        {message ? (
          <Banner title="Done" success>
            <p className="nhsuk-notification-banner__heading">{message}</p>
          </Banner>
        ) : null}
        <h1>Two-step sign-in</h1>
        <p>
          {a.required
            ? "Your role needs two-step sign-in: keep at least one way of doing it."
            : "Two-step sign-in is optional for your role, and makes your account much harder to break into."}
        </p>

        <h2>Authenticator app</h2>
        {setup ? (
          <TotpSetupForm
            setup={setup}
            busy={busy}
            error={error}
            onConfirm={(c) =>
              void submit(async () => {
                const res = await twoFactorApi.confirmTotp(c);
                await after("Your authenticator app is set up.", res.recoveryCodes);
              })
            }
          />
        ) : a.totp ? (
          <>
            <p>An authenticator app is set up.</p>
            <Button
              type="button"
              variant="secondary"
              busy={busy}
              onClick={() =>
                void submit(async () => {
                  await twoFactorApi.removeTotp();
                  await after("The authenticator app was removed.");
                })
              }
            >
              Remove the authenticator app
            </Button>
          </>
        ) : (
          <Button
            type="button"
            busy={busy}
            onClick={() => void submit(async () => setSetup(await twoFactorApi.startTotp()))}
          >
            Set up an authenticator app
          </Button>
        )}

        <h2>Passkeys</h2>
        {a.passkeys.length ? (
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Your passkeys</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Added</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="nhsuk-u-visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {a.passkeys.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td>{day(p.createdAt)}</td>
                  <td>{p.lastUsedAt ? day(p.lastUsedAt) : "Not yet"}</td>
                  <td>
                    <button
                      type="button"
                      className="sp-link-button"
                      onClick={() =>
                        void submit(async () => {
                          await twoFactorApi.removePasskey(p.id);
                          await after(`The passkey "${p.name}" was removed.`);
                        })
                      }
                    >
                      Remove<span className="nhsuk-u-visually-hidden"> {p.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No passkeys yet.</p>
        )}
        <TextField
          id="passkey-name"
          label="Name for a new passkey"
          hint="So you can tell them apart, for example Reception PC"
          value={passkeyName}
          onChange={setPasskeyName}
          width="20"
        />
        <Button
          type="button"
          variant="secondary"
          busy={busy}
          onClick={() =>
            void submit(async () => {
              const options = await twoFactorApi.addPasskeyOptions();
              let response: unknown;
              try {
                response = await startRegistration({ optionsJSON: options as never });
              } catch (err) {
                throw passkeyError(err);
              }
              const res = await twoFactorApi.addPasskey(response, passkeyName.trim() || "Passkey");
              setPasskeyName("");
              await after("Your passkey was added.", res.recoveryCodes);
            })
          }
        >
          Add a passkey
        </Button>

        <h2>Recovery codes</h2>
        <p>
          {a.totp || a.passkeys.length
            ? `You have ${a.recoveryCodesLeft} unused recovery code${a.recoveryCodesLeft === 1 ? "" : "s"}.`
            : "Recovery codes come with your first app or passkey."}
        </p>
        {a.totp || a.passkeys.length ? (
          <Button
            type="button"
            variant="secondary"
            busy={busy}
            onClick={() =>
              void submit(async () => {
                const res = await twoFactorApi.newRecoveryCodes();
                await after("New recovery codes were made; the old ones no longer work.", res.recoveryCodes);
              })
            }
          >
            Make new recovery codes
          </Button>
        ) : null}
      </div>
    </div>
  );
}
