import type { z } from "zod";
import { fromZod } from "./errors";

/** Validates a boundary value (body, params, query) against a zod schema; throws a plain-English 400. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw fromZod(result.error);
  return result.data;
}
