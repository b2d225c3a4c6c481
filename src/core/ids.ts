import { notFound } from "./errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a well-formed UUID (every id safepost stores). */
export const isUuid = (value: string): boolean => UUID.test(value);

/** An id that is not a UUID cannot exist: answer "not found", exactly as for an unknown id. */
export function knownIdShape(value: string, what: string): string {
  if (!isUuid(value)) throw notFound(what);
  return value;
}
