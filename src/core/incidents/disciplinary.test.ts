import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AppError } from "../errors";
import {
  addMonths,
  addWorkingDays,
  applyDisciplinaryStep,
  openDisciplinaryCase,
  warningIsLive,
  type DisciplinaryCase,
  type DisciplinaryStep,
} from "./disciplinary";

const SUBJECT = "m-subject";
const INVESTIGATOR = "m-investigator";
const DECIDER = "m-decider";
const NEWCOMER = "m-appeal-officer";

const at = (iso: string) => new Date(iso);

const investigation: DisciplinaryStep = {
  kind: "record-investigation",
  by: INVESTIGATOR,
  at: at("2026-11-02T10:00:00Z"),
  findings: "Screenshots and two statements gathered.",
};
const invitation: DisciplinaryStep = {
  kind: "send-invitation",
  by: DECIDER,
  at: at("2026-11-03T10:00:00Z"),
  allegation: "A post on a personal account described a consultation.",
  evidence: ["Screenshot of the post", "Statement from the duty doctor"],
  meetingAt: at("2026-11-10T14:00:00Z"), // a Tuesday
  place: "Practice meeting room",
  rightToBeAccompanied: true,
};
const meeting: DisciplinaryStep = {
  kind: "record-meeting",
  heldAt: at("2026-11-10T14:00:00Z"),
  chairedBy: DECIDER,
  companion: "colleague",
  record: "The member accepted posting and said they had not thought it identifiable.",
};
const decision: DisciplinaryStep = {
  kind: "record-decision",
  by: DECIDER,
  at: at("2026-11-12T09:00:00Z"),
  outcome: "written-warning",
  reasons: "Confidentiality clause broken; first offence; remorse shown.",
  warningMonths: 6,
};

const open = () =>
  openDisciplinaryCase({ subjectId: SUBJECT, investigatorId: INVESTIGATOR, deciderId: DECIDER });
const run = (...steps: DisciplinaryStep[]): DisciplinaryCase => steps.reduce(applyDisciplinaryStep, open());

/** Asserts the step is refused with an AppError whose sentence matches `message`. */
function refused(fn: () => unknown, message: RegExp, code: AppError["code"] = "conflict") {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AppError, "an AppError");
    assert.equal(e.code, code);
    assert.match(e.message, message);
    return true;
  });
}

