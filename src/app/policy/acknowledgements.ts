import { formatVersion } from "../../core/policy";
import type { Db } from "../../store/database";
import { appendAudit } from "../audit/audit-log";
import type { AppContext } from "../context";
import {
  activeMembers,
  loadPublished,
  loadVersion,
  type ActiveMember,
  type PolicyActor,
} from "./policy-store";
import { authorizeOnVersion } from "./policy-permissions";

/** Active members who have not acknowledged any version of this major number. */
export async function unacknowledgedMembers(
  db: Db,
  practiceId: string,
  major: number,
): Promise<ActiveMember[]> {
  const acked = await db
    .selectFrom("policy_acknowledgements")
    .select("user_id")
    .where("practice_id", "=", practiceId)
    .where("major", "=", major)
    .execute();
  const done = new Set(acked.map((a) => a.user_id));
  return (await activeMembers(db, practiceId)).filter((m) => !done.has(m.userId));
}

/** A member confirms they have read the published version. Acknowledging twice is harmless. */
export async function acknowledgePolicy(
  ctx: AppContext,
  practiceId: string,
  versionId: string,
  actor: PolicyActor,
): Promise<{ acknowledgedAt: Date }> {
  return ctx.db.transaction().execute(async (trx) => {
    const v = await loadVersion(trx, practiceId, versionId);
    await authorizeOnVersion(trx, actor, "acknowledge", v);
    const now = ctx.now();
    const inserted = await trx
      .insertInto("policy_acknowledgements")
      .values({
        practice_id: practiceId,
        user_id: actor.userId,
        major: v.major,
        version_id: v.id,
        acknowledged_at: now,
      })
      .onConflict((oc) => oc.columns(["practice_id", "user_id", "major"]).doNothing())
      .returning("acknowledged_at")
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx
        .selectFrom("policy_acknowledgements")
        .select("acknowledged_at")
        .where("practice_id", "=", practiceId)
        .where("user_id", "=", actor.userId)
        .where("major", "=", v.major)
        .executeTakeFirstOrThrow();
      return { acknowledgedAt: existing.acknowledged_at };
    }
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: "policy.acknowledged",
        targetType: "policy-version",
        targetId: v.id,
        details: { major: v.major },
      },
      now,
    );
    return { acknowledgedAt: now };
  });
}

export interface AcknowledgementRow {
  userId: string;
  name: string;
  email: string;
  roles: string[];
  acknowledgedAt: string | null;
  version: string | null;
}

export interface AcknowledgementStatus {
  versionId: string;
  version: string;
  publishedAt: string | null;
  acknowledged: number;
  total: number;
  members: AcknowledgementRow[];
}

/** Who has and has not acknowledged the published version's major number, with dates. */
export async function acknowledgementStatus(
  db: Db,
  practiceId: string,
): Promise<AcknowledgementStatus | null> {
  const published = await loadPublished(db, practiceId);
  if (!published) return null;
  const acks = await db
    .selectFrom("policy_acknowledgements")
    .innerJoin("policy_versions", "policy_versions.id", "policy_acknowledgements.version_id")
    .select([
      "policy_acknowledgements.user_id",
      "policy_acknowledgements.acknowledged_at",
      "policy_versions.major",
      "policy_versions.minor",
    ])
    .where("policy_acknowledgements.practice_id", "=", practiceId)
    .where("policy_acknowledgements.major", "=", published.major)
    .execute();
  const byUser = new Map(acks.map((a) => [a.user_id, a]));
  const members = (await activeMembers(db, practiceId)).map((m): AcknowledgementRow => {
    const a = byUser.get(m.userId);
    return {
      ...m,
      acknowledgedAt: a ? a.acknowledged_at.toISOString() : null,
      version: a ? formatVersion(a) : null,
    };
  });
  return {
    versionId: published.id,
    version: formatVersion(published),
    publishedAt: published.published_at?.toISOString() ?? null,
    acknowledged: members.filter((m) => m.acknowledgedAt).length,
    total: members.length,
    members,
  };
}

/** A spreadsheet cell: quoted, and a leading = + - @ neutralised so a name cannot become a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function acknowledgementCsv(status: AcknowledgementStatus): string {
  const lines = [
    ["Name", "Email", "Roles", "Status", "Acknowledged at", "Version acknowledged", "Policy version"]
      .map(csvCell)
      .join(","),
  ];
  for (const m of status.members)
    lines.push(
      [
        m.name,
        m.email,
        m.roles.join(" "),
        m.acknowledgedAt ? "acknowledged" : "not yet",
        m.acknowledgedAt ?? "",
        m.version ?? "",
        status.version,
      ]
        .map(csvCell)
        .join(","),
    );
  return lines.join("\r\n") + "\r\n";
}
