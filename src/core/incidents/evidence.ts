// Evidence files on a case: what kinds are accepted, told by their content (never by their name or the type the
// browser claims), and the size limit. Pure: reads the first bytes only.

import { AppError } from "../errors";

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

export const EVIDENCE_TYPES = {
  "image/png": "PNG image",
  "image/jpeg": "JPEG image",
  "image/gif": "GIF image",
  "image/webp": "WebP image",
  "application/pdf": "PDF document",
} as const;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0): boolean =>
  bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** The file's type from its first bytes, or null when it is none of the accepted kinds. */
export function evidenceTypeOf(bytes: Uint8Array): EvidenceType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "image/gif";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  if (startsWith(bytes, ascii("%PDF-"))) return "application/pdf";
  return null;
}

/** Checks an upload and says in plain words what is wrong: empty, too large, or not a kind accepted. */
export function checkEvidence(bytes: Uint8Array): EvidenceType {
  const field = { file: "Choose a file" };
  if (bytes.length === 0)
    throw new AppError("invalid-input", "The file is empty. Choose the file again.", field);
  if (bytes.length > MAX_EVIDENCE_BYTES)
    throw new AppError(
      "payload-too-large",
      "The file is larger than 20 MB. Send a smaller copy or a screenshot.",
      field,
    );
  const type = evidenceTypeOf(bytes);
  if (!type)
    throw new AppError(
      "invalid-input",
      "That file is not a picture (PNG, JPEG, GIF, WebP) or a PDF, whatever its name says. Save it as one of those and try again.",
      field,
    );
  return type;
}

/** A file name safe to keep and show: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const printable = [...base].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join("");
  const clean = printable.trim().slice(0, 200);
  return clean || "evidence";
}
