// Connecting the practice's accounts, on the channels page: what happened to the last connection, a button per
// platform (Bluesky and Mastodon ask a detail first), and the practice's own API app details for the platforms
// that need one. Only admins see these; the server decides all the same.
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { CONNECT_REFUSALS, type ConnectRefusal } from "../../contracts/channel-connect";
import { CHANNEL_NAMES, type PostChannelKind } from "../../core/posts/limits";
import { request } from "../api";
import { Button, TextField } from "../components/Fields";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { Banner, LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, useSubmit } from "../hooks";
import { usePractice } from "../layouts";
import { channelsApi, type Channel } from "./posts-api";

/** Platforms connected through their own sign-in page (OAuth). */
const SIGN_IN_KINDS: PostChannelKind[] = ["facebook", "instagram", "x", "linkedin"];

/** The sentence for …/channels?connect=<reason> or ?connected=<channel id>, once, after a connection. */
export function ConnectOutcome({ channels }: { channels: readonly Channel[] }) {
  const [params] = useSearchParams();
  const refused = params.get("connect");
  const connected = params.get("connected");
  if (refused && Object.hasOwn(CONNECT_REFUSALS, refused))
    return (
      <Banner title="Not connected">
        <p>{CONNECT_REFUSALS[refused as ConnectRefusal]}</p>
      </Banner>
    );
  const channel = connected ? channels.find((c) => c.id === connected || c.kind === connected) : undefined;
  return channel ? (
    <Banner title="Connected" success>
      <p>{channel.name} is connected. Posts can go to it now.</p>
    </Banner>
  ) : null;
}

export function ConnectAnother({
  missing,
  onConnected,
}: {
  missing: PostChannelKind[];
  onConnected: () => void;
}) {
  const { practice } = usePractice();
  const signIn = missing.filter((k) => SIGN_IN_KINDS.includes(k));
  return (
    <>
      <h2 className="nhsuk-heading-m">Connect another channel</h2>
      {signIn.length ? (
        <>
          <p>
            You sign in on the platform itself; safepost keeps only an encrypted access token. These platforms
            need the practice&apos;s own app details first (below).
          </p>
          <div className="sp-inline-actions">
            {signIn.map((k) => (
              <a
                className="nhsuk-button nhsuk-button--secondary"
                key={k}
                href={channelsApi.connectUrl(practice.id, k)}
              >
                Connect {CHANNEL_NAMES[k]}
              </a>
            ))}
          </div>
        </>
      ) : null}
      {missing.includes("mastodon") ? <MastodonForm /> : null}
      {missing.includes("bluesky") ? <BlueskyForm onConnected={onConnected} /> : null}
    </>
  );
}

function MastodonForm() {
  const { practice } = usePractice();
  const [instance, setInstance] = useState("");
  const go = () => {
    window.location.assign(
      `${channelsApi.connectUrl(practice.id, "mastodon")}?instance=${encodeURIComponent(instance.trim())}`,
    );
  };
  return (
    <form
      className="nhsuk-card"
      onSubmit={(e) => {
        e.preventDefault();
        go();
      }}
    >
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-heading-s">Mastodon</h3>
        <TextField
          id="mastodon-instance"
          label="Your Mastodon server"
          hint="For example mastodon.social. safepost registers itself there and sends you to sign in."
          value={instance}
          onChange={setInstance}
          width="20"
        />
        <Button variant="secondary">Connect Mastodon</Button>
      </div>
    </form>
  );
}

