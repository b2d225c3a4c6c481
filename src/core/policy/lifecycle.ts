import { AppError } from "../errors";
import type { ChangeKind, PolicyStatus } from "./types";

// The lifecycle: draft → consultation → approved → published → superseded (or discarded before publication).
// Who may take each step, and in which status, is decided in one place: src/core/permissions.

export const OPEN_STATUSES: readonly PolicyStatus[] = ["draft", "consultation", "approved"];

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
