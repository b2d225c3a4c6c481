// The practice's social media policy (first slice: the read endpoints of the policy page and discarding a
// draft). The other policy routes keep their schemas in src/app/policy until they move here.
import { z } from "zod";
import { allowedOf, isoTime } from "./common";

export const policyVersionParams = z.object({ practiceId: z.string(), versionId: z.string() });

const person = z.strictObject({ id: z.string(), name: z.string() });
const isoDay = z.string().meta({ description: "A calendar day, e.g. 2027-11-21" });

/** GET …/policy/summary — the policy at a glance for the home page. */
export const policySummaryResponse = z.strictObject({
  published: z
    .strictObject({
      id: z.string(),
      version: z.string(),
      publishedAt: isoTime.nullable(),
      reviewDue: isoDay.nullable(),
      reviewState: z.enum(["ok", "due-soon", "overdue"]).nullable(),
    })
    .nullable(),
  draft: z
    .strictObject({ id: z.string(), version: z.string(), status: z.string(), closesOn: isoDay.nullable() })
    .nullable(),
  acknowledgements: z.strictObject({ acknowledged: z.number(), total: z.number() }).nullable(),
  me: z.strictObject({ mustAcknowledge: z.boolean(), acknowledgedAt: isoTime.nullable() }),
  needsReview: z.boolean(),
  allowed: allowedOf("policy"),
  links: z
    .strictObject({
      page: z.string(),
      json: z.string().optional(),
      embed: z.string().optional(),
      embedSnippet: z.string().optional(),
    })
    .meta({ description: "The JSON feed and embed snippet come only to those allowed view-developer-links" }),
});

/** One version's facts, without its document. */
export const policyVersionMeta = z.strictObject({
  id: z.string(),
  version: z.string(),
  status: z.string(),
  changeKind: z.string(),
  changelog: z.string(),
  revision: z.number(),
  createdAt: isoTime,
  lastEditedAt: isoTime,
  lastEditedBy: person.nullable(),
  approvedBy: person.nullable(),
  approvedAt: isoTime.nullable(),
  publishedAt: isoTime.nullable(),
  reviewDue: isoDay.nullable(),
  basedOnId: z.string().nullable(),
  consultationClosesOn: isoDay.nullable(),
});

/** GET …/policy/versions — every version, newest first. */
export const policyVersionListResponse = z.strictObject({ versions: z.array(policyVersionMeta) });

/** POST …/policy/versions/:versionId/discard */
export const discardDraftResponse = z.strictObject({ discarded: z.literal(true) });
