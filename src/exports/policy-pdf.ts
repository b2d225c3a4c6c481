import PDFDocument from "pdfkit";
import { SOURCES } from "../core/policy";
import type { PublishedPolicy } from "../app/policy/read-policy";
import type { EvidenceRecord } from "../app/policy/evidence";
import { longDate, longDateTime } from "./format";
import type { EvidenceSummary } from "../app/oversight/evidence-summary";
import { INCIDENT_TYPE_LABELS } from "../core/incidents/types";
import { monthLabel } from "../core/oversight/checker-counts";

type Doc = PDFKit.PDFDocument;

const NHS_BLUE = "#005eb8";
const TEXT = "#212b32";
const GREY = "#4c6272";

function heading(doc: Doc, text: string, size: number): void {
  doc.moveDown(0.6).font("Helvetica-Bold").fontSize(size).fillColor(TEXT).text(text);
  doc.moveDown(0.2);
}

function body(doc: Doc, text: string, o: PDFKit.Mixins.TextOptions = {}): void {
  doc.font("Helvetica").fontSize(10.5).fillColor(TEXT).text(text, o);
}

function writePolicy(doc: Doc, p: PublishedPolicy): void {
  doc.font("Helvetica-Bold").fontSize(22).fillColor(NHS_BLUE).text(`${p.practice.name}`);
  doc.font("Helvetica-Bold").fontSize(18).fillColor(TEXT).text("Social media policy");
  doc.moveDown(0.3);
  body(
    doc,
    `Version ${p.version}, published ${longDate(p.publishedAt)}${p.reviewDue ? `. Next review by ${longDate(p.reviewDue)}` : ""}.`,
  );
  for (const s of p.sections) {
    heading(doc, `${s.number}. ${s.title}`, 14);
    for (const c of s.clauses) {
      doc.moveDown(0.3).font("Helvetica-Bold").fontSize(11).fillColor(TEXT).text(`${c.number} ${c.title}`);
      if (c.hotTopic)
        body(
          doc,
          `Hot topic: ${c.hotTopic.label}${c.hotTopic.start ? ` from ${longDate(c.hotTopic.start)}` : ""}${c.hotTopic.end ? ` until ${longDate(c.hotTopic.end)}` : ""}`,
          {},
        );
      for (const b of c.blocks) {
        doc.moveDown(0.2);
        if (b.kind === "paragraph") body(doc, b.text);
        else
          doc
            .font("Helvetica")
            .fontSize(10.5)
            .fillColor(TEXT)
            .list(b.items, { bulletRadius: 1.5, textIndent: 12 });
      }
      if (c.sources.length) {
        doc
          .moveDown(0.1)
          .font("Helvetica-Oblique")
          .fontSize(8.5)
          .fillColor(GREY)
          .text(
            `Sources: ${c.sources.map((id) => `${SOURCES[id].publisher}, ${SOURCES[id].title}`).join("; ")}`,
          );
      }
    }
  }
  heading(doc, "Version history", 14);
  for (const h of p.history)
    body(
      doc,
      `${h.version} (${h.changeKind}), published ${h.publishedAt ? longDate(h.publishedAt) : "-"}: ${h.changelog || "no note"}`,
    );
}

const yesNo = (v: boolean | null, unknown = "not recorded"): string =>
  v === null ? unknown : v ? "yes" : "no";

/** The My accounts completion rate in one sentence: counts of members who share it, never an answer. */
export function myAccountsSentence(m: EvidenceSummary["myAccounts"]): string {
  const intro =
    "Each member checks their own social media accounts against the policy; their answers stay private to them.";
  if (!m.shared)
    return `${intro} None of the ${m.members} active members has agreed to share whether they completed it.`;
  return `${intro} ${m.shared} of ${m.members} active members agreed to share whether they completed it; ${m.completed} of those ${m.shared} have completed today's check (${m.percent}%).`;
}

