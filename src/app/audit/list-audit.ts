import { sql } from "kysely";
import { describeAuditEntry } from "../../core/audit/describe-entry";
import { isUuid } from "../../core/ids";
import type { Db } from "../../store/database";
import type { AppContext } from "../context";

export interface AuditEntryView {
  seq: string;
  /** The entry's number in its chain (the practice's, or the installation's for sign-ins). */
  chain: "practice" | "installation";
  chainSeq: string;
  at: Date;
  actor: { id: string; name: string } | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  /** The entry in words, with names and version numbers looked up now ("Alan Brooks approved version 2.0"). */
  summary: string;
}

export interface AuditFilters {
  /** Only entries by this person. */
  actorId?: string | undefined;
  /** An exact action ("policy.approved") or a group ("policy", "member", "auth", "practice"). */
  action?: string | undefined;
  /** ISO days, inclusive (UTC). */
  from?: string | undefined;
  to?: string | undefined;
}

const nextDay = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);

/** Names for the ids an entry refers to, looked up in one query per kind, scoped to the practice. */
async function labels(
  db: Db,
  practiceId: string,
  rows: { target_type: string | null; target_id: string | null; details: Record<string, unknown> }[],
) {
  const ids = (type: string) => [
    ...new Set(
      rows
        .filter((r) => r.target_type === type && r.target_id && isUuid(r.target_id))
        .map((r) => r.target_id!),
    ),
  ];
  const versionIds = [
    ...ids("policy-version"),
    ...rows.map((r) => r.details.from).filter((v): v is string => typeof v === "string" && isUuid(v)),
  ];
  const names = new Map<string, string>();
  if (versionIds.length > 0)
    for (const v of await db
      .selectFrom("policy_versions")
      .select(["id", "major", "minor"])
      .where("practice_id", "=", practiceId)
      .where("id", "in", versionIds)
      .execute())
      names.set(v.id, `version ${v.major}.${v.minor}`);
  const userIds = ids("user");
  if (userIds.length > 0)
    for (const u of await db
      .selectFrom("users")
      .innerJoin("memberships", "memberships.user_id", "users.id")
      .select(["users.id", "users.name"])
      .where("memberships.practice_id", "=", practiceId)
      .where("users.id", "in", userIds)
      .execute())
      names.set(u.id, u.name);
  const inviteIds = ids("invite");
  if (inviteIds.length > 0)
    for (const i of await db
      .selectFrom("invites")
      .select(["id", "name"])
      .where("practice_id", "=", practiceId)
      .where("id", "in", inviteIds)
      .execute())
      names.set(i.id, i.name);
  // A case by its number only: the audit never shows what a case is about.
  const incidentIds = ids("incident");
  if (incidentIds.length > 0)
    for (const c of await db
      .selectFrom("incidents")
      .select(["id", "number"])
      .where("practice_id", "=", practiceId)
      .where("id", "in", incidentIds)
      .execute())
      names.set(c.id, `case ${c.number}`);
  const practice = await db
    .selectFrom("practices")
    .select("name")
    .where("id", "=", practiceId)
    .executeTakeFirst();
  if (practice) names.set(practiceId, practice.name);
  return names;
}

/**
 * A practice's audit entries, newest first, a page at a time: everything recorded against the practice,
 * plus account events (sign-in, password reset) of people who are or were its members.
 */
export async function listAudit(
  ctx: AppContext,
  practiceId: string,
  options: AuditFilters & { before?: string | undefined; limit: number },
) {
  let q = ctx.db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .select([
      "audit_log.seq",
      "audit_log.chain",
      "audit_log.chain_seq",
      "audit_log.at",
      "audit_log.actor_id",
      "users.name as actor_name",
      "audit_log.action",
      "audit_log.target_type",
      "audit_log.target_id",
      "audit_log.details",
    ])
    .where((eb) =>
      eb.or([
        eb("audit_log.practice_id", "=", practiceId),
        eb.and([
          eb("audit_log.practice_id", "is", null),
          eb(
            "audit_log.actor_id",
            "in",
            eb.selectFrom("memberships").select("user_id").where("practice_id", "=", practiceId),
          ),
        ]),
      ]),
    )
    .orderBy(sql`audit_log.seq desc`)
    .limit(options.limit + 1);
  if (options.before) q = q.where("audit_log.seq", "<", options.before);
  if (options.actorId) q = q.where("audit_log.actor_id", "=", options.actorId);
  if (options.action)
    q = options.action.includes(".")
      ? q.where("audit_log.action", "=", options.action)
      : q.where("audit_log.action", "like", `${options.action}.%`);
  if (options.from) q = q.where("audit_log.at", ">=", new Date(`${options.from}T00:00:00Z`));
  if (options.to) q = q.where("audit_log.at", "<", nextDay(options.to));
  const rows = await q.execute();
  const page = rows.slice(0, options.limit);
  const names = await labels(ctx.db, practiceId, page);
  const entries: AuditEntryView[] = page.map((r) => {
    const actor = r.actor_id ? { id: r.actor_id, name: r.actor_name ?? "(removed)" } : null;
    return {
      seq: r.seq,
      chain: r.chain === practiceId ? "practice" : "installation",
      chainSeq: r.chain_seq,
      at: r.at,
      actor,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      details: r.details,
      summary: describeAuditEntry({
        action: r.action,
        actor: actor?.name ?? null,
        target: r.target_id ? (names.get(r.target_id) ?? null) : null,
        details: r.details,
        label: (id) => names.get(id) ?? null,
      }),
    };
  });
  return { entries, nextBefore: rows.length > options.limit ? (page.at(-1)?.seq ?? null) : null };
}
