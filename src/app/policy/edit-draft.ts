import { z, type ZodError } from "zod";
import { AppError } from "../../core/errors";
import {
  addClause,
  addSection,
  assertRevision,
  documentSchema,
  moveClause,
  newClauseSchema,
  removeClause,
  removeSection,
  renameSection,
  sectionTitleSchema,
  toDocument,
  type PolicyDocument,
} from "../../core/policy";
import { appendAudit } from "../audit/audit-log";
import type { AppContext } from "../context";
import { loadVersion, type PolicyActor, type PolicyVersionRow } from "./policy-store";
import { authorizeBeforeInput, authorizeOnVersion } from "./policy-permissions";

// Structural edits to a draft, one use case each: add, remove and move a clause; add, rename and remove a
// section. Each sends the revision it started from, like a whole-document save: a stale one gets 409 and
// nothing is written. Audit entries hold ids and keys only, never clause text.

/** "sections.3.clauses.1.title" → "Clause 4.2"; "sections.3.title" → "Section 4". */
function where(path: readonly PropertyKey[]): string {
  const i = path.indexOf("sections");
  if (i < 0 || typeof path[i + 1] !== "number") return "";
  const s = (path[i + 1] as number) + 1;
  if (path[i + 2] === "clauses" && typeof path[i + 3] === "number")
    return `Clause ${s}.${(path[i + 3] as number) + 1}: `;
  return `Section ${s}: `;
}

/**
 * A zod failure as a plain-English AppError: each field keeps its own sentence (shown beside the field);
 * the message is that sentence when one field is at fault, prefixed with the clause it is in.
 */
export function policyInputError(err: ZodError): AppError {
  const fields: Record<string, string> = {};
  let first = "";
  for (const issue of err.issues) {
    const key = issue.path.join(".") || "body";
    if (fields[key] !== undefined) continue;
    fields[key] = issue.message;
    first ||= `${where(issue.path)}${issue.message}`;
  }
  const names = Object.keys(fields);
  const message =
    names.length === 1
      ? first
      : `There are ${names.length} things to correct: ${Object.values(fields).slice(0, 3).join(" ")}${names.length > 3 ? " …" : ""}`;
  return new AppError("invalid-input", message, fields);
}

/** Parses an editor's input with plain-English errors. */
export function parsePolicyInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input ?? {});
  if (!r.success) throw policyInputError(r.error);
  return r.data;
}

const revision = z.number({ message: "Send the revision you started from." }).int().min(1);

/**
 * Applies one edit to a draft in a transaction: lock, check it is editable and the revision is current,
 * edit, check the whole document is still valid, write revision + 1, audit.
 */
async function applyEdit(
  ctx: AppContext,
  practiceId: string,
  versionId: string,
  actor: PolicyActor,
  expectedRevision: number,
  action: string,
  edit: (doc: PolicyDocument) => { document: PolicyDocument; details: Record<string, unknown> },
): Promise<PolicyVersionRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const v = await loadVersion(trx, practiceId, versionId, true);
    await authorizeOnVersion(trx, actor, "edit", v);
    assertRevision(expectedRevision, v.revision);
    const { document, details } = edit(v.document);
    const checked = parsePolicyInput(documentSchema, document);
    const now = ctx.now();
    const updated = await trx
      .updateTable("policy_versions")
      .set({
        document: JSON.stringify(toDocument(checked)),
        revision: v.revision + 1,
        last_edited_by: actor.userId,
        last_edited_at: now,
      })
      .where("id", "=", v.id)
      .where("revision", "=", expectedRevision)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) assertRevision(expectedRevision, -1);
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action,
        targetType: "policy-version",
        targetId: v.id,
        details: { ...details, revision: v.revision + 1 },
      },
      now,
    );
    return loadVersion(trx, practiceId, v.id);
  });
}

const optionalKey = z.string().max(100).optional();

export const addClauseSchema = z.object({
  revision,
  sectionKey: z.string().min(1, "Choose the section to add the clause to.").max(100),
  afterKey: optionalKey,
  clause: newClauseSchema,
});

