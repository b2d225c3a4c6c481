import type { Selectable, Updateable } from "kysely";
import type { Db } from "../../store/database";
import type { PolicyVersionTable } from "../../store/schema";
import { notFound } from "../../core/errors";
import { knownIdShape } from "../../core/ids";
import { appendAudit, type AuditEvent } from "../audit/audit-log";
import {
  practiceDetails,
  type ChangeKind,
  type PolicyDocument,
  type PolicyStatus,
  type PracticeDetails,
} from "../../core/policy";

/** Someone acting on the policy: who they are. Routes have already checked their role. */
export interface PolicyActor {
  userId: string;
}

export interface PolicyVersionRow extends Omit<
  Selectable<PolicyVersionTable>,
  "document" | "status" | "change_kind"
> {
  document: PolicyDocument;
  status: PolicyStatus;
  change_kind: ChangeKind;
}

const asVersion = (row: Selectable<PolicyVersionTable>): PolicyVersionRow => ({
  ...row,
  document: (typeof row.document === "string" ? JSON.parse(row.document) : row.document) as PolicyDocument,
  status: row.status as PolicyStatus,
  change_kind: row.change_kind as ChangeKind,
});

/** One version of this practice's policy, or 404 (also for another practice's id). `forUpdate` locks the row. */
export async function loadVersion(
  db: Db,
  practiceId: string,
  versionId: string,
  forUpdate = false,
): Promise<PolicyVersionRow> {
  knownIdShape(versionId, "That policy version");
  let q = db
    .selectFrom("policy_versions")
    .selectAll()
    .where("id", "=", versionId)
    .where("practice_id", "=", practiceId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound("That policy version");
  return asVersion(row);
}

/** The practice's published version, if any. */
export async function loadPublished(db: Db, practiceId: string): Promise<PolicyVersionRow | null> {
  const row = await db
    .selectFrom("policy_versions")
    .selectAll()
    .where("practice_id", "=", practiceId)
    .where("status", "=", "published")
    .executeTakeFirst();
  return row ? asVersion(row) : null;
}

/** The practice's open (unpublished, not discarded) draft, if any. */
export async function loadOpenDraft(db: Db, practiceId: string): Promise<PolicyVersionRow | null> {
  const row = await db
    .selectFrom("policy_versions")
    .selectAll()
    .where("practice_id", "=", practiceId)
    .where("status", "in", ["draft", "consultation", "approved"])
    .executeTakeFirst();
  return row ? asVersion(row) : null;
}

/** Every version, newest first (discarded drafts left out). */
export async function loadVersions(db: Db, practiceId: string): Promise<PolicyVersionRow[]> {
  const rows = await db
    .selectFrom("policy_versions")
    .selectAll()
    .where("practice_id", "=", practiceId)
    .where("status", "<>", "discarded")
    .orderBy("major", "desc")
    .orderBy("minor", "desc")
    .execute();
  return rows.map(asVersion);
}

export interface PracticeInfo {
  id: string;
  slug: string;
  name: string;
  details: PracticeDetails;
}

export async function loadPractice(db: Db, practiceId: string): Promise<PracticeInfo> {
  const p = await db
    .selectFrom("practices")
    .select(["id", "slug", "name", "settings"])
    .where("id", "=", practiceId)
    .executeTakeFirst();
  if (!p) throw notFound("That practice");
  return { id: p.id, slug: p.slug, name: p.name, details: practiceDetails(p.name, p.settings ?? {}) };
}

export async function findPracticeBySlug(db: Db, slug: string): Promise<PracticeInfo | null> {
  const p = await db.selectFrom("practices").select("id").where("slug", "=", slug).executeTakeFirst();
  return p ? loadPractice(db, p.id) : null;
}

export interface ActiveMember {
  userId: string;
  name: string;
  email: string;
  roles: string[];
}

/** Active members of the practice whose accounts are enabled. */
export async function activeMembers(db: Db, practiceId: string): Promise<ActiveMember[]> {
  const rows = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "users.email", "memberships.roles"])
    .where("memberships.practice_id", "=", practiceId)
    .where("memberships.deactivated_at", "is", null)
    .where("users.disabled_at", "is", null)
    .orderBy("users.name")
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.name, email: r.email, roles: r.roles }));
}

export async function userNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom("users").select(["id", "name"]).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Records a step in a version's life inside the caller's transaction: updates the version row and appends
 * the audit entry (ids only), then returns the version as it now reads.
 */
export async function recordVersionStep(
  trx: Db,
  practiceId: string,
  versionId: string,
  actor: PolicyActor,
  now: Date,
  step: { set: Updateable<PolicyVersionTable>; action: string; details?: AuditEvent["details"] },
): Promise<PolicyVersionRow> {
  await trx.updateTable("policy_versions").set(step.set).where("id", "=", versionId).execute();
  await appendAudit(
    trx,
    {
      practiceId,
      actorId: actor.userId,
      action: step.action,
      targetType: "policy-version",
      targetId: versionId,
      ...(step.details ? { details: step.details } : {}),
    },
    now,
  );
  return loadVersion(trx, practiceId, versionId);
}
