// The practice's channels: whether each is connected, its footer (counted in every post's limit) and the account
// security checklist the admin reviews; connecting goes through the platform's own sign-in.
import { useState } from "react";
import { formatUkDate, fromDateParts, toDateParts, ukIsoDay } from "../../core/dates";
import { type PostChannelKind } from "../../core/posts/limits";
import { footerFor } from "../../core/posts/preview";
import { DateInput } from "../components/DateInput";
import { Checkboxes, Field, fieldAria, TextField } from "../components/Fields";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { Banner, LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { api, type Member } from "../api";
import { useApi, usePageTitle, useSubmit } from "../hooks";
import { usePractice } from "../layouts";
import { channelsApi, type Channel } from "./posts-api";
import { AppDetailsSection, ConnectAnother, ConnectOutcome } from "./ConnectChannels";

/** Platforms connected by signing in to them (the website and manual channels need no connecting). */
const CONNECTABLE: PostChannelKind[] = ["facebook", "instagram", "x", "linkedin", "bluesky", "mastodon"];

const STATUS: Record<Channel["status"], { label: string; tag: string }> = {
  connected: { label: "Connected", tag: "nhsuk-tag--green" },
  "reconnect-needed": { label: "Reconnect needed", tag: "nhsuk-tag--red" },
  "not-connected": { label: "Not connected", tag: "nhsuk-tag--grey" },
};

export default function ChannelsPage() {
  const { practice, can } = usePractice();
  const admin = can("edit-settings");
  usePageTitle("Channels", practice.name);
  const channels = useApi(() => channelsApi.list(practice.id), practice.id);
  // The practice manager names the members who can sign in to each account; others never need the list.
  const members = useApi(
    () => (admin ? api.members(practice.id) : Promise.resolve({ members: [] as Member[] })),
    `${practice.id}:${admin}`,
  );
  const people = members.status === "ok" ? members.data.members : [];
  if (channels.status === "error") return <LoadError error={channels.error} />;
  if (channels.status === "loading") return <Loading />;
  const list = channels.data.channels;
  const missing = CONNECTABLE.filter((k) => !list.some((c) => c.kind === k));
  return (
    <>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>Channels</h1>
      <p>
        Where the practice posts. Each channel&apos;s footer is added to every post and counts in its limit.
      </p>
      <ConnectOutcome channels={list} />
      {list.map((c) => (
        <ChannelCard key={c.id} channel={c} members={people} onSaved={() => void channels.reload()} />
      ))}
      {admin && missing.length ? (
        <ConnectAnother missing={missing} onConnected={() => void channels.reload()} />
      ) : null}
      {admin ? <AppDetailsSection /> : null}
    </>
  );
}

function ChannelCard({
  channel,
  members,
  onSaved,
}: {
  channel: Channel;
  members: readonly Member[];
  onSaved: () => void;
}) {
  const { practice } = usePractice();
  const prefix = `channel-${channel.id}-`;
  const [ownFooter, setOwnFooter] = useState(channel.footer !== null);
  const [footer, setFooter] = useState(footerFor(channel.kind, channel.footer));
  const security = channel.security;
  const [twoFactor, setTwoFactor] = useState(security?.twoFactor ?? false);
  const [people, setPeople] = useState(security?.peopleWithAccess ?? "");
  const [recovery, setRecovery] = useState(security?.recoveryEmail ?? "");
  const [reviewed, setReviewed] = useState(toDateParts(security?.lastReviewedOn ?? null));
  const [withAccess, setWithAccess] = useState<readonly string[]>(security?.membersWithAccess ?? []);
  const hasAccount = channel.kind !== "website";
  const [dateError, setDateError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const { busy, error, submit } = useSubmit();
  const manage = channel.allowed?.includes("manage-channel") ?? true;
  const status = STATUS[channel.status];

  const save = () => {
    setSaved(false);
    const empty = !reviewed.day && !reviewed.month && !reviewed.year;
    const day = empty ? null : fromDateParts(reviewed, "The review date");
    if (day && !day.ok) {
      setDateError(day.message);
      return;
    }
    if (day?.ok && day.day > ukIsoDay(new Date())) {
      setDateError("The review date must be today or in the past");
      return;
    }
    setDateError(undefined);
    void submit(async () => {
      await channelsApi.update(practice.id, channel.id, {
        footer: ownFooter ? footer.trim() : null,
        security: {
          twoFactor,
          peopleWithAccess: people.trim(),
          recoveryEmail: recovery.trim(),
          lastReviewedOn: day?.ok ? day.day : null,
          membersWithAccess: [...withAccess],
          passwordChangedOn: security?.passwordChangedOn ?? null,
        },
      });
      setSaved(true);
      onSaved();
    });
  };

  return (
    <section className="nhsuk-card" aria-labelledby={`${prefix}name`} data-channel={channel.kind}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading" id={`${prefix}name`}>
          {channel.name} <strong className={`nhsuk-tag ${status.tag}`}>{status.label}</strong>
        </h2>
        {channel.status === "reconnect-needed" ? (
          <p>
            Posts for this channel are held, not lost, until it is reconnected.{" "}
            <a href={channelsApi.connectUrl(practice.id, channel.kind)}>Reconnect {channel.name}</a>
          </p>
        ) : null}
        {hasAccount && manage ? (
          <Leavers
            channel={channel}
            members={members}
            onDone={(userId) => {
              setWithAccess((ids) => ids.filter((id) => id !== userId));
              onSaved();
            }}
          />
        ) : null}
        {saved ? (
          <Banner title="Saved" success>
            <p>{channel.name} settings saved.</p>
          </Banner>
        ) : null}
        <ErrorSummary
          items={
            dateError
              ? [{ fieldId: `${prefix}lastReviewedOn`, message: dateError }]
              : summaryFromError(error, prefix, [
                  "footer",
                  "peopleWithAccess",
                  "recoveryEmail",
                  "lastReviewedOn",
                ])
          }
        />
        {manage ? (
          <>
            <div className="nhsuk-checkboxes nhsuk-form-group">
              <div className="nhsuk-checkboxes__item">
                <input
                  className="nhsuk-checkboxes__input"
                  id={`${prefix}own-footer`}
                  type="checkbox"
                  checked={ownFooter}
                  onChange={(e) => setOwnFooter(e.target.checked)}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`${prefix}own-footer`}>
                  Use our own footer on {channel.name}
                </label>
              </div>
            </div>
            {ownFooter ? (
              <Field
                id={`${prefix}footer`}
                label="Footer"
                hint="Leave it empty for no footer on this channel."
                error={fieldError(error, "footer")}
              >
                {(describedBy, invalid) => (
                  <textarea
                    className="nhsuk-textarea"
                    id={`${prefix}footer`}
                    rows={3}
                    value={footer}
                    onChange={(e) => setFooter(e.target.value)}
                    {...fieldAria(describedBy, invalid)}
                  />
                )}
              </Field>
            ) : (
              <p className="nhsuk-body-s">
                Standard footer: {footerFor(channel.kind, null) || "none on the practice website"}
              </p>
            )}
            {hasAccount ? (
              <>
                <h3 className="nhsuk-heading-s">Account security</h3>
                <div className="nhsuk-checkboxes nhsuk-form-group">
                  <div className="nhsuk-checkboxes__item">
                    <input
                      className="nhsuk-checkboxes__input"
                      id={`${prefix}twoFactor`}
                      type="checkbox"
                      checked={twoFactor}
                      onChange={(e) => setTwoFactor(e.target.checked)}
                    />
                    <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`${prefix}twoFactor`}>
                      Two-step sign-in is on for the {channel.name} account
                    </label>
                  </div>
                </div>
                <Field
                  id={`${prefix}peopleWithAccess`}
                  label="Others who can sign in to the account"
                  hint="Anyone outside the practice too, such as an agency. When one of them leaves, change the password and remove their access."
                  error={fieldError(error, "peopleWithAccess")}
                >
                  {(describedBy, invalid) => (
                    <textarea
                      className="nhsuk-textarea"
                      id={`${prefix}peopleWithAccess`}
                      rows={2}
                      value={people}
                      onChange={(e) => setPeople(e.target.value)}
                      {...fieldAria(describedBy, invalid)}
                    />
                  )}
                </Field>
                <MembersWithAccess
                  prefix={prefix}
                  channel={channel}
                  members={members}
                  selected={withAccess}
                  onChange={setWithAccess}
                  error={fieldError(error, "membersWithAccess")}
                />
                <TextField
                  id={`${prefix}recoveryEmail`}
                  label="Recovery email (owned by the practice)"
                  type="email"
                  value={recovery}
                  onChange={setRecovery}
                  error={fieldError(error, "recoveryEmail")}
                />
                <DateInput
                  id={`${prefix}lastReviewedOn`}
                  legend="Checklist last reviewed"
                  hint={
                    security?.lastReviewedOn
                      ? `Last recorded: ${formatUkDate(security.lastReviewedOn)}`
                      : "For example, 2 12 2026"
                  }
                  value={reviewed}
                  onChange={setReviewed}
                  error={dateError}
                />
              </>
            ) : null}
            <button className="nhsuk-button" type="button" disabled={busy} onClick={save}>
              Save {channel.name}
            </button>
          </>
        ) : (
          <p className="nhsuk-body-s">Footer: {footerFor(channel.kind, channel.footer) || "none"}</p>
        )}
      </div>
    </section>
  );
}

