import { z } from "zod";
import { AppError } from "../../core/errors";
import {
  assertRevision,
  checkClosingDay,
  clauseSchema,
  cleanText,
  clauseChangedByOther,
  defaultClosingDay,
  documentSchema,
  findClause,
  nextVersion,
  policyTemplate,
  sameClause,
  toClause,
  toDocument,
  type ChangeKind,
  type PolicyDocument,
  type VersionNumber,
} from "../../core/policy";
import type { Db } from "../../store/database";
import { appendAudit } from "../audit/audit-log";
import { parsePolicyInput } from "./edit-draft";
import {
  authorizeBeforeInput,
  authorizeOnPolicy,
  authorizeOnVersion,
  versionResource,
} from "./policy-permissions";
import type { AppContext } from "../context";
import { requestApproval, requestConsultationResponses } from "./team-notices";
import {
  loadPublished,
  loadVersion,
  recordVersionStep,
  type PolicyActor,
  type PolicyVersionRow,
} from "./policy-store";

export const changelogSchema = z
  .string()
  .transform((s) => cleanText(s).trim())
  .pipe(z.string().max(2000, "Keep the change note to 2,000 characters."));

export const newDraftSchema = z.object({
  /** "template", or the id of a version to start from (usually the published one). */
  from: z.string().min(1).max(100).default("template"),
  changeKind: z.enum(["major", "minor"]).default("major"),
  changelog: changelogSchema.default(""),
});

async function latestNumber(db: Db, practiceId: string): Promise<VersionNumber | null> {
  const row = await db
    .selectFrom("policy_versions")
    .select(["major", "minor"])
    .where("practice_id", "=", practiceId)
    .where("status", "in", ["published", "superseded"])
    .orderBy("major", "desc")
    .orderBy("minor", "desc")
    .executeTakeFirst();
  return row ?? null;
}

/** Starts a new draft from the template or from an earlier version. One open draft per practice at a time. */
export async function createDraft(
  ctx: AppContext,
  practiceId: string,
  actor: PolicyActor,
  input: z.input<typeof newDraftSchema>,
): Promise<PolicyVersionRow> {
  return ctx.db.transaction().execute(async (trx) => {
    await authorizeOnPolicy(trx, practiceId, actor, "create-draft");
    const { from, changeKind, changelog } = newDraftSchema.parse(input);
    let document: PolicyDocument;
    let basedOn: string | null = null;
    if (from === "template") document = policyTemplate();
    else {
      const base = await loadVersion(trx, practiceId, from);
      if (base.status === "discarded")
        throw new AppError("invalid-input", "That draft was discarded; start from another version.");
      document = base.document;
      basedOn = base.id;
    }
    const latest = await latestNumber(trx, practiceId);
    const kind: ChangeKind = latest ? changeKind : "major";
    const n = nextVersion(latest, kind);
    const now = ctx.now();
    const row = await trx
      .insertInto("policy_versions")
      .values({
        practice_id: practiceId,
        major: n.major,
        minor: n.minor,
        change_kind: kind,
        status: "draft",
        changelog: changelog || (from === "template" ? "Adopted the safepost template." : ""),
        document: JSON.stringify(document),
        based_on_id: basedOn,
        created_by: actor.userId,
        created_at: now,
        last_edited_by: actor.userId,
        last_edited_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: "policy.draft-created",
        targetType: "policy-version",
        targetId: row.id,
        details: { from: basedOn ?? "template", changeKind: kind },
      },
      now,
    );
    return loadVersion(trx, practiceId, row.id);
  });
}

export const saveDraftSchema = z.object({
  revision: z.number().int().min(1),
  document: documentSchema.optional(),
  changelog: changelogSchema.optional(),
  changeKind: z.enum(["major", "minor"]).optional(),
});

/**
 * Saves an edit. The editor sends the revision they started from; if someone saved in between, 409 and
 * nothing is written (the client keeps the editor's text).
 */
export async function saveDraft(
  ctx: AppContext,
  practiceId: string,
  versionId: string,
  actor: PolicyActor,
  input: unknown,
): Promise<PolicyVersionRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const v = await loadVersion(trx, practiceId, versionId, true);
    await authorizeOnVersion(trx, actor, "edit", v);
    return writeDraft(trx, ctx, v, actor, parsePolicyInput(saveDraftSchema, input));
  });
}