/** Adds a clause to a section (at its end, or after `afterKey`). */
export async function addDraftClause(
  ctx: AppContext,
  practiceId: string,
  versionId: string,
  actor: PolicyActor,
  input: unknown,
): Promise<{ version: PolicyVersionRow; clauseKey: string }> {
  await authorizeBeforeInput(ctx.db, practiceId, versionId, actor, "edit");
  const body = parsePolicyInput(addClauseSchema, input);
  let clauseKey = "";
  const version = await applyEdit(
    ctx,
    practiceId,
    versionId,
    actor,
    body.revision,
    "policy.clause-added",
    (doc) => {
      const r = addClause(doc, body.sectionKey, body.clause, body.afterKey);
      clauseKey = r.key;
      return {
        document: r.document,
        details: { sectionKey: body.sectionKey, clauseKey, hotTopic: !!body.clause.hotTopic },
      };
    },
  );
  return { version, clauseKey };
}

export const revisionOnlySchema = z.object({ revision });

/** Removes a clause. Its consultation comments stay on record and read "clause removed". */
export async function removeDraftClause(
  ctx: AppContext,
  practiceId: string,
  versionId: string,
  clauseKey: string,
  actor: PolicyActor,
  input: unknown,
): Promise<PolicyVersionRow> {
  await authorizeBeforeInput(ctx.db, practiceId, versionId, actor, "edit");
  const body = parsePolicyInput(revisionOnlySchema, input);
  return applyEdit(ctx, practiceId, versionId, actor, body.revision, "policy.clause-removed", (doc) => ({
    document: removeClause(doc, clauseKey),
    details: { clauseKey },
  }));
}

export const moveClauseSchema = z.object({
  revision,
  direction: z.enum(["up", "down"], { message: 'Say "up" or "down".' }),
});

/** Moves a clause one place up or down within its section. */
export async function moveDraftClause(
  ctx: AppContext,
  practiceId: string,
  versionId: string,
  clauseKey: string,
  actor: PolicyActor,
  input: unknown,
): Promise<PolicyVersionRow> {
  await authorizeBeforeInput(ctx.db, practiceId, versionId, actor, "edit");
  const body = parsePolicyInput(moveClauseSchema, input);
  return applyEdit(ctx, practiceId, versionId, actor, body.revision, "policy.clause-moved", (doc) => ({
    document: moveClause(doc, clauseKey, body.direction),
    details: { clauseKey, direction: body.direction },
  }));
}

export const addSectionSchema = z.object({
  revision,
  title: sectionTitleSchema,
  afterKey: optionalKey,
  clause: newClauseSchema,
});

/** Adds a section with its first clause. */
export async function addDraftSection(
  ctx: AppContext,
  practiceId: string,
  versionId: string,
  actor: PolicyActor,
  input: unknown,
): Promise<{ version: PolicyVersionRow; sectionKey: string; clauseKey: string }> {
  await authorizeBeforeInput(ctx.db, practiceId, versionId, actor, "edit");
  const body = parsePolicyInput(addSectionSchema, input);
  const keys = { sectionKey: "", clauseKey: "" };
  const version = await applyEdit(
    ctx,
    practiceId,
    versionId,
    actor,
    body.revision,
    "policy.section-added",
    (doc) => {
      const r = addSection(doc, body.title, body.clause, body.afterKey);
      keys.sectionKey = r.sectionKey;
      keys.clauseKey = r.clauseKey;
      return { document: r.document, details: { ...keys } };
    },
  );
  return { version, ...keys };
}

export const renameSectionSchema = z.object({ revision, title: sectionTitleSchema });

export async function renameDraftSection(
  ctx: AppContext,
  practiceId: string,
  versionId: string,
  sectionKey: string,
  actor: PolicyActor,
  input: unknown,
): Promise<PolicyVersionRow> {
  await authorizeBeforeInput(ctx.db, practiceId, versionId, actor, "edit");
  const body = parsePolicyInput(renameSectionSchema, input);
  return applyEdit(ctx, practiceId, versionId, actor, body.revision, "policy.section-renamed", (doc) => ({
    document: renameSection(doc, sectionKey, body.title),
    details: { sectionKey },
  }));
}

/** Removes a section and its clauses; comments on them stay on record. */
export async function removeDraftSection(
  ctx: AppContext,
  practiceId: string,
  versionId: string,
  sectionKey: string,
  actor: PolicyActor,
  input: unknown,
): Promise<PolicyVersionRow> {
  await authorizeBeforeInput(ctx.db, practiceId, versionId, actor, "edit");
  const body = parsePolicyInput(revisionOnlySchema, input);
  return applyEdit(ctx, practiceId, versionId, actor, body.revision, "policy.section-removed", (doc) => {
    const clauseKeys = doc.sections.find((s) => s.key === sectionKey)?.clauses.map((c) => c.key) ?? [];
    return { document: removeSection(doc, sectionKey), details: { sectionKey, clauseKeys } };
  });
}
