// Words and colours for post and delivery states, one place for every posts page.
import type { DeliveryState, Post, PostState } from "./posts-api";

export const POST_STATES: Record<PostState, { label: string; tag: string }> = {
  draft: { label: "Draft", tag: "nhsuk-tag--grey" },
  "awaiting-approval": { label: "Awaiting approval", tag: "nhsuk-tag--yellow" },
  "changes-requested": { label: "Changes requested", tag: "nhsuk-tag--orange" },
  approved: { label: "Approved", tag: "nhsuk-tag--aqua-green" },
  scheduled: { label: "Scheduled", tag: "nhsuk-tag--blue" },
  publishing: { label: "Publishing", tag: "nhsuk-tag--blue" },
  published: { label: "Published", tag: "nhsuk-tag--green" },
  failed: { label: "Failed", tag: "nhsuk-tag--red" },
  "needs-check": { label: "Check whether this was posted", tag: "nhsuk-tag--red" },
  cancelled: { label: "Cancelled", tag: "nhsuk-tag--white" },
};

export const DELIVERY_STATES: Record<DeliveryState, string> = {
  pending: "Waiting for approval",
  scheduled: "Scheduled",
  publishing: "Publishing now",
  published: "Published",
  failed: "Failed",
  "needs-check": "Check whether this was posted",
  held: "Held until the channel is reconnected",
  cancelled: "Cancelled",
};

export function StateTag({ state }: { state: PostState }) {
  const s = POST_STATES[state];
  return <strong className={`nhsuk-tag ${s.tag}`}>{s.label}</strong>;
}

/** What happened to a post, in words, for its timeline. */
export const TIMELINE_EVENTS: Record<string, string> = {
  created: "Drafted",
  edited: "Edited",
  submitted: "Sent for approval",
  approved: "Approved",
  "changes-requested": "Changes requested",
  "approval-voided": "Approval voided by an edit",
  "approval-expired": "Approval expired: back for review",
  scheduled: "Scheduled",
  rescheduled: "Rescheduled",
  cancelled: "Cancelled",
  "publish-now": "Publish now",
  published: "Published",
  failed: "Failed",
  "needs-check": "Outcome unknown: a person needs to check",
  "delivery-resolved": "Checked by a person",
};

/** The approver's note asking for changes, shown to the author on the post and in the editor. */
export function ChangesRequestedNote({ post }: { post: Post }) {
  if (!post.changesRequestedNote) return null;
  return (
    <div className="nhsuk-inset-text" data-testid="changes-note">
      <p>
        <strong>Changes requested{post.approver ? ` by ${post.approver.name}` : ""}:</strong>{" "}
        {post.changesRequestedNote}
      </p>
    </div>
  );
}
