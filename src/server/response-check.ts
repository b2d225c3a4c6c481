// A test-time check that the server answers what its contracts say (src/contracts/endpoints.ts): every JSON
// success answer of an endpoint with a response schema is parsed with that schema, and any field the answer
// holds that the schema does not name is reported too (zod would drop it silently). The web client's types
// and the OpenAPI document come from these schemas, so an answer that drifts from them is a bug the tests
// must see. Off in production: it costs a parse of every answer.
import type { FastifyInstance } from "fastify";
import type { z } from "zod";
import { endpoints, type Endpoint } from "../contracts";

/** Paths (a.b[0].c) of the fields in `sent` that the schema's `parsed` output does not have. */
export function undocumentedFields(sent: unknown, parsed: unknown, path = ""): string[] {
  if (Array.isArray(sent) && Array.isArray(parsed))
    return sent.flatMap((item, i) => undocumentedFields(item, parsed[i], `${path}[${i}]`));
  if (!isPlainObject(sent) || !isPlainObject(parsed)) return [];
  return Object.entries(sent).flatMap(([key, value]) => {
    const at = path ? `${path}.${key}` : key;
    if (!(key in parsed)) return value === undefined ? [] : [at];
    return undocumentedFields(value, parsed[key], at);
  });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** What is wrong with `body` as the answer `schema` describes, or null when it matches. */
export function responseProblems(schema: z.ZodType, body: unknown): string | null {
  const result = schema.safeParse(body);
  if (!result.success)
    return result.error.issues.map((i) => `${i.path.join(".") || "(the answer)"}: ${i.message}`).join("; ");
  const extra = undocumentedFields(body, result.data);
  return extra.length ? `not in the contract: ${extra.join(", ")}` : null;
}

/** Checks each contracted JSON success answer; a mismatch becomes a 500 whose message names the route. */
export function installResponseCheck(app: FastifyInstance, list: Endpoint[] = endpoints): void {
  const byRoute = new Map(list.filter((e) => e.response).map((e) => [`${e.method} ${e.path}`, e.response!]));
  app.addHook("onSend", async (req, reply, payload) => {
    const schema = byRoute.get(`${req.method} ${req.routeOptions.url}`);
    if (!schema || reply.statusCode < 200 || reply.statusCode >= 300 || typeof payload !== "string")
      return payload;
    if (!String(reply.getHeader("content-type") ?? "").startsWith("application/json")) return payload;
    const problem = responseProblems(schema, JSON.parse(payload));
    if (!problem) return payload;
    const message = `${req.method} ${req.routeOptions.url} answered outside its contract: ${problem}`;
    reply.code(500);
    return JSON.stringify({ error: { code: "response-contract", message } });
  });
}
