// The evidence bundle of one comment as a PDF, for legal advice or the police: each record (what was done, by
// whom, why, when), the comment as the practice saw it, the platform's raw record, the record's SHA-256 and the
// previous record's, and whether the practice's evidence chain checks out. Text is drawn as text, never run.
import PDFDocument from "pdfkit";
import type { EvidenceBundle } from "../app/inbox/evidence";
import { reasonLabel } from "../app/inbox/platform";
import { longDateTime } from "./format";

type Doc = PDFKit.PDFDocument;
const TEXT = "#212b32";
const GREY = "#4c6272";
const ACTIONS: Record<string, string> = { hide: "Hidden", unhide: "Shown again", delete: "Deleted" };

const line = (doc: Doc, label: string, value: string) =>
  doc
    .font("Helvetica-Bold")
    .fontSize(10)
    .fillColor(TEXT)
    .text(`${label}: `, { continued: true })
    .font("Helvetica")
    .text(value);

/** The bundle as a PDF. */
export function inboxEvidencePdf(b: EvidenceBundle, generatedAt: Date): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: "A4",
      margin: 56,
      info: { Title: `${b.practice.name}: evidence of a comment`, Creator: "safepost" },
    });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.font("Helvetica-Bold").fontSize(18).fillColor(TEXT).text(`${b.practice.name}`);
    doc.fontSize(14).text("Evidence record of a comment");
    doc.moveDown(0.3).font("Helvetica").fontSize(10).fillColor(GREY);
    doc.text(`Generated ${longDateTime(generatedAt)} by safepost. Comment ${b.comment.id}.`);
    doc.text(
      b.chain.ok
        ? `The practice's evidence chain (${b.chain.records} records) was checked: every record's SHA-256 matches and each carries the previous record's hash.`
        : `WARNING: the practice's evidence chain does not check out at record ${b.chain.brokenAt}.`,
    );
    for (const r of b.records) {
      doc.moveDown(0.8).font("Helvetica-Bold").fontSize(13).fillColor(TEXT);
      doc.text(`Record ${r.seq}: ${ACTIONS[r.action] ?? r.action}`);
      line(doc, "Recorded", longDateTime(r.recorded_at));
      line(doc, "By", r.actor_name);
      line(doc, "Why", reasonLabel(r.reason));
      if (r.note) line(doc, "Note", r.note);
      line(doc, "Author", r.author_handle);
      line(doc, "Author's profile", r.author_url ?? "none given by the platform");
      line(doc, "Comment address", r.comment_url ?? "none given by the platform");
      line(doc, "Received", longDateTime(r.received_at));
      line(doc, "Platform id", r.platform_id ?? "none");
      line(doc, "SHA-256 of this record", r.hash);
      line(doc, "SHA-256 of the record before", r.prev_hash);
      doc.moveDown(0.3).font("Helvetica-Bold").text("The comment as the practice saw it");
      doc.font("Helvetica").text(r.rendered);
      doc.moveDown(0.3).font("Helvetica-Bold").text("The platform's own record (JSON)");
      doc
        .font("Courier")
        .fontSize(8)
        .text(JSON.stringify(r.platform_raw, null, 2) ?? "null");
    }
    doc.end();
  });
}