/** The pack's practice-wide sections: kinds, dates, counts and yes/no only (no names, no text). */
function writePracticeSections(doc: Doc, p: EvidenceSummary): void {
  heading(doc, "Acknowledgement rates by version", 14);
  if (!p.acknowledgementRates.length) body(doc, "No version has been published.");
  for (const r of p.acknowledgementRates)
    body(
      doc,
      `Version ${r.version}${r.publishedOn ? ` (published ${longDate(r.publishedOn)})` : ""}: ${r.acknowledged} of ${r.total} staff active today have acknowledged it (${r.percent}%).`,
    );

  heading(doc, "Staff's own accounts (My accounts)", 14);
  body(doc, myAccountsSentence(p.myAccounts));

  heading(doc, "Incidents", 14);
  body(
    doc,
    "An anonymised summary of the incident register: kinds, dates and outcomes only. No names, titles or case text are included, and a case about the person making this pack is not shown to them.",
  );
  if (!p.incidents.cases.length) body(doc, "No incidents have been recorded.");
  else {
    doc.moveDown(0.3);
    for (const t of p.incidents.byType)
      body(
        doc,
        `${INCIDENT_TYPE_LABELS[t.type]}: ${t.total} (${t.closed} closed, ${t.notClosed} not closed)`,
      );
    doc.moveDown(0.3);
    body(doc, `Outcomes: ${p.incidents.byOutcome.map((o) => `${o.outcome} ${o.count}`).join("; ")}.`);
    doc.moveDown(0.3);
    for (const c of p.incidents.cases)
      body(
        doc,
        `Case ${c.number}: ${INCIDENT_TYPE_LABELS[c.type]}; opened ${longDate(c.openedOn)}; ${c.closedOn ? `closed ${longDate(c.closedOn)}` : "not closed"}; ${c.outcome}.`,
      );
  }

  heading(doc, "Breach decisions", 14);
  body(
    doc,
    "Each personal data breach: when the practice became aware, the 72-hour deadline, the decision on reporting to the ICO and whether it was made in time. Whether reasons were recorded is shown; the reasons themselves are on the case.",
  );
  if (!p.breaches.length) body(doc, "No personal data breaches have been recorded.");
  for (const b of p.breaches) {
    doc
      .moveDown(0.3)
      .font("Helvetica-Bold")
      .fontSize(10)
      .fillColor(TEXT)
      .text(`Case ${b.number}: aware ${longDateTime(b.awareAt)}, deadline ${longDateTime(b.deadline)}`);
    body(
      doc,
      (b.decidedAt
        ? `Decided ${longDateTime(b.decidedAt)}: ${b.decision === "report" ? "reported to the ICO" : "not reported to the ICO"}; within 72 hours: ${yesNo(b.withinClock)}; reasons recorded: ${yesNo(b.reasonsRecorded)}${b.decision === "report" ? `; DSPT reference recorded: ${yesNo(b.dsptReference)}` : ""}.`
        : "No decision recorded yet.") +
        ` Graded: ${b.graded ? `yes (${b.reportableByGrading ? "reportable" : "not reportable"} on the NHS grid)` : "no"}. People affected told: ${b.peopleTold === null ? "not recorded" : b.peopleTold === "told" ? "yes" : "no"}.`,
    );
  }

  heading(doc, "Posting archive", 14);
  const a = p.archive;
  body(
    doc,
    `In the 12 months from ${monthLabel(a.months[0]!)} to ${monthLabel(a.months.at(-1)!)}: ${a.postsPublished} post${a.postsPublished === 1 ? "" : "s"} published, ${a.approvals} approval${a.approvals === 1 ? "" : "s"} by a second person, and ${a.checkerOverrides} post${a.checkerOverrides === 1 ? "" : "s"} sent for approval although the checker advised not to post (each with the author's reason, read by the approver).`,
  );
  if (a.byChannel.length) {
    doc.moveDown(0.3);
    body(doc, "Published per month, by channel:");
    for (const c of a.byChannel)
      body(
        doc,
        `${c.channel}: ${c.counts
          .map((n, i) => (n ? `${monthLabel(a.months[i]!)} ${n}` : null))
          .filter((x) => x)
          .join(", ")} (${c.total} in all)`,
      );
  }
}

