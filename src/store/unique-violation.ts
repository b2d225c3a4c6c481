import type { AppError } from "../core/errors";

/** PostgreSQL's (and PGlite's) code for a unique index refusing a row. */
export const UNIQUE_VIOLATION = "23505";

export const isUniqueViolation = (err: unknown): boolean =>
  typeof err === "object" && err !== null && (err as { code?: unknown }).code === UNIQUE_VIOLATION;

/**
 * Awaits a write and turns a unique violation (two people, or two instances, doing the same thing at the
 * same moment) into `conflict`, a plain 409 the person can act on, instead of a 500.
 */
export async function onUniqueViolation<T>(write: Promise<T>, conflict: AppError): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict;
    throw err;
  }
}
