// The formal disciplinary steps, in the order the Acas Code of Practice on disciplinary and grievance procedures
// sets out, as a small state machine. Each step is checked against the case so far and either returns the
// next case or throws an AppError with a sentence a practice manager understands. People are member ids.
// Pure: no I/O, no clock (callers pass the instants). docs/incidents.md draws the machine.

import { AppError } from "../errors";
import { addDays, ukIsoDay } from "../dates";

export const DISCIPLINARY_STAGES = [
  "opened", // investigator and decider named
  "investigated", // the investigator has reported
  "invited", // the written invitation to a meeting has gone
  "met", // the meeting has been held and recorded
  "decided", // the written decision has gone
  "appealed", // the employee has appealed
  "appeal-decided", // the appeal has been heard and decided
  "resolved-informally", // settled without formal action
] as const;
export type DisciplinaryStage = (typeof DISCIPLINARY_STAGES)[number];

export const DISCIPLINARY_OUTCOMES = [
  "no-action",
  "written-warning",
  "final-written-warning",
  "dismissal",
] as const;
export type DisciplinaryOutcome = (typeof DISCIPLINARY_OUTCOMES)[number];

/** Outcomes that are warnings and so need a duration, after which they expire. */
export const WARNING_OUTCOMES: ReadonlySet<DisciplinaryOutcome> = new Set([
  "written-warning",
  "final-written-warning",
]);
export const MAX_WARNING_MONTHS = 24;
/** A companion's unavailability may move the meeting by at most this many working days. */
export const POSTPONEMENT_WORKING_DAYS = 5;

export type Invitation = {
  sentAt: Date;
  sentBy: string;
  allegation: string;
  evidence: string[];
  meetingAt: Date;
  place: string;
  /** The letter states the right to be accompanied by a colleague or a trade union representative. */
  rightToBeAccompanied: boolean;
};

export type Postponement = { from: Date; to: Date; reason: string };

export type MeetingRecord = {
  heldAt: Date;
  chairedBy: string;
  companion: "none" | "colleague" | "trade-union-representative";
  record: string;
};

export type Decision = {
  decidedBy: string;
  decidedAt: Date;
  outcome: DisciplinaryOutcome;
  reasons: string;
  /** Months a warning stays on file; null for outcomes that are not warnings. */
  warningMonths: number | null;
  /** The UK day the warning expires (ISO), or null. */
  warningExpiresOn: string | null;
};

export type Appeal = {
  lodgedAt: Date;
  grounds: string;
  heardBy?: string;
  heardAt?: Date;
  result?: "upheld" | "overturned" | "varied";
  reasons?: string;
};

export type DisciplinaryCase = {
  stage: DisciplinaryStage;
  subjectId: string;
  investigatorId: string;
  deciderId: string;
  investigation?: { completedAt: Date; findings: string };
  invitation?: Invitation;
  postponement?: Postponement;
  meeting?: MeetingRecord;
  decision?: Decision;
  appeal?: Appeal;
  informal?: { resolvedBy: string; resolvedAt: Date; note: string };
};

export type DisciplinaryStep =
  | { kind: "record-investigation"; by: string; at: Date; findings: string }
  | {
      kind: "send-invitation";
      by: string;
      at: Date;
      allegation: string;
      evidence: string[];
      meetingAt: Date;
      place: string;
      rightToBeAccompanied: boolean;
    }
  | { kind: "postpone-meeting"; to: Date; reason: string; bankHolidays?: ReadonlySet<string> | undefined }
  | {
      kind: "record-meeting";
      heldAt: Date;
      chairedBy: string;
      companion: MeetingRecord["companion"];
      record: string;
    }
  | {
      kind: "record-decision";
      by: string;
      at: Date;
      outcome: DisciplinaryOutcome;
      reasons: string;
      warningMonths?: number | null;
    }
  | { kind: "lodge-appeal"; at: Date; grounds: string }
  | {
      kind: "record-appeal-outcome";
      heardBy: string;
      at: Date;
      result: "upheld" | "overturned" | "varied";
      reasons: string;
    }
  | { kind: "resolve-informally"; by: string; at: Date; note: string };

const conflict = (message: string) => new AppError("conflict", message);
const missing = (field: string, message: string) =>
  new AppError("invalid-input", message, { [field]: message });

/**
 * Starts a case: the person who investigates must not be the person who decides, and neither may be the
 * member the case is about.
 */