function toBuffer(build: (doc: Doc) => void, title: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: title, Creator: "safepost" } });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    build(doc);
    doc.end();
  });
}

/** The published policy as a PDF, with its version history. Clause text is drawn as text, never interpreted. */
export function policyPdf(p: PublishedPolicy): Promise<Buffer> {
  return toBuffer((doc) => writePolicy(doc, p), `${p.practice.name} social media policy ${p.version}`);
}

/** The evidence pack for inspections: the policy, then its consultation record, approval and acknowledgements. */
export function evidencePdf(e: EvidenceRecord): Promise<Buffer> {
  return toBuffer((doc) => {
    writePolicy(doc, e.policy);
    doc.addPage();
    doc.font("Helvetica-Bold").fontSize(18).fillColor(TEXT).text("Evidence record");
    body(doc, `Generated ${longDateTime(e.generatedAt)} for version ${e.policy.version}.`);
    heading(doc, "Consultation", 14);
    body(
      doc,
      e.consultation.startedAt
        ? `Staff consultation opened ${longDateTime(e.consultation.startedAt)}.`
        : "No consultation was recorded for this version.",
    );
    if (!e.consultation.comments.length) body(doc, "No comments were made.");
    for (const c of e.consultation.comments) {
      doc
        .moveDown(0.3)
        .font("Helvetica-Bold")
        .fontSize(10)
        .fillColor(TEXT)
        .text(
          `${c.clause}${c.clauseRemoved ? " (clause since removed)" : ""}: ${c.author}, ${longDateTime(c.at)}`,
        );
      body(doc, c.body);
    }
    heading(doc, "Staff representative", 14);
    if (!e.consultation.staffRep.length) body(doc, "No decision was recorded.");
    for (const d of e.consultation.staffRep)
      body(
        doc,
        `${d.decision === "agree" ? "Agreed" : "Objected"}: ${d.by}, ${longDateTime(d.at)} (draft revision ${d.revision})${d.note ? `. ${d.note}` : ""}`,
      );
    heading(doc, "Approval and publication", 14);
    body(
      doc,
      `Approved by ${e.approval.by ?? "-"}${e.approval.at ? ` on ${longDateTime(e.approval.at)}` : ""}.`,
    );
    body(
      doc,
      `Published${e.approval.publishedBy ? ` by ${e.approval.publishedBy}` : ""}${e.approval.publishedAt ? ` on ${longDateTime(e.approval.publishedAt)}` : ""}.`,
    );
    heading(doc, "Acknowledgements", 14);
    if (!e.acknowledgements) body(doc, "Acknowledgements are shown for the current published version only.");
    else {
      body(
        doc,
        `${e.acknowledgements.acknowledged} of ${e.acknowledgements.total} active staff have acknowledged version ${e.acknowledgements.version.split(".")[0]}.x.`,
      );
      doc.moveDown(0.3);
      for (const m of e.acknowledgements.members)
        body(
          doc,
          `${m.name}: ${m.acknowledgedAt ? `acknowledged ${longDateTime(m.acknowledgedAt)} (version ${m.version})` : "not yet acknowledged"}`,
        );
    }
    writePracticeSections(doc, e.practice);
    heading(doc, "Audit trail", 14);
    body(
      doc,
      e.auditHead
        ? `Audit chain head when this pack was made: entry ${e.auditHead.seq}, ${e.auditHead.seq}:${e.auditHead.hash}. ` +
            "Keep this page: `safepost audit verify --practice SLUG --head` with this value shows whether any entry up to it was later edited or deleted."
        : "No audit entries had been recorded for this practice.",
    );
  }, `${e.policy.practice.name} social media policy ${e.policy.version}: evidence`);
}
