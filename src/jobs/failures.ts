import { ZodError } from "zod";

/** A failure whose message is already a plain sentence without personal data, safe to show an admin. */
export class JobFailure extends Error {
  override name = "JobFailure";
}

const BY_CODE: Record<string, string> = {
  ECONNREFUSED: "The mail server could not be reached.",
  ECONNECTION: "The mail server could not be reached.",
  ETIMEDOUT: "The mail server did not answer in time.",
  ESOCKET: "The connection to the mail server failed.",
  EDNS: "The mail server's name could not be found.",
  EAUTH: "The mail server refused safepost's sign-in (check SMTP_URL).",
  EENVELOPE: "The mail server refused the sender or the recipient's address.",
  EMESSAGE: "The mail server refused the message.",
};

/**
 * Describes a failure in plain words for the admin and the log. Never the raw message: a library's error
 * may quote an email address or a server's reply, so only our own JobFailure sentences and known codes pass.
 */
export function describeFailure(err: unknown): string {
  if (err instanceof JobFailure) return err.message;
  if (err instanceof ZodError) return "The job's details were not valid, so it cannot run.";
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === "string" && BY_CODE[code]) return BY_CODE[code];
  if (typeof code === "string" && /^(08|53|57)/.test(code)) return "The database was not available.";
  return "Something went wrong while running this job.";
}

/** A short, safe identifier of the failure for logs: the error's code or class, never its message. */
export function failureKind(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === "string" || typeof code === "number") return String(code);
  return err instanceof Error ? err.name : typeof err;
}
