import { AppError } from "../errors";
import type { ChangeKind, PolicyStatus } from "./types";

// The lifecycle: draft → consultation → approved → published → superseded (or discarded before publication).
// These functions hold the rules; use cases load the facts, call them, then write.

export const OPEN_STATUSES: readonly PolicyStatus[] = ["draft", "consultation", "approved"];

/** Clauses can change in draft and consultation only. A published version is never edited: start a new draft from it. */
export function assertEditable(status: PolicyStatus): void {
  if (status === "draft" || status === "consultation") return;
  if (status === "published" || status === "superseded")
    throw new AppError(
      "conflict",
      "A published version cannot be edited. Start a new draft from it instead.",
    );
  if (status === "approved")
    throw new AppError(
      "conflict",
      "This version has been approved, so it can no longer be edited. Publish it, or discard it and start a new draft.",
    );
  throw new AppError("conflict", "This draft was discarded and cannot be edited.");
}

export function assertCanStartConsultation(status: PolicyStatus): void {
  if (status !== "draft") throw new AppError("conflict", "Only a draft can be sent out for consultation.");
}

/** Staff comment on a version while it is a draft or out for consultation. */
export function assertCanComment(status: PolicyStatus): void {
  if (status !== "consultation" && status !== "draft")
    throw new AppError("conflict", "Comments are closed: this version is no longer being consulted on.");
}

export function assertCanRecordStaffRepDecision(status: PolicyStatus): void {
  if (status !== "consultation")
    throw new AppError("conflict", "The staff representative's view is recorded during consultation.");
}

export interface StaffRepDecision {
  decision: "agree" | "object";
  /** The draft revision the decision was about. */
  revision: number;
}

export interface ApprovalFacts {
  status: PolicyStatus;
  approverId: string;
  lastEditorId: string;
  revision: number;
  /** The latest staff-representative decision, if any. */
  staffRep: StaffRepDecision | null;
  /** Whether the practice has an active staff representative at all. */
  practiceHasStaffRep: boolean;
}

/**
 * Approval needs: consultation; an approver who is not the last editor; and, when the practice has a staff
 * representative, their agreement to this very revision (an edit after they agreed asks them again).
 */
export function assertCanApprove(f: ApprovalFacts): void {
  if (f.status !== "consultation")
    throw new AppError("conflict", "Only a version out for consultation can be approved.");
  if (f.approverId === f.lastEditorId)
    throw new AppError(
      "forbidden",
      "You made the last change to this draft, so someone else must approve it.",
    );
  if (!f.practiceHasStaffRep) return;
  if (!f.staffRep)
    throw new AppError(
      "conflict",
      "The staff representative has not yet recorded agreement with this draft.",
    );
  if (f.staffRep.revision !== f.revision)
    throw new AppError(
      "conflict",
      "The draft has changed since the staff representative agreed; they need to look at it again.",
    );
  if (f.staffRep.decision !== "agree")
    throw new AppError(
      "conflict",
      "The staff representative has objected to this draft. Resolve the objection first.",
    );
}

export function assertCanPublish(status: PolicyStatus): void {
  if (status !== "approved") throw new AppError("conflict", "Only an approved version can be published.");
}

export function assertCanDiscard(status: PolicyStatus): void {
  if (!OPEN_STATUSES.includes(status))
    throw new AppError("conflict", "Only an unpublished draft can be discarded.");
}

/** A major version asks everyone to acknowledge it again; a minor one keeps the acknowledgements of its major. */
export const asksForAcknowledgement = (kind: ChangeKind): boolean => kind === "major";

/** An acknowledgement of any version with the same major number counts for the published version. */
export const acknowledgementCounts = (acknowledgedMajor: number, publishedMajor: number): boolean =>
  acknowledgedMajor === publishedMajor;

/** Optimistic concurrency: the editor's base revision must be the stored one, else 409 and nothing is written. */
export function assertRevision(expected: number, actual: number): void {
  if (expected !== actual)
    throw new AppError(
      "conflict",
      "Someone else saved this draft while you were editing. Your changes have not been saved and are still on your screen: reload the latest version, then apply them again.",
      { revision: `The draft is now at revision ${actual}.` },
    );
}
