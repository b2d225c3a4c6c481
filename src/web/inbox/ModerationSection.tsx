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

const DONE = {
  hide: "The comment was hidden on the platform. An evidence record was kept first.",
  unhide: "The comment is shown again on the platform. An evidence record was kept first.",
  delete: "The comment was deleted on the platform. An evidence record was kept first.",
  block: "The comment's author was blocked on the platform. An evidence record was kept first.",
  report: "The comment was reported to the platform's moderators. An evidence record was kept first.",
} as const;

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
  const others = comment.canDelete || comment.canBlock || comment.canReport;
  const done = [
    comment.deletedAt ? `Deleted on the platform ${formatUkDateTime(comment.deletedAt)}.` : null,
    comment.authorBlockedAt ? `Author blocked ${formatUkDateTime(comment.authorBlockedAt)}.` : null,
    comment.reportedAt
      ? `Reported to the platform's moderators ${formatUkDateTime(comment.reportedAt)}.`
      : null,
  ].filter(Boolean);
  const fromPlatform = comment.source === "poll" || comment.source === "webhook";
  const act = (action: "hide" | "unhide" | "delete" | "block" | "report") =>
    submit(async () => {
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
            {comment.canDelete ? (
              <Button variant="warning" type="button" busy={busy} onClick={() => void act("delete")}>
                Delete on the platform
              </Button>
            ) : null}
            {comment.canBlock ? (
              <Button variant="secondary" type="button" busy={busy} onClick={() => void act("block")}>
                Block the author
              </Button>
            ) : null}
            {comment.canReport ? (
              <Button variant="secondary" type="button" busy={busy} onClick={() => void act("report")}>
                Report to the moderators
              </Button>
            ) : null}
          </div>
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
