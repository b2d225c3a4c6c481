// The incident register (issue 11): what the Incidents pages, the "Report a concern" form and the CLI send and read.
import { z } from "zod";
import { INCIDENT_STATUSES, INCIDENT_TYPES } from "../core/incidents/types";
import { DISCIPLINARY_OUTCOMES, DISCIPLINARY_STAGES } from "../core/incidents/disciplinary";
import { LETTER_KINDS } from "../core/incidents/letters";
import { allowedOf, isoTime } from "./common";

export const incidentType = z.enum(INCIDENT_TYPES, {
  error: `The kinds of case are: ${INCIDENT_TYPES.join(", ")}.`,
});
export const incidentStatus = z.enum(INCIDENT_STATUSES);
export const CONCERN_KINDS = [
  "colleague-post",
  "patient-comment",
  "practice-account",
  "lost-phone",
  "own-post",
  "other",
] as const;
export const concernKind = z.enum(CONCERN_KINDS, { error: "Say what the concern is about." });

export const incidentParams = z.object({ practiceId: z.string(), incidentId: z.string() });

const text = (max: number, required: string) =>
  z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(max, `Keep it to ${max.toLocaleString("en-GB")} characters.`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it to ${max.toLocaleString("en-GB")} characters.`)
    .nullable()
    .optional()
    .transform((s) => (s ? s : null));
const instant = (error: string) => z.iso.datetime({ offset: true, error });
const ids = z.array(z.string()).max(20, "Name at most 20 people.");

/** POST …/incidents/concerns — any member. Only what the reporter chooses to include is kept. */
export const concernRequest = z.object({
  kind: concernKind,
  url: optionalText(2000).refine((s) => s === null || /^https?:\/\/\S+$/i.test(s), {
    message: "Give the link as a full web address starting https://",
  }),
  seen: text(4000, "Say briefly what you saw, so the practice manager can find it."),
  includedText: optionalText(10_000),
  commentId: z.string().nullable().optional().meta({
    description: 'The inbox comment the concern is about (from the inbox\'s "Report as a concern")',
  }),
  attachFindings: z.boolean().default(false).meta({
    description:
      "Keep what the checker finds in the linked comment or in checkText: rule and clause codes only, never the text",
  }),
  checkText: z
    .string()
    .max(10_000, "Keep it to 10,000 characters.")
    .nullable()
    .optional()
    .meta({ description: "A post of your own to run the checker over; it is checked and not kept" }),
});
export const concernFinding = z
  .object({ rule: z.string(), reason: z.string(), severity: z.string(), clause: z.string().nullable() })
  .meta({ title: "ConcernFinding" });
export const concernResponse = z.object({
  id: z.string(),
  number: z.number().int(),
  message: z.string(),
});

/** POST …/incidents — an admin opens a case. */
export const openIncidentRequest = z.object({
  type: incidentType,
  title: text(200, "Give the case a short title."),
  summary: optionalText(10_000),
  ownerId: z.string().nullable().optional(),
  subjectIds: ids.default([]),
  investigatorIds: ids.default([]),
  clauses: z.array(z.string().trim().min(1).max(100)).max(50, "Choose at most 50 clauses.").default([]),
  awareAt: instant("Give the time the practice became aware as a full date and time.").optional(),
});

/** PATCH …/incidents/:incidentId — every field optional; a status change follows the core's rules. */
export const updateIncidentRequest = z.object({
  type: incidentType.optional(),
  title: text(200, "Give the case a short title.").optional(),
  // Left out: unchanged; null or empty: cleared.
  summary: z.string().trim().max(10_000, "Keep it to 10,000 characters.").nullable().optional(),
  ownerId: z.string().nullable().optional(),
  subjectIds: ids.optional(),
  investigatorIds: ids.optional(),
  clauses: z.array(z.string().trim().min(1).max(100)).max(50, "Choose at most 50 clauses.").optional(),
  status: incidentStatus.optional(),
  outcome: optionalText(4000),
  reason: optionalText(2000),
});

/** POST …/actions */
export const incidentActionRequest = z.object({ note: text(4000, "Say what was done.") });

/** PUT …/breach/aware-at */
export const awareAtRequest = z.object({
  awareAt: instant("Give the time the practice became aware as a full date and time."),
  reason: optionalText(2000),
});

/** PUT …/breach/grading */
export const gradingRequest = z.object({
  likelihood: z.number({ error: "Grade the likelihood of harm from 1 to 5." }).int().min(1).max(5),
  severity: z.number({ error: "Grade the severity of harm from 1 to 5." }).int().min(1).max(5),
  vulnerableGroup: z.boolean({ error: "Say whether a vulnerable group is involved." }),
});

/** PUT …/breach/decision */
export const decisionRequest = z.object({
  decision: z.enum(["report", "not-report"], { error: "Say whether the breach is reported to the ICO." }),
  reasons: text(4000, "Give the reasons for the decision, whichever way it goes."),
  dsptReference: optionalText(100),
});

/** PUT …/breach/people-told */
export const peopleToldRequest = z.object({
  told: z.enum(["told", "not-told"], { error: "Say whether the people affected were told." }),
  note: optionalText(4000),
});

/** PUT …/breach/report-fields — the DSPT incident tool's questions, to copy across. */
export const reportFieldsRequest = z.object({
  whatHappened: optionalText(4000),
  dataCategories: optionalText(2000),
  peopleAffected: optionalText(200),
  recordsAffected: optionalText(200),
  contact: optionalText(500),
  consequences: optionalText(4000),
  measures: optionalText(4000),
});

/** POST …/disciplinary */
export const openDisciplinaryRequest = z.object({
  subjectId: z.string({ error: "Choose the member the case is about." }),
  investigatorId: z.string({ error: "Choose who investigates." }),
  deciderId: z.string({ error: "Choose who decides." }),
});

const companion = z.enum(["none", "colleague", "trade-union-representative"]);
/** POST …/disciplinary/steps — the person recording is the one taking the step. */
export const disciplinaryStepRequest = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("record-investigation"), findings: z.string().max(10_000) }),
    z.object({
      kind: z.literal("send-invitation"),
      allegation: z.string().max(4000),
      evidence: z.array(z.string().max(500)).max(50),
      meetingAt: instant("Give the meeting's date and time."),
      place: z.string().max(500),
      rightToBeAccompanied: z.boolean(),
    }),
    z.object({
      kind: z.literal("postpone-meeting"),
      to: instant("Give the new date and time."),
      reason: z.string().max(2000),
    }),
    z.object({
      kind: z.literal("record-meeting"),
      heldAt: instant("Give when the meeting was held."),
      companion,
      record: z.string().max(20_000),
    }),
    z.object({
      kind: z.literal("record-decision"),
      outcome: z.enum(DISCIPLINARY_OUTCOMES, { error: "Choose the outcome." }),
      reasons: z.string().max(10_000),
      warningMonths: z.number().int().nullable().optional(),
    }),
    z.object({ kind: z.literal("lodge-appeal"), grounds: z.string().max(10_000) }),
    z.object({
      kind: z.literal("record-appeal-outcome"),
      result: z.enum(["upheld", "overturned", "varied"], { error: "Choose the appeal's result." }),
      reasons: z.string().max(10_000),
    }),
    z.object({ kind: z.literal("resolve-informally"), note: z.string().max(4000) }),
  ],
  { error: "Choose a disciplinary step." },
);

const person = z.object({ id: z.string(), name: z.string() }).meta({ title: "IncidentPerson" });

export const breachClockResponse = z
  .object({
    awareAt: isoTime,
    deadline: isoTime,
    hoursLeft: z
      .number()
      .int()
      .meta({ description: "Whole hours left before the 72-hour deadline; negative once overdue." }),
    decided: z.boolean(),
  })
  .meta({ title: "BreachClock" });

export const incidentSummaryResponse = z
  .object({
    id: z.string(),
    number: z.number().int(),
    type: incidentType,
    status: incidentStatus,
    title: z.string(),
    owner: person.nullable(),
    breach: breachClockResponse.nullable(),
    createdAt: isoTime,
  })
  .meta({ title: "IncidentSummary" });

export const incidentListResponse = z.object({
  incidents: z.array(incidentSummaryResponse),
  canOpen: z.boolean().meta({ description: "Whether you may open a case (an admin)." }),
});

const grading = z.object({
  likelihood: z.number().int(),
  severity: z.number().int(),
  vulnerableGroup: z.boolean(),
  score: z.number().int(),
  reportable: z.boolean(),
  advice: z.string(),
  gradedAt: isoTime,
  gradedBy: person.nullable(),
});

export const breachResponse = breachClockResponse
  .extend({
    grading: grading.nullable(),
    decision: z
      .object({
        decision: z.enum(["report", "not-report"]),
        reasons: z.string(),
        dsptReference: z.string().nullable(),
        decidedAt: isoTime,
        decidedBy: person.nullable(),
        withinClock: z.boolean(),
      })
      .nullable(),
    peopleTold: z
      .object({ told: z.enum(["told", "not-told"]), note: z.string().nullable(), at: isoTime })
      .nullable(),
    reportFields: reportFieldsRequest.partial(),
    awareChanges: z.array(
      z.object({ from: isoTime, to: isoTime, reason: z.string(), by: person.nullable(), at: isoTime }),
    ),
  })
  .meta({ title: "Breach" });

export const disciplinaryResponse = z
  .object({
    stage: z.enum(DISCIPLINARY_STAGES),
    subject: person,
    investigator: person,
    decider: person,
    letters: z.array(z.enum(LETTER_KINDS)).meta({
      description: "The letters this case has so far (invitation, decision, appeal outcome), to download.",
    }),
    detail: z.record(z.string(), z.unknown()).meta({
      description:
        "The investigation, invitation, postponement, meeting, decision, appeal or informal resolution so far.",
    }),
  })
  .meta({ title: "DisciplinaryCase" });

export const incidentResponse = incidentSummaryResponse
  .omit({ breach: true })
  .extend({
    summary: z.string(),
    clauses: z.array(z.string()),
    outcome: z.string().nullable(),
    concern: z
      .object({
        kind: concernKind,
        url: z.string().nullable(),
        seen: z.string().nullable(),
        includedText: z.string().nullable(),
        reportedBy: person.nullable(),
        comment: z
          .object({ id: z.string(), conversationId: z.string() })
          .nullable()
          .meta({ description: "The inbox comment it was raised from, when it still exists" }),
        findings: z.array(concernFinding).nullable(),
      })
      .nullable(),
    subjects: z.array(person),
    investigators: z.array(person),
    breach: breachResponse.nullable(),
    disciplinary: disciplinaryResponse.nullable(),
    evidence: z.array(
      z.object({
        id: z.string(),
        fileName: z.string(),
        mimeType: z.string(),
        size: z.number().int(),
        sha256: z.string(),
        uploadedBy: person.nullable(),
        uploadedAt: isoTime,
      }),
    ),
    timeline: z.array(
      z.object({ at: isoTime, actor: person.nullable(), kind: z.string(), note: z.string().nullable() }),
    ),
    allowed: allowedOf("incident"),
    updatedAt: isoTime,
    closedAt: isoTime.nullable(),
  })
  .meta({ title: "Incident" });

export const evidenceParams = incidentParams.extend({ evidenceId: z.string() });
export const evidenceUploadQuery = z.object({
  name: z
    .string()
    .max(500)
    .optional()
    .meta({ description: "The file's name, to show; its type is read from its content." }),
});
export const evidenceResponse = z
  .object({
    id: z.string(),
    fileName: z.string(),
    mimeType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
  })
  .meta({ title: "IncidentEvidence" });

/** GET …/:incidentId/disciplinary/letters/:letter — a letter of the disciplinary process, as a file. */
export const letterParams = incidentParams.extend({
  letter: z.enum(LETTER_KINDS, { error: "The letters are: invitation, decision, appeal-outcome." }),
});
export const documentFormatQuery = z.object({
  format: z
    .enum(["pdf", "docx"], { error: "Choose pdf or docx." })
    .default("pdf")
    .meta({ description: "PDF (the default) or Word (DOCX)" }),
});
