// Reading and recording incident cases: one case of a practice (404 for another practice's id, and for anyone
// the permission model keeps away from it), the facts the permission model reads, the timeline, the breach
// record and the disciplinary steps replayed through the core's state machine.
import type { Selectable } from "kysely";
import { notFound } from "../../core/errors";
import { knownIdShape } from "../../core/ids";
import {
  authorize,
  decide,
  type ActionOf,
  type IncidentResource,
  type PermissionMember,
} from "../../core/permissions";
import { BREACH_CLOCK_TYPES, type IncidentStatus, type IncidentType } from "../../core/incidents/types";
import {
  applyDisciplinaryStep,
  openDisciplinaryCase,
  type DisciplinaryCase,
  type DisciplinaryStep,
} from "../../core/incidents/disciplinary";
import { bankHolidaysEnglandWales } from "../../core/dates";
import type { Db } from "../../store/database";
import type { IncidentBreachTable, IncidentTable } from "../../store/schema";
import { appendAudit, type AuditEvent } from "../audit/audit-log";
import { loadPermissionMember } from "../members/role-grants";

export interface IncidentRow extends Omit<Selectable<IncidentTable>, "type" | "status"> {
  type: IncidentType;
  status: IncidentStatus;
}
export type BreachRow = Selectable<IncidentBreachTable>;

/** The acting person as an active member of the practice (404 when they are not one). */
export async function actingIncidentMember(
  db: Db,
  practiceId: string,
  userId: string,
): Promise<PermissionMember> {
  const m = await loadPermissionMember(db, practiceId, userId);
  if (!m) throw notFound("That practice");
  return m;
}

/** One case of this practice, or 404. `forUpdate` locks the row for the rest of the transaction. */
export async function loadIncident(
  db: Db,
  practiceId: string,
  incidentId: string,
  forUpdate = false,
): Promise<IncidentRow> {
  knownIdShape(incidentId, "That case");
  let q = db
    .selectFrom("incidents")
    .selectAll()
    .where("id", "=", incidentId)
    .where("practice_id", "=", practiceId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound("That case");
  return row as IncidentRow;
}

/** The people on many cases at once, by case id. */
export async function peopleOf(
  db: Db,
  incidentIds: readonly string[],
): Promise<Map<string, { subjects: string[]; investigators: string[] }>> {
  const out = new Map<string, { subjects: string[]; investigators: string[] }>();
  for (const id of incidentIds) out.set(id, { subjects: [], investigators: [] });
  if (!incidentIds.length) return out;
  const rows = await db
    .selectFrom("incident_people")
    .select(["incident_id", "user_id", "role"])
    .where("incident_id", "in", [...incidentIds])
    .orderBy("added_at")
    .execute();
  for (const r of rows) {
    const entry = out.get(r.incident_id)!;
    (r.role === "subject" ? entry.subjects : entry.investigators).push(r.user_id);
  }
  return out;
}

export function resourceOf(
  incident: Pick<IncidentRow, "status" | "type">,
  people: { subjects: string[]; investigators: string[] },
): IncidentResource {
  return {
    type: "incident",
    status: incident.status,
    subjectIds: people.subjects,
    investigatorIds: people.investigators,
    isBreach: BREACH_CLOCK_TYPES.has(incident.type),
  };
}

/** The facts the permission model reads about a case. */
export async function incidentResource(db: Db, incident: IncidentRow): Promise<IncidentResource> {
  const people = (await peopleOf(db, [incident.id])).get(incident.id)!;
  return resourceOf(incident, people);
}

/**
 * The member, the case and its facts, once the member may see it (else 404, so that a case's existence does not
 * leak to its subject or to staff) and may take `action` on it (else 403 or 409 with the reason).
 */
export async function accessIncident(
  db: Db,
  practiceId: string,
  incidentId: string,
  actor: { userId: string },
  action: ActionOf<"incident">,
  forUpdate = false,
): Promise<{ member: PermissionMember; incident: IncidentRow; resource: IncidentResource }> {
  const member = await actingIncidentMember(db, practiceId, actor.userId);
  const incident = await loadIncident(db, practiceId, incidentId, forUpdate);
  const resource = await incidentResource(db, incident);
  if (decide(member, "view", resource)) throw notFound("That case");
  authorize(member, action, resource);
  return { member, incident, resource };
}

/** Records a step in the case's timeline and, when `audit` is given, the audit entry (ids and counts, never text). */
export async function recordIncidentAction(
  trx: Db,
  incident: Pick<IncidentRow, "id" | "practice_id">,
  actorId: string | null,
  at: Date,
  kind: string,
  options: { note?: string | null; audit?: AuditEvent["details"] } = {},
): Promise<void> {
  await trx
    .insertInto("incident_actions")
    .values({ incident_id: incident.id, at, actor_id: actorId, kind, note: options.note ?? null })
    .execute();
  if (options.audit)
    await appendAudit(
      trx,
      {
        practiceId: incident.practice_id,
        actorId,
        action: `incident.${kind}`,
        targetType: "incident",
        targetId: incident.id,
        details: options.audit,
      },
      at,
    );
}

/** The next case number of a practice (the caller holds the practice's advisory lock or retries on conflict). */
export async function nextIncidentNumber(trx: Db, practiceId: string): Promise<number> {
  const r = await trx
    .selectFrom("incidents")
    .select((eb) => eb.fn.max("number").as("n"))
    .where("practice_id", "=", practiceId)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

export async function loadBreach(db: Db, incidentId: string, forUpdate = false): Promise<BreachRow | null> {
  let q = db.selectFrom("incident_breaches").selectAll().where("incident_id", "=", incidentId);
  if (forUpdate) q = q.forUpdate();
  return (await q.executeTakeFirst()) ?? null;
}

const INSTANTS = ["at", "meetingAt", "to", "heldAt"] as const;

/** A step as the database keeps it: instants as ISO strings, no holiday set (replay supplies it). */
export function stepToJson(step: DisciplinaryStep): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(step))
    if (k !== "bankHolidays") out[k] = v instanceof Date ? v.toISOString() : v;
  return out;
}

