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

const hotTopic = z.strictObject({
  label: z.string(),
  claims: z.array(z.string()),
  start: isoDay.optional(),
  end: isoDay.optional(),
});

/** A policy document as stored: sections of clauses, each clause keyed so comments and diffs follow it. */
export const policyDocumentOut = z.strictObject({
  sections: z.array(
    z.strictObject({
      key: z.string(),
      title: z.string(),
      clauses: z.array(
        z.strictObject({
          key: z.string(),
          title: z.string(),
          text: z.string(),
          sources: z.array(z.string()),
          patientFacing: z.boolean(),
          rules: z
            .array(z.string())
            .meta({ description: "Checker rules this clause is the one to cite for" }),
          hotTopic: hotTopic.optional(),
        }),
      ),
    }),
  ),
});

const block = z.union([
  z.strictObject({ kind: z.literal("paragraph"), text: z.string() }),
  z.strictObject({ kind: z.literal("list"), items: z.array(z.string()) }),
]);

/** The policy as it reads on a day: numbered, placeholders filled from the practice's settings. */
const renderedSections = z.array(
  z.strictObject({
    key: z.string(),
    number: z.string(),
    title: z.string(),
    clauses: z.array(
      z.strictObject({
        key: z.string(),
        number: z.string(),
        title: z.string(),
        text: z.string(),
        blocks: z.array(block),
        patientFacing: z.boolean(),
        sources: z.array(z.string()),
        hotTopic: z
          .strictObject({ label: z.string(), start: isoDay.optional(), end: isoDay.optional() })
          .optional(),
        notInForce: z
          .literal(true)
          .optional()
          .meta({ description: "In renderedAll only: a hot topic that has ended or not yet started" }),
      }),
    ),
  }),
);

const policyComment = z.strictObject({
  id: z.string(),
  clauseKey: z.string(),
  clauseNumber: z
    .string()
    .nullable()
    .meta({ description: "The clause's number now; null once it is removed" }),
  clauseNumberWhenWritten: z.string(),
  clauseTitle: z.string(),
  clauseRemoved: z.boolean(),
  author: person,
  body: z.string(),
  createdAt: isoTime,
  reply: z.strictObject({ text: z.string(), by: person.nullable(), at: isoTime.nullable() }).nullable(),
  resolved: z.boolean(),
  resolvedAt: isoTime.nullable(),
});

/** GET …/policy/versions/:versionId — one version for reading and editing (also the answer of every edit). */
export const policyVersionView = policyVersionMeta.extend({
  allowed: allowedOf("policy-version"),
  practice: z.strictObject({ id: z.string(), name: z.string(), slug: z.string() }),
  document: policyDocumentOut,
  clauses: z.array(
    z.strictObject({ key: z.string(), number: z.string(), sectionTitle: z.string(), inForce: z.boolean() }),
  ),
  rendered: renderedSections.meta({
    description: "The policy as it reads today (clauses not in force left out)",
  }),
  renderedAll: renderedSections.meta({ description: "Every clause, those not in force marked, for editors" }),
  missingSettings: z
    .array(z.string())
    .meta({ description: "Placeholders the practice's settings do not fill" }),
  comments: z.array(policyComment),
  commentSummary: z.array(
    z.strictObject({
      clauseKey: z.string(),
      number: z.string(),
      title: z.string(),
      removed: z.boolean(),
      total: z.number(),
      unresolved: z.number(),
    }),
  ),
  changeRequests: z.array(
    z.strictObject({
      id: z.string(),
      note: z.string(),
      by: person,
      revision: z.number(),
      open: z.boolean(),
      createdAt: isoTime,
    }),
  ),
  staffRepDecisions: z.array(
    z.strictObject({
      id: z.string(),
      decision: z.string(),
      note: z.string().nullable(),
      revision: z.number(),
      aboutCurrentRevision: z.boolean(),
      by: person,
      createdAt: isoTime,
    }),
  ),
});

export const policyClauseParams = policyVersionParams.extend({ clauseKey: z.string().max(100) });
export const policySectionParams = policyVersionParams.extend({ sectionKey: z.string().max(100) });
