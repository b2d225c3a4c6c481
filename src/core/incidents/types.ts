// What the incident register holds: the kinds of incident and the few statuses a case moves through.
// Pure: the server, the web app, the CLI and the tests read the same lists. docs/incidents.md explains them.

import { AppError } from "../errors";

/** The kinds of incident a practice records. */
export const INCIDENT_TYPES = [
  "confidentiality-breach",
  "conduct",
  "account-security",
  "abusive-or-defamatory-content",
  "misinformation",
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** The words a practice manager reads for each kind. */
export const INCIDENT_TYPE_LABELS: Record<IncidentType, string> = {
  "confidentiality-breach": "Confidentiality or personal data breach",
  conduct: "Conduct of a member of staff",
  "account-security": "Practice account security (compromised account, lost phone)",
  "abusive-or-defamatory-content": "Abusive or defamatory content",
  misinformation: "Misinformation",
};

/** Types whose case runs the 72-hour breach clock (see breach-clock.ts). */
export const BREACH_CLOCK_TYPES: ReadonlySet<IncidentType> = new Set(["confidentiality-breach"]);

/**
 * A case's status: `reported` (a concern came in and nobody has looked at it yet), `open` (an owner is working
 * on it), `closed` (an outcome is recorded). A closed case may be reopened, with a reason, if something new
 * comes to light.
 */
export const INCIDENT_STATUSES = ["reported", "open", "closed"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  reported: "Reported, not yet looked at",
  open: "Open",
  closed: "Closed",
};

const MOVES: Record<IncidentStatus, readonly IncidentStatus[]> = {
  reported: ["open", "closed"],
  open: ["closed"],
  closed: ["open"],
};

export function isIncidentType(value: string): value is IncidentType {
  return (INCIDENT_TYPES as readonly string[]).includes(value);
}

/** True when a case may move from one status to the other. */
export function canMoveIncident(from: IncidentStatus, to: IncidentStatus): boolean {
  return MOVES[from].includes(to);
}

/**
 * Checks a status change and says in plain words why it is refused. Closing needs an outcome; reopening a closed
 * case needs a reason.
 */
export function checkIncidentMove(
  from: IncidentStatus,
  to: IncidentStatus,
  details: { outcome?: string | null; reason?: string | null } = {},
): void {
  if (from === to)
    throw new AppError("conflict", `This case is already ${INCIDENT_STATUS_LABELS[to].toLowerCase()}.`);
  if (!canMoveIncident(from, to))
    throw new AppError(
      "conflict",
      `A case that is ${INCIDENT_STATUS_LABELS[from].toLowerCase()} cannot be moved to ${INCIDENT_STATUS_LABELS[to].toLowerCase()}.`,
    );
  if (to === "closed" && !details.outcome?.trim())
    throw new AppError("invalid-input", "Say what the outcome was before closing the case.", {
      outcome: "Enter the outcome",
    });
  if (from === "closed" && !details.reason?.trim())
    throw new AppError("invalid-input", "Say why the case is being reopened.", { reason: "Enter a reason" });
}
