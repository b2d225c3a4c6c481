// The place on a conversation page for moderating one comment: hiding it on the platform, the evidence record
// kept first, unhiding. Platform moderation (branch inbox-moderation) fills this section; until it lands it says
// what the triage asked for, so a person can do it on the platform by hand.
import type { Conversation, InboxComment } from "./inbox-api";

export function ModerationSection({ comment }: { conversation: Conversation; comment: InboxComment }) {
  if (!comment.hide && !comment.preserveEvidence) return null;
  return (
    <div className="sp-moderation" data-testid="moderation">
      <h4 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">Moderation</h4>
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
        {comment.preserveEvidence
          ? "Keep a copy of this comment as evidence (a screenshot) before anything else. "
          : ""}
        {comment.hide ? "Then hide it on the platform." : ""}
      </p>
    </div>
  );
}