/** The practice's current members to tick, plus anyone who left but is still on the list (to be removed). */
function MembersWithAccess({
  prefix,
  channel,
  members,
  selected,
  onChange,
  error,
}: {
  prefix: string;
  channel: Channel;
  members: readonly Member[];
  selected: readonly string[];
  onChange: (ids: readonly string[]) => void;
  error: string | undefined;
}) {
  const shown = members.filter((m) => m.active || selected.includes(m.userId));
  if (!shown.length) return null;
  return (
    <Checkboxes
      id={`${prefix}membersWithAccess`}
      legend={`Practice members who can sign in to the ${channel.name} account`}
      hint="When one of them leaves the practice, safepost asks you to change the password and remove their access."
      options={shown.map((m) => ({
        value: m.userId,
        label: m.active ? m.name : `${m.name} (has left the practice)`,
      }))}
      values={selected}
      onChange={onChange}
      error={error}
    />
  );
}

/** Members who left but could still sign in: change the password, remove them, then record it here. */
function Leavers({
  channel,
  members,
  onDone,
}: {
  channel: Channel;
  members: readonly Member[];
  onDone: (userId: string) => void;
}) {
  const { practice } = usePractice();
  const { busy, error, submit } = useSubmit();
  const leavers = members.filter((m) => !m.active && channel.security?.membersWithAccess.includes(m.userId));
  if (!leavers.length) return null;
  return (
    <div className="nhsuk-warning-callout">
      <h3 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          Someone who left can still sign in
        </span>
      </h3>
      {error ? <p className="nhsuk-error-message">{error.message}</p> : null}
      {leavers.map((m) => (
        <div key={m.userId}>
          <p>
            {m.name} left the practice{m.deactivatedAt ? ` on ${formatUkDate(m.deactivatedAt)}` : ""}. Change
            the {channel.name} account&apos;s password, remove {m.name}&apos;s access on the platform, then
            record it.
          </p>
          <button
            className="nhsuk-button nhsuk-button--secondary"
            type="button"
            disabled={busy}
            onClick={() =>
              void submit(async () => {
                await channelsApi.accessRemoved(practice.id, channel.id, m.userId);
                onDone(m.userId);
              })
            }
          >
            Password changed and {m.name}&apos;s access removed
          </button>
        </div>
      ))}
    </div>
  );
}
