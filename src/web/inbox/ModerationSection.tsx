// Moderating one comment on its platform: hide it (with the reason; an evidence record is kept first), show it
// again, delete it, block its author or report it (each only where the channel offers it, each after an
// evidence record), and download its evidence records as a PDF. A comment safepost cannot hide (pasted, imported, or on a
// channel that cannot) says what the triage asked for, so a person does it on the platform by hand.
import { useState } from "react";
import {
  HIDE_REASON_LABELS,
  HIDE_REASONS,
  UNHIDE_REASON_LABELS,
  UNHIDE_REASONS,
} from "../../core/inbox/evidence";
import { formatUkDateTime } from "../../core/dates";
import { Button } from "../components/Fields";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { useSubmit } from "../hooks";
import { Select, TextArea } from "../incidents/IncidentFields";
import { usePractice } from "../layouts";
import { inboxApi, type Conversation, type InboxComment } from "./inbox-api";
import { CHANNEL_LABELS, labelOf } from "./labels";

const DONE = {
  hide: "The comment was hidden on the platform. An evidence record was kept first.",
  unhide: "The comment is shown again on the platform. An evidence record was kept first.",
  delete: "The comment was deleted on the platform. An evidence record was kept first.",
  block: "The comment's author was blocked on the platform. An evidence record was kept first.",
  report: "The comment was reported to the platform's moderators. An evidence record was kept first.",
} as const;

type Consequential = "delete" | "block" | "report";

/** The actions that ask first, each where the comment's channel offers it. */
const CONSEQUENTIAL: {
  action: Consequential;
  label: string;
  variant: "warning" | "secondary";
  offered: (c: InboxComment) => boolean;
}[] = [
  { action: "delete", label: "Delete on the platform", variant: "warning", offered: (c) => c.canDelete },
  { action: "block", label: "Block the author", variant: "secondary", offered: (c) => c.canBlock },
  { action: "report", label: "Report to the moderators", variant: "secondary", offered: (c) => c.canReport },
];

/** What the confirmation asks before an action that cannot be taken back from safepost. */
function confirmation(action: Consequential, platform: string, author: string) {
  if (action === "delete")
    return {
      question: `Delete this comment on ${platform}?`,
      detail: `It is removed from ${platform} for everyone and cannot be brought back; safepost keeps its copy and the evidence record. Hiding it instead can be undone.`,
      yes: "Yes, delete it",
    };
  if (action === "block")
    return {
      question: `Block ${author} on ${platform}?`,
      detail: `They will no longer be able to comment on or reply to the practice's posts there. Unblocking is done on ${platform} itself.`,
      yes: "Yes, block them",
    };
  return {
    question: `Report this comment to ${platform}'s moderators?`,
    detail: `${platform} is told which comment and why (the reason chosen above); your note stays in safepost. A report cannot be withdrawn.`,
    yes: "Yes, report it",
  };
}

