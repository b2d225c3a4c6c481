// The disciplinary letters as templates filled from the case: the invitation to a meeting, the written decision
// and the appeal's outcome. The result is plain structure (headings, paragraphs, lists) that the DOCX and PDF
// writers in src/exports draw without interpreting. Pure: names and the practice come from the caller.
import { AppError } from "../errors";
import { formatUkDate, formatUkDateTime } from "../dates";
import type { DisciplinaryCase, DisciplinaryOutcome } from "./disciplinary";

export const LETTER_KINDS = ["invitation", "decision", "appeal-outcome"] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export type LetterBlock =
  { kind: "heading"; text: string } | { kind: "paragraph"; text: string } | { kind: "list"; items: string[] };

export type Letter = {
  kind: LetterKind;
  /** The letter's subject line, also the document's title. */
  title: string;
  practiceName: string;
  to: string;
  date: string;
  blocks: LetterBlock[];
  signedBy: string;
  signedRole: string;
};

/** How many working days the member has to appeal, as the decision letter states it. */
export const APPEAL_WORKING_DAYS = 5;

const OUTCOME_WORDS: Record<DisciplinaryOutcome, string> = {
  "no-action": "no formal disciplinary action will be taken",
  "written-warning": "you are given a written warning",
  "final-written-warning": "you are given a final written warning",
  dismissal: "your employment is terminated",
};

const COMPANION_WORDS = {
  none: "You attended without a companion.",
  colleague: "You were accompanied by a colleague.",
  "trade-union-representative": "You were accompanied by a trade union representative.",
} as const;

const months = (n: number) => `${n} month${n === 1 ? "" : "s"}`;

type Facts = {
  practiceName: string;
  /** The name of each person on the case, by member id. */
  nameOf: (id: string | undefined) => string;
};

function notYet(message: string): AppError {
  return new AppError("conflict", message);
}

function invitation(c: DisciplinaryCase, f: Facts): Letter {
  const inv = c.invitation;
  if (!inv) throw notYet("The invitation letter can be made once the invitation has been sent.");
  const meetingAt = c.postponement?.to ?? inv.meetingAt;
  const blocks: LetterBlock[] = [
    {
      kind: "paragraph",
      text:
        `I am writing to ask you to attend a disciplinary meeting on ${formatUkDateTime(meetingAt)} (UK time), ` +
        `at ${inv.place}.` +
        (c.postponement
          ? ` This replaces the time first given, ${formatUkDateTime(c.postponement.from)}, which was moved so that your companion can attend.`
          : ""),
    },
    { kind: "heading", text: "The allegation" },
    { kind: "paragraph", text: inv.allegation },
    { kind: "heading", text: "The evidence" },
    inv.evidence.filter((e) => e.trim()).length
      ? { kind: "list", items: inv.evidence.filter((e) => e.trim()) }
      : { kind: "paragraph", text: "The findings of the investigation." },
    {
      kind: "paragraph",
      text: "Copies of the evidence are enclosed or will be given to you before the meeting, so that you can prepare your answer.",
    },
    { kind: "heading", text: "The meeting" },
    {
      kind: "paragraph",
      text:
        `The meeting will be held by ${f.nameOf(c.deciderId)}, who will hear your side and decide the outcome. ` +
        `${f.nameOf(c.investigatorId)}, who investigated, may explain the findings. You can answer the allegation, ` +
        "ask questions, show evidence and call relevant witnesses. A possible outcome is a formal warning or, " +
        "in serious cases, dismissal.",
    },
    { kind: "heading", text: "Your right to be accompanied" },
    {
      kind: "paragraph",
      text:
        "You have the right to bring a companion to the meeting: a colleague or a trade union representative. " +
        "Please tell me who it will be before the meeting. If your companion cannot come at this time, suggest " +
        "another time within five working days of the date above and the meeting will be moved.",
    },
    {
      kind: "paragraph",
      text: "If you cannot attend for any reason, please tell me as soon as you can.",
    },
  ];
  return {
    kind: "invitation",
    title: "Invitation to a disciplinary meeting",
    practiceName: f.practiceName,
    to: f.nameOf(c.subjectId),
    date: formatUkDate(inv.sentAt),
    blocks,
    signedBy: f.nameOf(inv.sentBy),
    signedRole: "for the practice",
  };
}

