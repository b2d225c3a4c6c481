// A disciplinary letter (src/core/incidents/letters.ts) laid out as a letter: practice, date, addressee, subject,
// body, signature. Written as DOCX or PDF by the plain-document writers.
import type { Letter } from "../core/incidents/letters";
import { plainDocx, plainPdf, type PlainDocument } from "./plain-document";

export function letterDocument(l: Letter): PlainDocument {
  return {
    header: l.practiceName,
    lines: ["Private and confidential", l.date, `To: ${l.to}`],
    title: l.title,
    blocks: [
      { kind: "paragraph", text: `Dear ${l.to},` },
      ...l.blocks,
      { kind: "paragraph", text: "Yours sincerely," },
      { kind: "paragraph", text: `${l.signedBy}, ${l.signedRole}` },
    ],
  };
}

export const letterDocx = (l: Letter): Promise<Buffer> => plainDocx(letterDocument(l));
export const letterPdf = (l: Letter): Promise<Buffer> => plainPdf(letterDocument(l));

/** riverside-case-3-invitation.pdf */
export const letterFileName = (slug: string, caseNumber: number, l: Letter, ext: "pdf" | "docx"): string =>
  `${slug}-case-${caseNumber}-${l.kind}.${ext}`;
