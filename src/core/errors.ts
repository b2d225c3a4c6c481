/** Stable error codes. Each maps to one HTTP status in one place (src/server/errors.ts). */
export const ERROR_CODES = [
  "invalid-input",
  "not-signed-in",
  "forbidden",
  "not-found",
  "conflict",
  "gone",
  "too-many-requests",
  "payload-too-large",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The one application error type. `message` is a sentence a practice manager understands;
 * `fields` names the form fields at fault so the web app can show errors beside them.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "That item"): AppError =>
  new AppError(
    "not-found",
    `${what} was not found. It may have been removed, or it belongs to another practice.`,
  );

export const forbidden = (message = "Your role in this practice does not allow this."): AppError =>
  new AppError("forbidden", message);
