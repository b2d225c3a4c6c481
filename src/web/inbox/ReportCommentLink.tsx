// "Report as a concern" under an inbox comment: opens the concern form linked to this comment, where the
// reporter chooses what of its text (if any) to include and whether to attach the checker's findings.
import { Link } from "react-router-dom";
import { usePractice } from "../layouts";
import type { Conversation, InboxComment } from "./inbox-api";

export function ReportCommentLink({
  conversation,
  comment,
}: {
  conversation: Conversation;
  comment: InboxComment;
}) {
  const { practice } = usePractice();
  const q = new URLSearchParams({ conversation: conversation.id, comment: comment.id });
  return (
    <p className="nhsuk-body-s nhsuk-u-margin-top-2">
      <Link to={`/practice/${practice.id}/incidents/report?${q.toString()}`}>
        Report as a concern<span className="nhsuk-u-visually-hidden"> (this comment)</span>
      </Link>
    </p>
  );
}