export function openDisciplinaryCase(people: {
  subjectId: string;
  investigatorId: string;
  deciderId: string;
}): DisciplinaryCase {
  const { subjectId, investigatorId, deciderId } = people;
  if (investigatorId === deciderId)
    throw conflict(
      "The person who investigates cannot also be the person who decides. Name someone else to decide.",
    );
  if (subjectId === investigatorId) throw conflict("The member the case is about cannot investigate it.");
  if (subjectId === deciderId) throw conflict("The member the case is about cannot decide it.");
  return { stage: "opened", subjectId, investigatorId, deciderId };
}

/** Everyone who has taken part so far: none of them may hear an appeal. */
export function peopleInvolved(c: DisciplinaryCase): Set<string> {
  const ids = [c.subjectId, c.investigatorId, c.deciderId, c.invitation?.sentBy, c.meeting?.chairedBy];
  if (c.decision) ids.push(c.decision.decidedBy);
  if (c.informal) ids.push(c.informal.resolvedBy);
  return new Set(ids.filter((id): id is string => Boolean(id)));
}

const needText = (value: string | undefined, field: string, message: string) => {
  if (!value?.trim()) throw missing(field, message);
};

/** Applies one step to a case, in order, or refuses it with the reason in plain words. */
export function applyDisciplinaryStep(c: DisciplinaryCase, step: DisciplinaryStep): DisciplinaryCase {
  if (c.stage === "resolved-informally")
    throw conflict("This case was resolved informally, so no formal step can follow.");
  if (c.stage === "appeal-decided")
    throw conflict("The appeal has been decided; the disciplinary process for this case is finished.");

  switch (step.kind) {
    case "record-investigation": {
      if (c.stage !== "opened") throw conflict("The investigation has already been recorded.");
      if (step.by !== c.investigatorId)
        throw conflict("Only the person named as investigator can record the investigation.");
      needText(step.findings, "findings", "Write down what the investigation found.");
      return {
        ...c,
        stage: "investigated",
        investigation: { completedAt: step.at, findings: step.findings },
      };
    }

    case "send-invitation": {
      if (c.stage === "opened")
        throw conflict("Finish the investigation before inviting the member to a disciplinary meeting.");
      if (c.stage !== "investigated") throw conflict("The invitation has already been sent.");
      if (step.by === c.subjectId) throw conflict("The member the case is about cannot send the invitation.");
      needText(
        step.allegation,
        "allegation",
        "Say what the allegation is, so the member knows the case to answer.",
      );
      if (!step.evidence.some((e) => e.trim()))
        throw missing("evidence", "List the evidence, so the member can prepare their answer.");
      needText(step.place, "place", "Say where the meeting will be held.");
      if (!step.rightToBeAccompanied)
        throw missing(
          "rightToBeAccompanied",
          "The invitation must tell the member they may bring a colleague or a trade union representative.",
        );
      if (step.meetingAt.getTime() <= step.at.getTime())
        throw missing(
          "meetingAt",
          "The meeting must be after the invitation is sent, to give time to prepare.",
        );
      const invitation: Invitation = {
        sentAt: step.at,
        sentBy: step.by,
        allegation: step.allegation,
        evidence: step.evidence.filter((e) => e.trim()),
        meetingAt: step.meetingAt,
        place: step.place,
        rightToBeAccompanied: true,
      };
      return { ...c, stage: "invited", invitation };
    }

    case "postpone-meeting": {
      if (c.stage !== "invited" || !c.invitation)
        throw conflict("Only a meeting that has been arranged and not yet held can be postponed.");
      if (c.postponement)
        throw conflict(
          "The meeting has already been postponed once; it cannot be moved again on these grounds.",
        );
      needText(step.reason, "reason", "Say why the meeting is being postponed.");
      const original = c.invitation.meetingAt;
      const latest = addWorkingDays(ukIsoDay(original), POSTPONEMENT_WORKING_DAYS, step.bankHolidays);
      if (step.to.getTime() <= original.getTime())
        throw missing("to", "The new time must be later than the time first arranged.");
      if (ukIsoDay(step.to) > latest)
        throw missing(
          "to",
          `A meeting can be moved by no more than ${POSTPONEMENT_WORKING_DAYS} working days. Choose a day no later than ${latest}.`,
        );
      return {
        ...c,
        postponement: { from: original, to: step.to, reason: step.reason },
        invitation: { ...c.invitation, meetingAt: step.to },
      };
    }

    case "record-meeting": {
      if (c.stage === "opened" || c.stage === "investigated")
        throw conflict("Send the written invitation before recording a disciplinary meeting.");
      if (c.stage !== "invited") throw conflict("The meeting has already been recorded.");
      if (step.chairedBy !== c.deciderId)
        throw conflict(
          "The meeting must be held by the person who will decide, so that they hear the member's side first.",
        );
      if (step.heldAt.getTime() < c.invitation!.sentAt.getTime())
        throw missing("heldAt", "The meeting cannot have been held before the invitation was sent.");
      needText(step.record, "record", "Write a record of what was said at the meeting.");
      const meeting: MeetingRecord = {
        heldAt: step.heldAt,
        chairedBy: step.chairedBy,
        companion: step.companion,
        record: step.record,
      };
      return { ...c, stage: "met", meeting };
    }

    case "record-decision": {
      if (c.stage === "decided" || c.stage === "appealed")
        throw conflict("A decision has already been made.");
      if (c.stage !== "met")
        throw conflict(
          "A decision cannot be made before the disciplinary meeting has been held and recorded.",
        );
      if (step.by === c.investigatorId)
        throw conflict("The person who investigated cannot make the decision. It must be someone else.");
      if (step.by !== c.deciderId)
        throw conflict("Only the person named to decide, who held the meeting, can make the decision.");
      needText(step.reasons, "reasons", "Give the reasons for the decision.");
      let warningMonths: number | null = null;
      let warningExpiresOn: string | null = null;
      if (WARNING_OUTCOMES.has(step.outcome)) {
        const months = step.warningMonths;
        if (!months || !Number.isInteger(months) || months < 1 || months > MAX_WARNING_MONTHS)
          throw missing(
            "warningMonths",
            `Say how long the warning stays on file, in whole months from 1 to ${MAX_WARNING_MONTHS}.`,
          );
        warningMonths = months;
        warningExpiresOn = addMonths(ukIsoDay(step.at), months);
      } else if (step.warningMonths)
        throw missing("warningMonths", "Only a warning has a duration; leave it empty for this outcome.");
      const decision: Decision = {
        decidedBy: step.by,
        decidedAt: step.at,
        outcome: step.outcome,
        reasons: step.reasons,
        warningMonths,
        warningExpiresOn,
      };
      return { ...c, stage: "decided", decision };
    }

    case "lodge-appeal": {
      if (c.stage === "appealed") throw conflict("An appeal has already been lodged.");
      if (c.stage !== "decided") throw conflict("An appeal can only be made against a written decision.");
      needText(step.grounds, "grounds", "Say what the appeal is about.");
      return { ...c, stage: "appealed", appeal: { lodgedAt: step.at, grounds: step.grounds } };
    }

    case "record-appeal-outcome": {
      if (c.stage !== "appealed" || !c.appeal)
        throw conflict("There is no appeal to decide. The member must lodge an appeal first.");
      if (step.heardBy === c.decision?.decidedBy)
        throw conflict("The appeal must be heard by someone new, not by the person who made the decision.");
      if (peopleInvolved(c).has(step.heardBy))
        throw conflict("The appeal must be heard by someone who has not been involved in the case before.");
      needText(step.reasons, "reasons", "Give the reasons for the appeal outcome.");
      return {
        ...c,
        stage: "appeal-decided",
        appeal: {
          ...c.appeal,
          heardBy: step.heardBy,
          heardAt: step.at,
          result: step.result,
          reasons: step.reasons,
        },
      };
    }

    case "resolve-informally": {
      if (c.stage === "decided" || c.stage === "appealed")
        throw conflict("A formal decision has been made, so the case can no longer be resolved informally.");
      if (step.by === c.subjectId) throw conflict("The member the case is about cannot close it.");
      needText(step.note, "note", "Say how the matter was resolved.");
      return {
        ...c,
        stage: "resolved-informally",
        informal: { resolvedBy: step.by, resolvedAt: step.at, note: step.note },
      };
    }
  }
}

/** True while a warning is on file on UK day `today` (ISO); it has expired from its expiry day on. */
export function warningIsLive(c: DisciplinaryCase, today: string): boolean {
  const d = c.decision;
  if (!d?.warningExpiresOn) return false;
  if (c.appeal?.result === "overturned") return false;
  return today < d.warningExpiresOn;
}

/** The ISO day `n` working days (Monday to Friday, not a listed bank holiday) after `day`. */
export function addWorkingDays(
  day: string,
  n: number,
  bankHolidays: ReadonlySet<string> = new Set(),
): string {
  let current = day;
  let left = n;
  while (left > 0) {
    current = addDays(current, 1);
    const weekday = new Date(`${current}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !bankHolidays.has(current)) left -= 1;
  }
  return current;
}

/** The ISO day `months` calendar months after `day`; a day the month lacks falls to its last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1, 12));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0, 12)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
