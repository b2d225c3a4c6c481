import { useEffect, useState } from "react";
import { ErrorSummary, fieldError, summaryFromError } from "../../components/ErrorSummary";
import { Button, TextField } from "../../components/Fields";
import { LoadError } from "../../components/Messages";
import { Loading } from "../../components/Shell";
import { useApi, useSubmit } from "../../hooks";
import { twoFactorApi } from "../../two-factor-api";

/** The practice's "Sign in with NHSmail" connection (an app registration in NHSmail's Entra ID). */
export function NhsmailSettingsForm({ practiceId }: { practiceId: string }) {
  const state = useApi(() => twoFactorApi.nhsmailSettings(practiceId), `nhsmail-${practiceId}`);
  const { busy, error, submit } = useSubmit();
  const [issuer, setIssuer] = useState("");
  const [clientId, setClientId] = useState("");
  const [secret, setSecret] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const current = state.status === "ok" ? state.data.nhsmail : null;
  useEffect(() => {
    if (current) {
      setIssuer(current.issuer);
      setClientId(current.clientId);
    }
  }, [current]);

  if (state.status === "loading") return <Loading />;
  if (state.status === "error") return <LoadError error={state.error} />;
  const callback = `${window.location.origin}/api/auth/nhsmail/callback`;
  return (
    <>
      <h2>Sign in with NHSmail</h2>
      <ErrorSummary items={summaryFromError(error, "", ["issuer", "clientId", "clientSecret"])} />
      {notice ? <p className="nhsuk-body">{notice}</p> : null}
      <p>
        Staff can sign in with their NHSmail account instead of a password, if their NHSmail address is at one
        of the practice's email domains (on Settings) and they already have a safepost account. Ask your IT
        provider to register safepost with NHSmail, with this address to return to:
      </p>
      <p>
        <code>{callback}</code>
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(async () => {
            await twoFactorApi.saveNhsmail(practiceId, {
              issuer,
              clientId,
              ...(secret ? { clientSecret: secret } : {}),
            });
            setSecret("");
            setNotice("NHSmail sign-in was saved.");
            await state.reload();
          });
        }}
      >
        <TextField
          id="issuer"
          label="Issuer address"
          hint="For NHSmail, https://login.microsoftonline.com/ followed by the tenant id and /v2.0"
          value={issuer}
          onChange={setIssuer}
          error={fieldError(error, "issuer")}
        />
        <TextField
          id="clientId"
          label="Application (client) id"
          value={clientId}
          onChange={setClientId}
          error={fieldError(error, "clientId")}
          width="30"
        />
        <TextField
          id="clientSecret"
          label="Client secret"
          type="password"
          autoComplete="off"
          hint={current?.hasClientSecret ? "A secret is saved. Leave this empty to keep it." : undefined}
          value={secret}
          onChange={setSecret}
          error={fieldError(error, "clientSecret")}
          width="30"
        />
        <Button busy={busy}>Save NHSmail sign-in</Button>{" "}
        {current ? (
          <Button
            type="button"
            variant="secondary"
            busy={busy}
            onClick={() =>
              void submit(async () => {
                await twoFactorApi.removeNhsmail(practiceId);
                setIssuer("");
                setClientId("");
                setNotice("NHSmail sign-in was turned off.");
                await state.reload();
              })
            }
          >
            Turn off NHSmail sign-in
          </Button>
        ) : null}
      </form>
    </>
  );
}
