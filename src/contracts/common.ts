// Shapes every endpoint shares: the error body, ids, times.
import { z } from "zod";
import { ERROR_CODES } from "../core/errors";
import { RULES } from "../core/permissions";
import { ROLES } from "../core/roles";

/** The one error body: `{"error": {"code", "message", "fields"?}}`; `message` is a plain sentence. */
export const errorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ title: "Error" });

export const isoTime = z.string().meta({ description: "An ISO 8601 time, e.g. 2026-11-21T10:00:00.000Z" });
export const role = z.enum(ROLES, { error: `Roles are: ${ROLES.join(", ")}.` });

/** The `allowed` list of one resource type: the actions the signed-in member may take on it now. */
export const allowedOf = <T extends keyof typeof RULES>(type: T) =>
  z
    .array(
      z.enum(
        Object.keys(RULES[type]) as [
          keyof (typeof RULES)[T] & string,
          ...(keyof (typeof RULES)[T] & string)[],
        ],
      ),
    )
    .meta({ description: `What the signed-in member may do on this ${type} now (docs/permissions.md).` });

export const practiceParams = z.object({ practiceId: z.string() });