function decision(c: DisciplinaryCase, f: Facts): Letter {
  const d = c.decision;
  if (!d) throw notYet("The decision letter can be made once the decision has been recorded.");
  const blocks: LetterBlock[] = [
    {
      kind: "paragraph",
      text: c.meeting
        ? `Thank you for attending the disciplinary meeting on ${formatUkDateTime(c.meeting.heldAt)} (UK time). ${COMPANION_WORDS[c.meeting.companion]}`
        : "This letter confirms the outcome of the disciplinary process.",
    },
    { kind: "heading", text: "The decision" },
    {
      kind: "paragraph",
      text: `Having considered everything, I have decided that ${OUTCOME_WORDS[d.outcome]}.`,
    },
    { kind: "heading", text: "The reasons" },
    { kind: "paragraph", text: d.reasons },
  ];
  if (d.warningMonths && d.warningExpiresOn)
    blocks.push(
      { kind: "heading", text: "How long the warning lasts" },
      {
        kind: "paragraph",
        text:
          `The warning stays on your file for ${months(d.warningMonths)}, until ${formatUkDate(d.warningExpiresOn)}. ` +
          "After that day it is no longer taken into account. If the conduct is repeated while it is live, " +
          "further disciplinary action may follow.",
      },
    );
  blocks.push(
    { kind: "heading", text: "Your right of appeal" },
    {
      kind: "paragraph",
      text:
        `You may appeal against this decision. Write to the practice within ${APPEAL_WORKING_DAYS} working days ` +
        "of receiving this letter, saying why you think the decision is wrong. The appeal will be heard by " +
        "someone who has not been involved in the case so far, and you may bring a colleague or a trade union " +
        "representative to the appeal meeting.",
    },
  );
  return {
    kind: "decision",
    title: "Outcome of the disciplinary meeting",
    practiceName: f.practiceName,
    to: f.nameOf(c.subjectId),
    date: formatUkDate(d.decidedAt),
    blocks,
    signedBy: f.nameOf(d.decidedBy),
    signedRole: "who heard the case and decided",
  };
}

const RESULT_WORDS = {
  upheld: "the original decision stands",
  overturned: "the original decision is overturned and any warning it gave is removed from your file",
  varied: "the original decision is changed, as set out in the reasons below",
} as const;

function appealOutcome(c: DisciplinaryCase, f: Facts): Letter {
  const a = c.appeal;
  if (!a?.result || !a.heardAt || !a.heardBy)
    throw notYet("The appeal letter can be made once the appeal's outcome has been recorded.");
  return {
    kind: "appeal-outcome",
    title: "Outcome of your appeal",
    practiceName: f.practiceName,
    to: f.nameOf(c.subjectId),
    date: formatUkDate(a.heardAt),
    blocks: [
      {
        kind: "paragraph",
        text:
          `You appealed on ${formatUkDate(a.lodgedAt)} against the disciplinary decision of ` +
          `${c.decision ? formatUkDate(c.decision.decidedAt) : "the practice"}. I have not been involved in the case before and have heard your appeal.`,
      },
      { kind: "heading", text: "The outcome" },
      { kind: "paragraph", text: `I have decided that ${RESULT_WORDS[a.result]}.` },
      { kind: "heading", text: "The reasons" },
      { kind: "paragraph", text: a.reasons ?? "" },
      {
        kind: "paragraph",
        text: "This decision is final: there is no further right of appeal within the practice.",
      },
    ],
    signedBy: f.nameOf(a.heardBy),
    signedRole: "who heard the appeal",
  };
}

/** The letter of `kind` for the case as it stands, or a conflict saying the step it reports has not happened yet. */
export function disciplinaryLetter(kind: LetterKind, c: DisciplinaryCase, facts: Facts): Letter {
  if (kind === "invitation") return invitation(c, facts);
  if (kind === "decision") return decision(c, facts);
  return appealOutcome(c, facts);
}

/** Which letters a case has so far, in the order they go out. */
export function lettersAvailable(c: DisciplinaryCase): LetterKind[] {
  const out: LetterKind[] = [];
  if (c.invitation) out.push("invitation");
  if (c.decision) out.push("decision");
  if (c.appeal?.result) out.push("appeal-outcome");
  return out;
}