function BlueskyForm({ onConnected }: { onConnected: () => void }) {
  const { practice } = usePractice();
  const [handle, setHandle] = useState("");
  const [appPassword, setAppPassword] = useState("");
  const [service, setService] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, submit } = useSubmit();
  const connect = () =>
    void submit(async () => {
      const r = await request<{ message: string }>("POST", `/api/practices/${practice.id}/channels/bluesky`, {
        handle,
        appPassword,
        ...(service.trim() ? { service: service.trim() } : {}),
      });
      setAppPassword("");
      setDone(r.message);
      onConnected();
    });
  return (
    <form
      className="nhsuk-card"
      onSubmit={(e) => {
        e.preventDefault();
        connect();
      }}
    >
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-heading-s">Bluesky</h3>
        {done ? (
          <Banner title="Connected" success>
            <p>{done}</p>
          </Banner>
        ) : null}
        <ErrorSummary items={summaryFromError(error, "bluesky-", ["handle", "appPassword", "service"])} />
        <p>
          In Bluesky, open Settings, then Privacy and security, then App passwords, and add one named
          &quot;safepost&quot;. Never enter the account&apos;s own password here. You can revoke the app
          password in Bluesky at any time.
        </p>
        <TextField
          id="bluesky-handle"
          label="The account's handle"
          hint="For example riverside-surgery.bsky.social"
          value={handle}
          onChange={setHandle}
          error={fieldError(error, "handle")}
          width="20"
        />
        <TextField
          id="bluesky-appPassword"
          label="App password"
          type="password"
          autoComplete="off"
          value={appPassword}
          onChange={setAppPassword}
          error={fieldError(error, "appPassword")}
          width="20"
        />
        <TextField
          id="bluesky-service"
          label="Server (only if the account is not on bsky.social)"
          value={service}
          onChange={setService}
          error={fieldError(error, "service")}
          width="20"
        />
        <Button variant="secondary" busy={busy}>
          Connect Bluesky
        </Button>
      </div>
    </form>
  );
}

interface AppDetails {
  platform: "facebook" | "x" | "linkedin";
  name: string;
  source: "settings" | "environment" | null;
  clientId: string | null;
  hasClientSecret: boolean;
}

/** The practice's own API apps (Meta, X, LinkedIn): the client id shown, the secret never. */
export function AppDetailsSection() {
  const { practice } = usePractice();
  const apps = useApi(
    () => request<{ apps: AppDetails[] }>("GET", `/api/practices/${practice.id}/channel-apps`),
    practice.id,
  );
  if (apps.status === "error") return <LoadError error={apps.error} />;
  if (apps.status === "loading") return <Loading />;
  return (
    <>
      <h2 className="nhsuk-heading-m">App details</h2>
      <p>
        Facebook and Instagram, X and LinkedIn let safepost post only through an app the practice registers
        with them. The README explains how to make one. The secret is kept encrypted and never shown again.
      </p>
      {apps.data.apps.map((a) => (
        <AppDetailsForm key={a.platform} app={a} onSaved={() => void apps.reload()} />
      ))}
    </>
  );
}

function AppDetailsForm({ app, onSaved }: { app: AppDetails; onSaved: () => void }) {
  const { practice } = usePractice();
  const prefix = `app-${app.platform}-`;
  const [clientId, setClientId] = useState(app.source === "settings" ? (app.clientId ?? "") : "");
  const [clientSecret, setClientSecret] = useState("");
  const [saved, setSaved] = useState(false);
  const { busy, error, submit } = useSubmit();
  const save = () =>
    void submit(async () => {
      setSaved(false);
      await request("PUT", `/api/practices/${practice.id}/channel-apps/${app.platform}`, {
        clientId,
        ...(clientSecret ? { clientSecret } : {}),
      });
      setClientSecret("");
      setSaved(true);
      onSaved();
    });
  const from =
    app.source === "environment"
      ? "Set by the person who runs safepost (its environment); details entered here take its place."
      : app.source === "settings"
        ? app.hasClientSecret
          ? "Entered here; a secret is kept."
          : "Entered here; no secret kept yet."
        : "Not set yet.";
  return (
    <form
      className="nhsuk-card"
      aria-labelledby={`${prefix}name`}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-heading-s" id={`${prefix}name`}>
          {app.name}
        </h3>
        <p className="nhsuk-body-s">{from}</p>
        {saved ? (
          <Banner title="Saved" success>
            <p>{app.name} app details saved.</p>
          </Banner>
        ) : null}
        <ErrorSummary items={summaryFromError(error, prefix, ["clientId", "clientSecret"])} />
        <TextField
          id={`${prefix}clientId`}
          label="Client id (app id)"
          value={clientId}
          onChange={setClientId}
          error={fieldError(error, "clientId")}
          width="30"
        />
        <TextField
          id={`${prefix}clientSecret`}
          label={app.hasClientSecret ? "Client secret (leave empty to keep the one kept)" : "Client secret"}
          type="password"
          autoComplete="off"
          value={clientSecret}
          onChange={setClientSecret}
          error={fieldError(error, "clientSecret")}
          width="30"
        />
        <Button variant="secondary" busy={busy}>
          Save {app.name} details
        </Button>
      </div>
    </form>
  );
}
