import PDFDocument from "pdfkit";
import { toCsv } from "../server/csv";
import { longDateTime } from "./format";

/** One post as it was published on one channel, with who wrote and approved it and what the checker said. */
export interface ArchiveEntry {
  postId: string;
  deliveryId: string;
  channelKind: string;
  channelName: string;
  /** The exact text sent (footer included). */
  text: string;
  link: string | null;
  /** The sha-256 of each image as sent, in the post's order. */
  imageHashes: string[];
  /** Where the post lives on the platform (null when the platform gave none). */
  url: string | null;
  author: string;
  approver: string | null;
  createdAt: Date;
  approvedAt: Date | null;
  publishedAt: Date;
  /** The checker's verdict the approver saw ("ok", "review", "do-not-post"), null if none was recorded. */
  verdict: string | null;
  /** The author's reason for sending a text the checker said not to post. */
  overrideReason: string | null;
}

const VERDICT_WORDS: Record<string, string> = {
  ok: "No problems found",
  review: "Check before posting",
  "do-not-post": "Do not post",
};
export const verdictWords = (v: string | null): string => (v ? (VERDICT_WORDS[v] ?? v) : "Not recorded");

const iso = (d: Date | null): string => (d ? d.toISOString() : "");

/** The archive as CSV (one row per post and channel), times in UTC ISO 8601, safe to open in a spreadsheet. */
export function archiveCsv(entries: readonly ArchiveEntry[]): string {
  return toCsv(
    [
      "Published at (UTC)",
      "Channel",
      "Channel name",
      "Address on the platform",
      "Text as published",
      "Link",
      "Image SHA-256",
      "Author",
      "Approved by",
      "Approved at (UTC)",
      "Written at (UTC)",
      "Checker verdict at approval",
      "Reason given to post anyway",
      "Post id",
      "Delivery id",
    ],
    entries.map((e) => [
      iso(e.publishedAt),
      e.channelKind,
      e.channelName,
      e.url ?? "",
      e.text,
      e.link ?? "",
      e.imageHashes.join(" "),
      e.author,
      e.approver ?? "",
      iso(e.approvedAt),
      iso(e.createdAt),
      verdictWords(e.verdict),
      e.overrideReason ?? "",
      e.postId,
      e.deliveryId,
    ]),
  );
}

const TEXT = "#212b32";
const GREY = "#4c6272";
const NHS_BLUE = "#005eb8";

// The PDF's built-in font (Helvetica, WinAnsi) has no emoji or most non-Latin scripts: such characters are
// shown as "?" in the PDF, and the CSV keeps the exact text.
const NOT_IN_PDF_FONT =
  /[^\t\n\r\u0020-\u007E\u00A0-\u00FF\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\u20AC]/gu;
const printableInPdf = (s: string): string => s.replace(NOT_IN_PDF_FONT, "?");

/** The archive as a PDF for the practice's records: one block per post and channel, newest first. */
export function archivePdf(
  practiceName: string,
  entries: readonly ArchiveEntry[],
  o: { generatedAt: Date; query: string },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: "A4",
      margin: 56,
      info: { Title: `${practiceName}: archive of published posts`, Creator: "safepost" },
    });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    const line = (label: string, value: string) =>
      doc
        .font("Helvetica-Bold")
        .fontSize(9.5)
        .fillColor(GREY)
        .text(`${label}: `, { continued: true })
        .font("Helvetica")
        .fillColor(TEXT)
        .text(printableInPdf(value));

    doc.font("Helvetica-Bold").fontSize(20).fillColor(NHS_BLUE).text(printableInPdf(practiceName));
    doc.font("Helvetica-Bold").fontSize(16).fillColor(TEXT).text("Archive of published posts");
    doc
      .moveDown(0.3)
      .font("Helvetica")
      .fontSize(10)
      .text(
        `Made ${longDateTime(o.generatedAt)}. ${entries.length} ${entries.length === 1 ? "post" : "posts"} as published` +
          (o.query ? `, matching "${printableInPdf(o.query)}"` : "") +
          ". Each entry is the exact text sent to that channel; images are named by their SHA-256 hash. Characters this PDF cannot show are printed as ?; the CSV export keeps them.",
      );
    if (entries.length === 0)
      doc
        .moveDown()
        .fontSize(11)
        .text("No published posts match. Nothing has been published yet, or the search found nothing.");
    for (const e of entries) {
      doc.moveDown(0.9);
      doc
        .font("Helvetica-Bold")
        .fontSize(11.5)
        .fillColor(TEXT)
        .text(`${longDateTime(e.publishedAt)} · ${printableInPdf(e.channelName)} (${e.channelKind})`);
      doc.moveDown(0.2).font("Helvetica").fontSize(10.5).fillColor(TEXT).text(printableInPdf(e.text));
      doc.moveDown(0.2);
      if (e.link) line("Link", e.link);
      if (e.url) line("On the platform", e.url);
      line("Written by", e.author);
      line(
        "Approved by",
        e.approver ? `${e.approver}${e.approvedAt ? `, ${longDateTime(e.approvedAt)}` : ""}` : "Not recorded",
      );
      line("Checker at approval", verdictWords(e.verdict));
      if (e.overrideReason) line("Reason given to post anyway", e.overrideReason);
      for (const h of e.imageHashes) line("Image SHA-256", h);
      line("Post", e.postId);
    }
    doc.end();
  });
}
