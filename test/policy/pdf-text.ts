// @ts-expect-error pdf-parse ships no types; its lib entry avoids the package's debug-mode index.
import pdfParse from "pdf-parse/lib/pdf-parse.js";
import { unzipSync, strFromU8 } from "fflate";

/** The text a reader would extract from a PDF. */
export async function pdfText(buf: Buffer): Promise<string> {
  const r = (await pdfParse(buf)) as { text: string };
  return r.text;
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
