// A breach's DSPT incident report as a PDF: the answers the Data Security and Protection Toolkit's incident tool
// asks for, in its order, so the practice can copy each across. Empty answers say so, to be filled in first.
import type { BreachReport } from "../app/incidents/breach-report";
import { longDateTime } from "./format";
import { plainPdf, type PlainBlock, type PlainDocument } from "./plain-document";

const field = (label: string, value: string | null | undefined): PlainBlock => ({
  kind: "field",
  label,
  value: value?.trim() || "Not recorded yet.",
});

export function dsptReportDocument(r: BreachReport): PlainDocument {
  const i = r.incident;
  const b = i.breach;
  const f = b.reportFields;
  return {
    header: r.practice.name,
    lines: [
      "Personal data breach: report for the DSPT incident tool",
      `Case ${i.number}: ${i.title}`,
      `Made ${longDateTime(r.generatedAt)} by safepost. Confidential.`,
    ],
    title: "Report of a personal data breach",
    blocks: [
      { kind: "heading", text: "The clock" },
      field("The practice became aware", longDateTime(b.awareAt)),
      field("72 hours end", longDateTime(b.deadline)),
      { kind: "heading", text: "What happened" },
      field("What happened", f.whatHappened),
      field("Categories of personal data", f.dataCategories),
      field("Approximate number of people affected", f.peopleAffected),
      field("Approximate number of records affected", f.recordsAffected),
      field("Likely consequences", f.consequences),
      field("Measures taken or proposed", f.measures),
      field("Contact point for more information", f.contact),
      { kind: "heading", text: "Grading (NHS guide to notifying incidents)" },
      b.grading
        ? field(
            "Likelihood × severity",
            `${b.grading.likelihood} × ${b.grading.severity} = ${b.grading.score}` +
              `${b.grading.vulnerableGroup ? ", a vulnerable group is involved" : ""}. ${b.grading.advice}`,
          )
        : field("Likelihood × severity", null),
      { kind: "heading", text: "Decision" },
      b.decision
        ? field(
            "Reported to the ICO",
            `${b.decision.decision === "report" ? "Yes" : "No"}, decided ${longDateTime(b.decision.decidedAt)}` +
              `${b.decision.withinClock ? ", within the 72 hours" : ", after the 72 hours"}` +
              `${b.decision.dsptReference ? `. DSPT reference ${b.decision.dsptReference}` : ""}.`,
          )
        : field("Reported to the ICO", "Not decided yet."),
      field("Reasons", b.decision?.reasons),
      field(
        "The people affected were told",
        b.peopleTold
          ? `${b.peopleTold.told === "told" ? "Yes" : "No"}${b.peopleTold.note ? `: ${b.peopleTold.note}` : ""}`
          : null,
      ),
    ],
  };
}

export const dsptReportPdf = (r: BreachReport): Promise<Buffer> => plainPdf(dsptReportDocument(r));
export const dsptReportFileName = (r: BreachReport): string =>
  `${r.practice.slug}-case-${r.incident.number}-dspt-report.pdf`;
