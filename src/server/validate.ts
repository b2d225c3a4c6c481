import type { FastifyInstance } from "fastify";
import type { z } from "zod";
import { AppError } from "../core/errors";
import { fromZod } from "./errors";

// Half of a UTF-16 surrogate pair without its other half: it has no UTF-8 form, so it cannot be stored.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A NUL byte (PostgreSQL text cannot hold one) or a lone surrogate. */
const isBadText = (s: string): boolean => s.includes("\u0000") || LONE_SURROGATE.test(s);

/** The path of the first string in `value` (a parsed body, query or params) that cannot be stored, or null. */
export function findBadText(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === "string") return isBadText(value) ? path : null;
  // A raw upload (an image's bytes) is not text: walking its millions of bytes as fields would stall the server.
  if (value instanceof Uint8Array) return null;
  if (depth > 64 || value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    if (isBadText(key)) return [...path, "(a field name)"];
    const found = findBadText(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Refuses a value holding text that cannot be stored, with a plain 400 naming the field. */
export function assertStorableText(value: unknown): void {
  const path = findBadText(value);
  if (!path) return;
  const field = path.join(".") || "body";
  throw new AppError(
    "invalid-input",
    "Please check what you typed: it contains a character that cannot be saved (a NUL byte or a broken character). Remove it and try again.",
    { [field]: "Contains a character that cannot be saved." },
  );
}

/**
 * Every route's input (body, query string, path parameters) is checked for unstorable text before its
 * handler runs, so no route can pass a NUL byte or a lone surrogate to the database and answer 500.
 */
export function installTextGuard(app: FastifyInstance): void {
  app.addHook("preHandler", async (req) => {
    assertStorableText(req.params);
    assertStorableText(req.query);
    // A post being checked is read, never stored: the checker copes with any text (and says so).
    if (!(req.method === "POST" && req.routeOptions.url === "/api/check")) assertStorableText(req.body);
  });
}

/** Validates a boundary value (body, params, query) against a zod schema; throws a plain-English 400. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  assertStorableText(value);
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw fromZod(result.error);
  return result.data;
}