export function ModerationSection({
  conversation,
  comment,
  onChange,
}: {
  conversation: Conversation;
  comment: InboxComment;
  onChange: (next: Conversation, what: string) => void;
}) {
  const { practice, can } = usePractice();
  const [reason, setReason] = useState<string>(
    comment.category === "medical-information" ? "medical-details" : "abuse",
  );
  const [unhideReason, setUnhideReason] = useState<string>("hidden-by-mistake");
  const [note, setNote] = useState("");
  const [confirming, setConfirming] = useState<Consequential | null>(null);
  const { busy, error, submit } = useSubmit();
  const id = `mod-${comment.id.slice(0, 8)}`;
  const evidence =
    comment.evidenceRecords > 0 ? (
      <p className="nhsuk-body-s">
        <a href={inboxApi.evidenceUrl(practice.id, conversation.id, comment.id)} download>
          Export the evidence (PDF, {comment.evidenceRecords} record{comment.evidenceRecords === 1 ? "" : "s"}
          )
        </a>
      </p>
    ) : null;
  const others = CONSEQUENTIAL.some((c) => c.offered(comment));
  const done = [
    comment.deletedAt ? `Deleted on the platform ${formatUkDateTime(comment.deletedAt)}.` : null,
    comment.authorBlockedAt ? `Author blocked ${formatUkDateTime(comment.authorBlockedAt)}.` : null,
    comment.reportedAt
      ? `Reported to the platform's moderators ${formatUkDateTime(comment.reportedAt)}.`
      : null,
  ].filter(Boolean);
  const fromPlatform = comment.source === "poll" || comment.source === "webhook";
  const act = (action: "hide" | "unhide" | Consequential) =>
    submit(async () => {
      setConfirming(null);
      if (action === "hide") await inboxApi.hide(practice.id, conversation.id, comment.id, reason, note);
      else if (action === "unhide")
        await inboxApi.unhide(practice.id, conversation.id, comment.id, unhideReason);
      else await inboxApi.act(practice.id, conversation.id, comment.id, action, reason, note);
      onChange(await inboxApi.get(practice.id, conversation.id), DONE[action]);
    });
  if (!comment.canHide && !(others && can("manage-inbox"))) {
    if (!comment.hide && !comment.preserveEvidence && !evidence && !done.length) return null;
    return (
      <div className="sp-moderation" data-testid="moderation">
        <h4 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">Moderation</h4>
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
          {comment.preserveEvidence
            ? "Keep a copy of this comment as evidence (a screenshot) before anything else. "
            : ""}
          {comment.hide && !comment.deletedAt
            ? fromPlatform
              ? "Then hide or delete it on the platform yourself: safepost cannot hide comments there."
              : "Then hide it on the platform yourself: safepost cannot hide a comment that was pasted or imported."
            : ""}
        </p>
        {done.map((d) => (
          <p key={d} className="nhsuk-body-s nhsuk-u-margin-bottom-0">
            {d}
          </p>
        ))}
        {evidence}
      </div>
    );
  }
  return (
    <div className="sp-moderation" data-testid="moderation">
      <h4 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">Moderation</h4>
      <ErrorSummary items={summaryFromError(error, `${id}-`, ["reason", "note"])} />
      {comment.hiddenAt ? (
        <>
          <p className="nhsuk-body-s">Hidden on the platform since {formatUkDateTime(comment.hiddenAt)}.</p>
          {can("manage-inbox") ? (
            <>
              <Select
                id={`${id}-unhide-reason`}
                label="Why show it again"
                value={unhideReason}
                options={UNHIDE_REASONS.map((r) => ({ value: r, label: UNHIDE_REASON_LABELS[r] }))}
                onChange={setUnhideReason}
              />
              <Button variant="secondary" type="button" busy={busy} onClick={() => void act("unhide")}>
                Unhide
              </Button>
            </>
          ) : null}
        </>
      ) : null}
      {can("manage-inbox") && ((comment.canHide && !comment.hiddenAt) || others) ? (
        <>
          <p className="nhsuk-body-s">
            Each action keeps an evidence record first (the platform&apos;s record, a copy, who acted and
            why).
          </p>
          <Select
            id={`${id}-reason`}
            label={comment.canHide && !comment.hiddenAt ? "Why hide it" : "Why"}
            value={reason}
            options={HIDE_REASONS.map((r) => ({ value: r, label: HIDE_REASON_LABELS[r] }))}
            onChange={setReason}
            error={fieldError(error, "reason")}
          />
          <TextArea
            id={`${id}-note`}
            label="Note for the evidence record (optional)"
            value={note}
            onChange={setNote}
            rows={2}
            error={fieldError(error, "note")}
          />
          <div className="sp-moderation-actions">
            {comment.canHide && !comment.hiddenAt ? (
              <Button variant="warning" type="button" busy={busy} onClick={() => void act("hide")}>
                Hide
              </Button>
            ) : null}
            {CONSEQUENTIAL.filter((c) => c.offered(comment)).map((c) => (
              <Button
                key={c.action}
                variant={c.variant}
                type="button"
                busy={busy}
                expanded={confirming === c.action}
                onClick={() => setConfirming(c.action)}
              >
                {c.label}
              </Button>
            ))}
          </div>
          {confirming ? (
            <ConfirmAction
              id={`${id}-confirm`}
              {...confirmation(
                confirming,
                labelOf(CHANNEL_LABELS, conversation.channel),
                comment.authorHandle,
              )}
              busy={busy}
              onYes={() => void act(confirming)}
              onCancel={() => setConfirming(null)}
            />
          ) : null}
          {!comment.canHide ? (
            <p className="nhsuk-body-s">
              This channel does not let safepost hide comments; hide or delete it on the platform yourself if
              you need to.
            </p>
          ) : null}
        </>
      ) : null}
      {done.map((d) => (
        <p key={d} className="nhsuk-body-s nhsuk-u-margin-bottom-0">
          {d}
        </p>
      ))}
      {evidence}
    </div>
  );
}

function ConfirmAction(props: {
  id: string;
  question: string;
  detail: string;
  yes: string;
  busy: boolean;
  onYes: () => void;
  onCancel: () => void;
}) {
  return (
    <div
      className="nhsuk-warning-callout sp-confirm"
      role="alertdialog"
      aria-labelledby={`${props.id}-q`}
      aria-describedby={`${props.id}-d`}
      data-testid="confirm-action"
    >
      <h5 className="nhsuk-warning-callout__label nhsuk-heading-xs" id={`${props.id}-q`}>
        {props.question}
      </h5>
      <p className="nhsuk-body-s" id={`${props.id}-d`}>
        {props.detail}
      </p>
      <div className="sp-moderation-actions">
        <Button variant="warning" type="button" busy={props.busy} autoFocus onClick={props.onYes}>
          {props.yes}
        </Button>
        <Button variant="secondary" type="button" onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
