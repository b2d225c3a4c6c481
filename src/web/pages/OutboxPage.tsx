import type { ReactNode } from "react";
import { api, type OutboxMail } from "../api";
import { LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle } from "../hooks";
import { usePractice } from "../layouts";
import { formatDateTime } from "./staff/roles";

const STATUS: Record<string, { label: string; tag: string }> = {
  queued: { label: "Waiting to be sent", tag: "nhsuk-tag--grey" },
  kept: { label: "Kept here (no mail server)", tag: "nhsuk-tag--blue" },
  sent: { label: "Sent", tag: "nhsuk-tag--green" },
  failed: { label: "Failed (safepost tries again)", tag: "nhsuk-tag--red" },
};

/** Shows a mail's text with its web addresses as links, so an admin can pass an invitation on by hand. */
export function withLinks(text: string): ReactNode[] {
  return text.split(/(https?:\/\/[^\s<>"]+)/g).map((part, i) =>
    i % 2 === 1 ? (
      <a key={i} href={part} className="sp-break">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

function Mail({ mail }: { mail: OutboxMail }) {
  const status = STATUS[mail.status] ?? { label: mail.status, tag: "nhsuk-tag--grey" };
  return (
    <li className="nhsuk-card" data-testid="mail">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-s">{mail.subject}</h2>
        <p className="nhsuk-body-s">
          To {mail.to} · {formatDateTime(mail.createdAt)} ·{" "}
          <strong className={`nhsuk-tag ${status.tag}`}>{status.label}</strong>
        </p>
        {mail.error ? <p className="nhsuk-error-message">Error: {mail.error}</p> : null}
        <div className="sp-mail-body">{withLinks(mail.body)}</div>
      </div>
    </li>
  );
}

/** The practice's outbox: every mail safepost sent or kept, newest first. */
export default function OutboxPage() {
  const { practice } = usePractice();
  usePageTitle("Outbox", practice.name);
  const mails = useApi(() => api.outbox(practice.id), practice.id);
  return (
    <>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>Outbox</h1>
      <p>
        Every email safepost sends for this practice. When no mail server is set up, emails wait here. Links
        that let someone sign in (invitations, password resets) are for their addressee alone, so they are
        never shown here.
      </p>
      {mails.status === "loading" ? <Loading what="Loading mail" /> : null}
      {mails.status === "error" ? <LoadError error={mails.error} /> : null}
      {mails.status === "ok" && mails.data.mails.length === 0 ? <p>No mail yet.</p> : null}
      {mails.status === "ok" && mails.data.mails.length > 0 ? (
        <ul className="nhsuk-list sp-mail-list">
          {mails.data.mails.map((m) => (
            <Mail key={m.id} mail={m} />
          ))}
        </ul>
      ) : null}
    </>
  );
}
