import { PDFParse } from "pdf-parse";
import { unzipSync, strFromU8 } from "fflate";

/** The text a reader would extract from a PDF. */
export async function pdfText(buf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(buf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

/** word/document.xml of a DOCX, and its text with tags removed. */
export function docxText(buf: Buffer): { xml: string; text: string } {
  const files = unzipSync(new Uint8Array(buf));
  const xml = strFromU8(files["word/document.xml"]!);
  const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(" ");
  return {
    xml,
    text: text
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&"),
  };
}
