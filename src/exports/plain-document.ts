// A short document of headings, paragraphs, lists and labelled fields, written as DOCX (the docx library) or PDF
// (pdfkit). The incident letters and the DSPT report are built as this structure first, so both formats carry
// the same words. Text is drawn as text, never interpreted.
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import PDFDocument from "pdfkit";

export type PlainBlock =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "field"; label: string; value: string };

export type PlainDocument = {
  /** Shown first, in bold (the practice's name on a letter). */
  header: string;
  /** Lines under the header (address block, date, "To: …"). */
  lines: string[];
  title: string;
  blocks: PlainBlock[];
};

/** The document as a Word file. */
export function plainDocx(d: PlainDocument): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ children: [new TextRun({ text: d.header, bold: true, size: 28 })] }),
    ...d.lines.map((l) => new Paragraph({ children: [new TextRun(l)] })),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(d.title)] }),
  ];
  for (const b of d.blocks) {
    if (b.kind === "heading")
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(b.text)] }));
    else if (b.kind === "paragraph") children.push(new Paragraph({ children: [new TextRun(b.text)] }));
    else if (b.kind === "field")
      children.push(
        new Paragraph({
          children: [new TextRun({ text: `${b.label}: `, bold: true }), new TextRun(b.value)],
        }),
      );
    else
      for (const item of b.items)
        children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(item)] }));
  }
  return Packer.toBuffer(new Document({ creator: "safepost", title: d.title, sections: [{ children }] }));
}

const TEXT = "#212b32";

/** The document as an A4 PDF. */
export function plainPdf(d: PlainDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: d.title, Creator: "safepost" } });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.font("Helvetica-Bold").fontSize(14).fillColor(TEXT).text(d.header);
    doc.font("Helvetica").fontSize(10.5);
    for (const l of d.lines) doc.text(l);
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(16).text(d.title);
    for (const b of d.blocks) {
      if (b.kind === "heading") doc.moveDown(0.6).font("Helvetica-Bold").fontSize(12).text(b.text);
      else if (b.kind === "paragraph") doc.moveDown(0.3).font("Helvetica").fontSize(10.5).text(b.text);
      else if (b.kind === "field")
        doc
          .moveDown(0.3)
          .font("Helvetica-Bold")
          .fontSize(10.5)
          .text(b.label)
          .font("Helvetica")
          .text(b.value || "Not recorded.");
      else
        doc
          .moveDown(0.3)
          .font("Helvetica")
          .fontSize(10.5)
          .list(b.items, { bulletRadius: 1.5, textIndent: 12 });
    }
    doc.end();
  });
}