/** The write of a save, on the locked row, inside the caller's transaction. */
async function writeDraft(
  trx: Db,
  ctx: AppContext,
  v: PolicyVersionRow,
  actor: PolicyActor,
  body: z.infer<typeof saveDraftSchema>,
): Promise<PolicyVersionRow> {
  const practiceId = v.practice_id;
  assertRevision(body.revision, v.revision);
  const changes: Record<string, unknown> = {};
  const fields: string[] = [];
  if (body.document) {
    changes.document = JSON.stringify(toDocument(body.document));
    fields.push("document");
  }
  if (body.changelog !== undefined) {
    changes.changelog = body.changelog;
    fields.push("changelog");
  }
  if (body.changeKind && body.changeKind !== v.change_kind) {
    const latest = await latestNumber(trx, practiceId);
    if (!latest)
      throw new AppError("invalid-input", "The first published version is always 1.0, a major version.", {
        changeKind: "Must be major.",
      });
    const n = nextVersion(latest, body.changeKind);
    Object.assign(changes, { change_kind: body.changeKind, major: n.major, minor: n.minor });
    fields.push("changeKind");
  }
  if (!fields.length) throw new AppError("invalid-input", "There was nothing to save.");
  const now = ctx.now();
  const updated = await trx
    .updateTable("policy_versions")
    .set({ ...changes, revision: v.revision + 1, last_edited_by: actor.userId, last_edited_at: now })
    .where("id", "=", v.id)
    .where("revision", "=", body.revision)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) assertRevision(body.revision, -1);
  await appendAudit(
    trx,
    {
      practiceId,
      actorId: actor.userId,
      action: "policy.draft-edited",
      targetType: "policy-version",
      targetId: v.id,
      details: { fields, revision: v.revision + 1 },
    },
    now,
  );
  return loadVersion(trx, practiceId, v.id);
}

export const saveClauseSchema = z.object({
  revision: z.number().int().min(1),
  clause: clauseSchema,
  /** The clause as the editor first saw it: when only other parts of the draft changed since, the save lands. */
  base: clauseSchema.optional(),
});

/**
 * Saves one clause (matched by key). When the draft moved on since `revision` but this clause did not (the
 * editor's `base` still matches it), the save lands on the newer draft; when the clause itself changed, 409
 * and nothing is written.
 */
export async function saveClause(
  ctx: AppContext,
  practiceId: string,
  versionId: string,
  clauseKey: string,
  actor: PolicyActor,
  input: unknown,
): Promise<PolicyVersionRow> {
  await authorizeBeforeInput(ctx.db, practiceId, versionId, actor, "edit");
  const body = parsePolicyInput(saveClauseSchema, input);
  return ctx.db.transaction().execute(async (trx) => {
    const v = await loadVersion(trx, practiceId, versionId, true);
    await authorizeOnVersion(trx, actor, "edit", v);
    const current = findClause(v.document, clauseKey);
    if (!current)
      throw new AppError(
        "not-found",
        "That clause is not in this draft. It may have been removed by someone else.",
      );
    let revision = body.revision;
    if (revision !== v.revision) {
      if (!body.base) assertRevision(revision, v.revision);
      else if (!sameClause(toClause(body.base), current.clause))
        throw clauseChangedByOther(current.number, v.revision);
      revision = v.revision;
    }
    const doc = structuredClone(v.document);
    for (const s of doc.sections)
      s.clauses = s.clauses.map((c) =>
        c.key === clauseKey ? { ...toClause(body.clause), key: clauseKey } : c,
      );
    return writeDraft(trx, ctx, v, actor, parsePolicyInput(saveDraftSchema, { revision, document: doc }));
  });
}

export const consultationSchema = z.object({
  /** The closing day (ISO); two weeks ahead when not given. */
  closesOn: z.string().max(20).optional(),
});

/**
 * Opens the draft to staff for comment and for the staff representative's view, until its closing date.
 * Everyone is mailed (through the job queue); with no staff representative the approvers are asked at once.
 */
export async function startConsultation(
  ctx: AppContext,
  practiceId: string,
  versionId: string,
  actor: PolicyActor,
  input: unknown = {},
): Promise<PolicyVersionRow> {
  await authorizeBeforeInput(ctx.db, practiceId, versionId, actor, "start-consultation");
  const body = parsePolicyInput(consultationSchema, input ?? {});
  const now = ctx.now();
  const closesOn = body.closesOn ? checkClosingDay(body.closesOn, now) : defaultClosingDay(now);
  return ctx.db.transaction().execute(async (trx) => {
    const v = await loadVersion(trx, practiceId, versionId, true);
    await authorizeOnVersion(trx, actor, "start-consultation", v);
    const opened = await recordVersionStep(trx, practiceId, v.id, actor, now, {
      set: { status: "consultation", consultation_started_at: now, consultation_closes_on: closesOn },
      action: "policy.consultation-started",
      details: { closesOn },
    });
    await requestConsultationResponses(ctx, trx, practiceId, v.id);
    if (!(await versionResource(trx, opened)).practiceHasStaffRep)
      await requestApproval(ctx, trx, practiceId, v.id, opened.revision);
    return opened;
  });
}

/** Abandons an unpublished draft; its comments stay on record. */
export async function discardDraft(
  ctx: AppContext,
  practiceId: string,
  versionId: string,
  actor: PolicyActor,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const v = await loadVersion(trx, practiceId, versionId, true);
    await authorizeOnVersion(trx, actor, "discard", v);
    const now = ctx.now();
    await recordVersionStep(trx, practiceId, v.id, actor, now, {
      set: { status: "discarded", discarded_at: now },
      action: "policy.draft-discarded",
    });
  });
}

export { loadPublished };