/** England and Wales bank holidays around `at`, for a postponement's working days. */
export function holidaysAround(at: Date): ReadonlySet<string> {
  const y = at.getUTCFullYear();
  return new Set([
    ...bankHolidaysEnglandWales(y - 1),
    ...bankHolidaysEnglandWales(y),
    ...bankHolidaysEnglandWales(y + 1),
  ]);
}

export function stepFromJson(json: Record<string, unknown>): DisciplinaryStep {
  const step: Record<string, unknown> = { ...json };
  for (const k of INSTANTS) if (typeof step[k] === "string") step[k] = new Date(step[k]);
  if (step.kind === "postpone-meeting") step.bankHolidays = holidaysAround(step.to as Date);
  return step as DisciplinaryStep;
}

/** The disciplinary case of an incident, replayed from its steps through the core's machine, or null. */
export async function loadDisciplinary(
  db: Db,
  incidentId: string,
): Promise<{ case: DisciplinaryCase; steps: number } | null> {
  const row = await db
    .selectFrom("disciplinary_cases")
    .selectAll()
    .where("incident_id", "=", incidentId)
    .executeTakeFirst();
  if (!row) return null;
  const steps = await db
    .selectFrom("disciplinary_steps")
    .select("step")
    .where("incident_id", "=", incidentId)
    .orderBy("position")
    .execute();
  let c = openDisciplinaryCase({
    subjectId: row.subject_id,
    investigatorId: row.investigator_id,
    deciderId: row.decider_id,
  });
  for (const s of steps) c = applyDisciplinaryStep(c, stepFromJson(s.step));
  return { case: c, steps: steps.length };
}
