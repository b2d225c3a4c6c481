import { sql } from "kysely";
import type { AppContext } from "../context";

export interface AuditEntryView {
  seq: string;
  at: Date;
  actor: { id: string; name: string } | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

/**
 * A practice's audit entries, newest first: everything recorded against the practice, plus account events
 * (sign-in, password reset) of people who are or were its members.
 */
export async function listAudit(
  ctx: AppContext,
  practiceId: string,
  options: { before?: string | undefined; limit: number },
) {
  let q = ctx.db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .select([
      "audit_log.seq",
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
  const rows = await q.execute();
  const page = rows.slice(0, options.limit);
  const entries: AuditEntryView[] = page.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? "(removed)" } : null,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    details: r.details,
  }));
  return { entries, nextBefore: rows.length > options.limit ? (page.at(-1)?.seq ?? null) : null };
}
