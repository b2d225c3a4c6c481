// The OpenAPI 3.1 document, built from the contracts (zod's own JSON Schema output, draft 2020-12, which is
// what OpenAPI 3.1 uses).
import { z } from "zod";
import { errorBody } from "./common";
import { endpoints, type Endpoint } from "./endpoints";

const schema = (s: z.ZodType, io: "input" | "output"): Record<string, unknown> => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return rest;
};

const json = (s: z.ZodType, io: "input" | "output") => ({ "application/json": { schema: schema(s, io) } });
/** A body or answer that is a file of one of these media types. */
const files = (types: string[]) =>
  Object.fromEntries(types.map((t) => [t, { schema: { type: "string", contentMediaType: t } }]));

const ERRORS: Record<string, string> = {
  "400": "The input was refused; `fields` names what to fix",
  "401": "Not signed in",
  "403": "Your role does not allow this (docs/permissions.md)",
  "404": "Not found, or not in a practice you belong to",
  "409": "The thing's state does not allow this now",
};

function operation(e: Endpoint) {
  const parameters = [
    ...Object.keys(e.params?.shape ?? {}).map((name) => ({
      name,
      in: "path",
      required: true,
      schema: { type: "string" },
    })),
    ...Object.entries(e.query?.shape ?? {}).map(([name, s]) => ({
      name,
      in: "query",
      required: !(s as z.ZodType).safeParse(undefined).success,
      schema: schema(s as z.ZodType, "input"),
    })),
  ];
  const status = String(e.status ?? 200);
  const responses: Record<string, unknown> = {
    [status]: e.response
      ? { description: "Success", content: json(e.response, "output") }
      : e.produces
        ? { description: "The file", content: files(e.produces) }
        : { description: "Done" },
  };
  for (const [code, description] of Object.entries(ERRORS))
    responses[code] = { description, content: json(errorBody, "output") };
  return {
    summary: e.summary,
    tags: [e.tag],
    ...(e.action ? { "x-safepost-action": e.action } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(e.body ? { requestBody: { required: true, content: json(e.body, "input") } } : {}),
    ...(e.rawBody ? { requestBody: { required: true, content: files(e.rawBody) } } : {}),
    responses,
  };
}

/** The whole document, for GET /api/openapi.json. */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const path = e.path.replace(/:([A-Za-z]+)/g, "{$1}");
    (paths[path] ??= {})[e.method.toLowerCase()] = operation(e);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "safepost API",
      version,
      description:
        "The JSON API behind the safepost web app. Sign in first: the session cookie and its CSRF token (header x-csrf-token) go with every state-changing request. Only endpoints with a shared contract are listed so far.",
    },
    paths,
    components: {
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: "sp_session" } },
    },
    security: [{ session: [] }],
  };
}
