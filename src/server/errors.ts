import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";
import { ZodError } from "zod";
import { AppError, type ErrorCode } from "../core/errors";
import { isUniqueViolation } from "../store/unique-violation";

const STATUS: Record<ErrorCode, number> = {
  "invalid-input": 400,
  "not-signed-in": 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  gone: 410,
  "payload-too-large": 413,
  "too-many-requests": 429,
  internal: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, string> };
}

export function errorBody(err: AppError): ErrorBody {
  const body: ErrorBody = { error: { code: err.code, message: err.message } };
  if (Object.keys(err.fields).length) body.error.fields = err.fields;
  return body;
}

/** Turns a zod failure into an AppError naming each field, in plain words. */
export function fromZod(err: ZodError): AppError {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = issue.path.join(".") || "body";
    fields[key] ??= issue.message;
  }
  // The sentence names no internal field (a person never sees "reviewDue"): each field's own message says
  // what is wrong, and `fields` lets the form put it beside the field as it is labelled.
  const names = Object.keys(fields);
  const sentence = (m: string): string => (/[.!?]$/.test(m.trim()) ? m.trim() : `${m.trim()}.`);
  const message =
    names.length === 1 && names[0] !== "body"
      ? sentence(fields[names[0]!]!)
      : names.length > 1
        ? `There are ${names.length} problems: ${names.map((n) => sentence(fields[n]!)).join(" ")}`
        : "The request was not in the expected form.";
  return new AppError("invalid-input", message, fields);
}

const GONE_CODES = new Set(["ECONNRESET", "ECONNABORTED", "EPIPE", "ERR_STREAM_PREMATURE_CLOSE"]);

/** The client disconnected (closed the tab, lost the network) before its request was read or answered. */
export function clientWentAway(err: unknown, req: FastifyRequest): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return (
    (typeof e.code === "string" && GONE_CODES.has(e.code)) ||
    e.message === "aborted" ||
    req.raw.destroyed ||
    req.raw.socket?.destroyed === true
  );
}

/**
 * What an unexpected error leaves in the log: its type, its code (a PostgreSQL SQLSTATE, a Node error code)
 * and where it was thrown. Never its message: a database or library message can quote the values it was
 * given ("Key (email)=(…) already exists", a draft's text in a parse error), and logs hold no personal data.
 */
export function errorForLog(err: unknown): { type: string; code?: string; stack: string[] } {
  const e = err instanceof Error ? err : new Error("non-error thrown");
  const code = (e as { code?: unknown }).code;
  const frames = (e.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .map((line) => line.trim());
  return { type: e.name, ...(typeof code === "string" ? { code } : {}), stack: frames };
}

/** The one place where errors become HTTP: AppError keeps its code; anything else is a generic 500. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | ZodError, req, reply) => {
    let appErr: AppError;
    if (!(err instanceof AppError) && clientWentAway(err, req)) {
      // Nobody is left to answer: not an error of ours, so no stack trace at error level.
      req.log.debug({ route: req.routeOptions?.url ?? "unmatched" }, "the client went away");
      return;
    }
    if (err instanceof AppError) appErr = err;
    else if (err instanceof ZodError) appErr = fromZod(err);
    else if (isUniqueViolation(err))
      // Two people (or two instances) made the same change at once; the database kept one of them.
      appErr = new AppError(
        "conflict",
        "Someone else made the same change at the same moment. Please reload the page and try again.",
      );
    else if ((err as FastifyError).code === "FST_ERR_CTP_BODY_TOO_LARGE")
      appErr = new AppError(
        "payload-too-large",
        "That is too large to send. Please shorten it and try again.",
      );
    else if ((err as FastifyError).code === "FST_ERR_CTP_INVALID_MEDIA_TYPE")
      appErr = new AppError("invalid-input", "Please send JSON (Content-Type: application/json).");
    else if ((err as FastifyError).code === "FST_ERR_CTP_EMPTY_JSON_BODY")
      appErr = new AppError("invalid-input", "The request body was empty; it should be JSON.");
    else if (
      (err as FastifyError).statusCode === 400 &&
      (err as FastifyError).code?.startsWith("FST_ERR_CTP")
    )
      appErr = new AppError("invalid-input", "The request body is not valid JSON.");
    else if (err instanceof SyntaxError && (err as FastifyError).statusCode === 400)
      appErr = new AppError("invalid-input", "The request body is not valid JSON.");
    else {
      req.log.error(
        { err: errorForLog(err), route: req.routeOptions?.url ?? "unmatched" },
        "unhandled error",
      );
      appErr = new AppError(
        "internal",
        "Something went wrong on our side. Nothing was changed; please try again.",
      );
    }
    void reply.status(STATUS[appErr.code]).send(errorBody(appErr));
  });
  app.setNotFoundHandler((req, reply) => {
    void reply
      .status(404)
      .send(
        errorBody(new AppError("not-found", `There is nothing at ${req.method} ${req.url.split("?")[0]}.`)),
      );
  });
}
