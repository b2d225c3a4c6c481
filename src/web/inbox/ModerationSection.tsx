// Moderating one comment on its platform: hide it (with the reason; an evidence record is kept first), show it
// again, and download its evidence records as a PDF. A comment safepost cannot hide (pasted, imported, or on a
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
  if (!comment.canHide) {
    if (!comment.hide && !comment.preserveEvidence && !evidence) return null;
    return (
      <div className="sp-moderation" data-testid="moderation">
        <h4 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">Moderation</h4>
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
          {comment.preserveEvidence
            ? "Keep a copy of this comment as evidence (a screenshot) before anything else. "
            : ""}
          {comment.hide
            ? "Then hide it on the platform yourself: safepost cannot hide a comment that was pasted or imported."
            : ""}
        </p>
        {evidence}
      </div>
    );
  }
  const act = (hide: boolean) =>
    submit(async () => {
      if (hide) await inboxApi.hide(practice.id, conversation.id, comment.id, reason, note);
      else await inboxApi.unhide(practice.id, conversation.id, comment.id, unhideReason);
      onChange(
        await inboxApi.get(practice.id, conversation.id),
        hide
          ? "The comment was hidden on the platform. An evidence record was kept first."
          : "The comment is shown again on the platform. An evidence record was kept first.",
      );
    });
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
              <Button variant="secondary" type="button" busy={busy} onClick={() => void act(false)}>
                Unhide
              </Button>
            </>
          ) : null}
        </>
      ) : can("manage-inbox") ? (
        <>
          <p className="nhsuk-body-s">
            Hiding keeps an evidence record first (the platform&apos;s record, a copy, who acted and why).
          </p>
          <Select
            id={`${id}-reason`}
            label="Why hide it"
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
          <Button variant="warning" type="button" busy={busy} onClick={() => void act(true)}>
            Hide
          </Button>
        </>
      ) : null}
      {evidence}
    </div>
  );
}