describe("the Acas disciplinary steps", () => {
  it("runs in order from investigation to appeal outcome", () => {
    const decided = run(investigation, invitation, meeting, decision);
    assert.equal(decided.stage, "decided");
    assert.equal(decided.decision?.warningExpiresOn, "2027-05-12");
    const appealed = applyDisciplinaryStep(decided, {
      kind: "lodge-appeal",
      at: at("2026-11-16T09:00:00Z"),
      grounds: "The warning is too long.",
    });
    const done = applyDisciplinaryStep(appealed, {
      kind: "record-appeal-outcome",
      heardBy: NEWCOMER,
      at: at("2026-11-24T09:00:00Z"),
      result: "upheld",
      reasons: "The process was fair and the warning proportionate.",
    });
    assert.equal(done.stage, "appeal-decided");
    refused(
      () =>
        applyDisciplinaryStep(done, {
          kind: "lodge-appeal",
          at: at("2026-11-25T09:00:00Z"),
          grounds: "Again",
        }),
      /finished/,
    );
  });

  it("refuses the same person as investigator and decider when the case is opened", () => {
    refused(
      () => openDisciplinaryCase({ subjectId: SUBJECT, investigatorId: DECIDER, deciderId: DECIDER }),
      /person who investigates cannot also be the person who decides/,
    );
    refused(
      () => openDisciplinaryCase({ subjectId: SUBJECT, investigatorId: SUBJECT, deciderId: DECIDER }),
      /cannot investigate/,
    );
  });

  it("refuses a decision before the meeting", () => {
    refused(() => run(investigation, decision), /cannot be made before the disciplinary meeting/);
    refused(() => run(investigation, invitation, decision), /cannot be made before the disciplinary meeting/);
  });

  it("refuses the investigator making the decision", () => {
    refused(
      () => run(investigation, invitation, meeting, { ...decision, by: INVESTIGATOR } as DisciplinaryStep),
      /person who investigated cannot make the decision/,
    );
    refused(
      () => run(investigation, invitation, meeting, { ...decision, by: NEWCOMER } as DisciplinaryStep),
      /Only the person named to decide/,
    );
  });

  it("refuses an appeal heard by the decision maker or anyone involved before", () => {
    const appealed = applyDisciplinaryStep(run(investigation, invitation, meeting, decision), {
      kind: "lodge-appeal",
      at: at("2026-11-16T09:00:00Z"),
      grounds: "Unfair",
    });
    const hear = (heardBy: string) => () =>
      applyDisciplinaryStep(appealed, {
        kind: "record-appeal-outcome",
        heardBy,
        at: at("2026-11-24T09:00:00Z"),
        result: "overturned",
        reasons: "Because",
      });
    refused(hear(DECIDER), /not by the person who made the decision/);
    refused(hear(INVESTIGATOR), /not been involved in the case before/);
    refused(hear(SUBJECT), /not been involved in the case before/);
  });

  it("refuses an appeal outcome before an appeal is lodged, and an appeal before a decision", () => {
    const decided = run(investigation, invitation, meeting, decision);
    refused(
      () =>
        applyDisciplinaryStep(decided, {
          kind: "record-appeal-outcome",
          heardBy: NEWCOMER,
          at: at("2026-11-24T09:00:00Z"),
          result: "upheld",
          reasons: "Fine",
        }),
      /lodge an appeal first/,
    );
    refused(
      () =>
        run(investigation, invitation, meeting, {
          kind: "lodge-appeal",
          at: at("2026-11-11T09:00:00Z"),
          grounds: "x",
        }),
      /only be made against a written decision/,
    );
  });

  it("refuses an invitation before the investigation, or one missing what Acas requires", () => {
    refused(() => run(invitation), /Finish the investigation before inviting/);
    const bad = (change: Partial<Extract<DisciplinaryStep, { kind: "send-invitation" }>>, message: RegExp) =>
      refused(
        () => run(investigation, { ...invitation, ...change } as DisciplinaryStep),
        message,
        "invalid-input",
      );
    bad({ allegation: "  " }, /Say what the allegation is/);
    bad({ evidence: [] }, /List the evidence/);
    bad({ place: "" }, /where the meeting will be held/);
    bad({ rightToBeAccompanied: false }, /colleague or a trade union representative/);
    bad({ meetingAt: at("2026-11-03T09:00:00Z") }, /after the invitation is sent/);
  });

  it("refuses a meeting before the invitation, or chaired by someone other than the decider", () => {
    refused(() => run(investigation, meeting), /Send the written invitation before recording/);
    refused(
      () => run(investigation, invitation, { ...meeting, chairedBy: INVESTIGATOR } as DisciplinaryStep),
      /held by the person who will decide/,
    );
  });

  it("postpones the meeting once, by no more than 5 working days", () => {
    const invited = run(investigation, invitation); // meeting Tuesday 10 November
    const postpone = (to: string, bankHolidays?: ReadonlySet<string>): DisciplinaryStep => ({
      kind: "postpone-meeting",
      to: at(to),
      reason: "The member's companion cannot attend.",
      bankHolidays,
    });
    // 5 working days after Tuesday 10th is Tuesday 17th (the weekend does not count).
    const moved = applyDisciplinaryStep(invited, postpone("2026-11-17T14:00:00Z"));
    assert.equal(moved.invitation?.meetingAt.toISOString(), "2026-11-17T14:00:00.000Z");
    assert.equal(moved.postponement?.from.toISOString(), "2026-11-10T14:00:00.000Z");
    refused(
      () => applyDisciplinaryStep(invited, postpone("2026-11-18T09:00:00Z")),
      /no later than 2026-11-17/,
      "invalid-input",
    );
    // A bank holiday in the window pushes the limit a day on.
    const withHoliday = applyDisciplinaryStep(
      invited,
      postpone("2026-11-18T09:00:00Z", new Set(["2026-11-12"])),
    );
    assert.equal(withHoliday.stage, "invited");
    refused(
      () => applyDisciplinaryStep(moved, postpone("2026-11-17T15:00:00Z")),
      /already been postponed once/,
    );
    refused(
      () => applyDisciplinaryStep(invited, postpone("2026-11-09T14:00:00Z")),
      /later than the time first arranged/,
      "invalid-input",
    );
  });

  it("records a warning's duration and lets it expire on its date", () => {
    const decided = run(investigation, invitation, meeting, decision);
    assert.equal(warningIsLive(decided, "2027-05-11"), true);
    assert.equal(warningIsLive(decided, "2027-05-12"), false);
    refused(
      () => run(investigation, invitation, meeting, { ...decision, warningMonths: null } as DisciplinaryStep),
      /how long the warning stays on file/,
      "invalid-input",
    );
    refused(
      () =>
        run(investigation, invitation, meeting, {
          ...decision,
          outcome: "no-action",
          warningMonths: 6,
        } as DisciplinaryStep),
      /Only a warning has a duration/,
      "invalid-input",
    );
    const noAction = run(investigation, invitation, meeting, {
      ...decision,
      outcome: "no-action",
      warningMonths: null,
    } as DisciplinaryStep);
    assert.equal(noAction.decision?.warningExpiresOn, null);
    assert.equal(warningIsLive(noAction, "2026-11-13"), false);
  });

  it("an overturned appeal removes the warning", () => {
    const appealed = applyDisciplinaryStep(run(investigation, invitation, meeting, decision), {
      kind: "lodge-appeal",
      at: at("2026-11-16T09:00:00Z"),
      grounds: "Unfair",
    });
    const overturned = applyDisciplinaryStep(appealed, {
      kind: "record-appeal-outcome",
      heardBy: NEWCOMER,
      at: at("2026-11-24T09:00:00Z"),
      result: "overturned",
      reasons: "The evidence did not identify a patient.",
    });
    assert.equal(warningIsLive(overturned, "2026-12-01"), false);
  });

  it("records informal resolution as such, and allows nothing formal after it", () => {
    const informal = applyDisciplinaryStep(run(investigation), {
      kind: "resolve-informally",
      by: DECIDER,
      at: at("2026-11-03T09:00:00Z"),
      note: "Talked it through; the post was removed the same day.",
    });
    assert.equal(informal.stage, "resolved-informally");
    assert.equal(informal.informal?.resolvedBy, DECIDER);
    refused(() => applyDisciplinaryStep(informal, invitation), /resolved informally/);
    refused(
      () =>
        applyDisciplinaryStep(run(investigation, invitation, meeting, decision), {
          kind: "resolve-informally",
          by: DECIDER,
          at: at("2026-11-13T09:00:00Z"),
          note: "x",
        }),
      /can no longer be resolved informally/,
    );
  });
});

describe("working days and months", () => {
  it("skips weekends and listed bank holidays", () => {
    assert.equal(addWorkingDays("2026-12-04", 1), "2026-12-07"); // Friday → Monday
    assert.equal(addWorkingDays("2026-12-23", 2, new Set(["2026-12-25"])), "2026-12-28");
  });
  it("falls to the month's last day when the day is missing", () => {
    assert.equal(addMonths("2027-01-31", 1), "2027-02-28");
    assert.equal(addMonths("2027-08-31", 6), "2028-02-29");
    assert.equal(addMonths("2026-11-12", 12), "2027-11-12");
  });
});
