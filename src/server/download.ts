import type { FastifyReply } from "fastify";

/** Sends a file the browser saves (CSV, PDF, DOCX) under a readable name. */
export function sendDownload(
  reply: FastifyReply,
  file: { type: string; filename: string; body: string | Buffer },
) {
  return reply
    .type(file.type)
    .header("content-disposition", `attachment; filename="${file.filename.replace(/["\\\r\n]/g, "")}"`)
    .send(file.body);
}

export const CSV = "text/csv; charset=utf-8";
export const PDF = "application/pdf";
export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
