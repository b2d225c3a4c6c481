// A case as the API answers it: the summary the register lists (with the breach clock) and the whole case.
import type { z } from "zod";
import { allowedActions, type PermissionMember } from "../../core/permissions";
import { breachDeadline, hoursLeft } from "../../core/incidents/breach-clock";
import { gradeAdvice, gradeBreach } from "../../core/incidents/breach-grading";
import type { DisciplinaryCase } from "../../core/incidents/disciplinary";
import { lettersAvailable } from "../../core/incidents/letters";
import type { incidentResponse, incidentSummaryResponse } from "../../contracts/incidents";
import type { Db } from "../../store/database";
import { BREACH_CLOCK_TYPES } from "../../core/incidents/types";
import { userNames } from "../policy/policy-store";
import {
  loadBreach,
  loadDisciplinary,
  peopleOf,
  resourceOf,
  type BreachRow,
  type IncidentRow,
} from "./incident-store";

export type IncidentSummary = z.infer<typeof incidentSummaryResponse>;
export type IncidentView = z.infer<typeof incidentResponse>;
type Person = { id: string; name: string };

const personFrom =
  (names: Map<string, string>) =>
  (id: string | null | undefined): Person | null =>
    id ? { id, name: names.get(id) ?? "a former user" } : null;

export function clockOf(breach: Pick<BreachRow, "aware_at" | "decided_at">, now: Date) {
  return {
    awareAt: breach.aware_at.toISOString(),
    deadline: breachDeadline(breach.aware_at).toISOString(),
    hoursLeft: hoursLeft(breach.aware_at, now),
    decided: breach.decided_at !== null,
  };
}

/** Many cases as the register lists them. */
export async function incidentSummaries(
  db: Db,
  incidents: readonly IncidentRow[],
  now: Date,
): Promise<IncidentSummary[]> {
  const ids = incidents.map((i) => i.id);
  const breaches = ids.length
    ? await db
        .selectFrom("incident_breaches")
        .select(["incident_id", "aware_at", "decided_at"])
        .where("incident_id", "in", ids)
        .execute()
    : [];
  const names = await userNames(
    db,
    incidents.map((i) => i.owner_id),
  );
  const person = personFrom(names);
  return incidents.map((i) => {
    const b = BREACH_CLOCK_TYPES.has(i.type) ? breaches.find((x) => x.incident_id === i.id) : undefined;
    return {
      id: i.id,
      number: i.number,
      type: i.type,
      status: i.status,
      title: i.title,
      owner: person(i.owner_id),
      breach: b ? clockOf(b, now) : null,
      createdAt: i.created_at.toISOString(),
    };
  });
}

/** Instants as ISO strings, at every depth (the disciplinary case's record). */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

function disciplinaryDetail(c: DisciplinaryCase): Record<string, unknown> {
  const { stage: _s, subjectId: _a, investigatorId: _b, deciderId: _c, ...rest } = c;
  return plain(rest) as Record<string, unknown>;
}

/** One case with its people, timeline, breach record and disciplinary steps, and what `member` may do to it. */
export async function incidentView(
  db: Db,
  incident: IncidentRow,
  member: PermissionMember,
  now: Date,
): Promise<IncidentView> {
  const people = (await peopleOf(db, [incident.id])).get(incident.id)!;
  const breach = BREACH_CLOCK_TYPES.has(incident.type) ? await loadBreach(db, incident.id) : null;
  const disciplinary = await loadDisciplinary(db, incident.id);
  const timeline = await db
    .selectFrom("incident_actions")
    .selectAll()
    .where("incident_id", "=", incident.id)
    .orderBy("seq")
    .execute();
  const evidence = await db
    .selectFrom("incident_evidence")
    .select(["id", "file_name", "mime_type", "size", "sha256", "uploaded_by", "uploaded_at"])
    .where("incident_id", "=", incident.id)
    .orderBy("uploaded_at")
    .execute();
  const awareChanges = breach
    ? await db
        .selectFrom("incident_aware_changes")
        .selectAll()
        .where("incident_id", "=", incident.id)
        .orderBy("changed_at")
        .execute()
    : [];
  const linked = incident.concern_comment_id
    ? await db
        .selectFrom("inbox_comments")
        .select(["id", "conversation_id"])
        .where("id", "=", incident.concern_comment_id)
        .where("practice_id", "=", incident.practice_id)
        .executeTakeFirst()
    : undefined;
  const dc = disciplinary?.case;
  const names = await userNames(db, [
    incident.owner_id,
    incident.reported_by,
    ...people.subjects,
    ...people.investigators,
    ...timeline.map((t) => t.actor_id),
    ...evidence.map((e) => e.uploaded_by),
    ...awareChanges.map((a) => a.changed_by),
    breach?.graded_by ?? null,
    breach?.decided_by ?? null,
    dc?.subjectId ?? null,
    dc?.investigatorId ?? null,
    dc?.deciderId ?? null,
  ]);
  const person = personFrom(names);
  const [summary] = await incidentSummaries(db, [incident], now);
  return {
    ...summary!,
    summary: incident.summary,
    clauses: incident.clauses,
    outcome: incident.outcome,
    concern: incident.concern_kind
      ? {
          kind: incident.concern_kind as NonNullable<IncidentView["concern"]>["kind"],
          url: incident.concern_url,
          seen: incident.concern_seen,
          includedText: incident.concern_text,
          reportedBy: person(incident.reported_by),
          comment: linked ? { id: linked.id, conversationId: linked.conversation_id } : null,
          findings: incident.concern_findings,
        }
      : null,
    subjects: people.subjects.map((id) => person(id)!),
    investigators: people.investigators.map((id) => person(id)!),
    breach: breach ? breachView(breach, awareChanges, person, now) : null,
    disciplinary: dc
      ? {
          stage: dc.stage,
          subject: person(dc.subjectId)!,
          investigator: person(dc.investigatorId)!,
          decider: person(dc.deciderId)!,
          letters: lettersAvailable(dc),
          detail: disciplinaryDetail(dc),
        }
      : null,
    evidence: evidence.map((e) => ({
      id: e.id,
      fileName: e.file_name,
      mimeType: e.mime_type,
      size: e.size,
      sha256: e.sha256,
      uploadedBy: person(e.uploaded_by),
      uploadedAt: e.uploaded_at.toISOString(),
    })),
    timeline: timeline.map((t) => ({
      at: t.at.toISOString(),
      actor: person(t.actor_id),
      kind: t.kind,
      note: t.note,
    })),
    allowed: allowedActions(member, resourceOf(incident, people)),
    updatedAt: incident.updated_at.toISOString(),
    closedAt: incident.closed_at?.toISOString() ?? null,
  };
}

function breachView(
  b: BreachRow,
  changes: { from_at: Date; to_at: Date; reason: string; changed_by: string | null; changed_at: Date }[],
  person: (id: string | null | undefined) => Person | null,
  now: Date,
): NonNullable<IncidentView["breach"]> {
  const grade =
    b.likelihood !== null && b.severity !== null
      ? gradeBreach({ likelihood: b.likelihood, severity: b.severity, vulnerableGroup: b.vulnerable_group })
      : null;
  return {
    ...clockOf(b, now),
    grading:
      grade && b.graded_at
        ? {
            ...grade,
            advice: gradeAdvice(grade),
            gradedAt: b.graded_at.toISOString(),
            gradedBy: person(b.graded_by),
          }
        : null,
    decision:
      b.decision && b.decided_at
        ? {
            decision: b.decision as "report" | "not-report",
            reasons: b.decision_reasons ?? "",
            dsptReference: b.dspt_reference,
            decidedAt: b.decided_at.toISOString(),
            decidedBy: person(b.decided_by),
            withinClock: b.decided_at.getTime() <= breachDeadline(b.aware_at).getTime(),
          }
        : null,
    peopleTold:
      b.people_told && b.people_told_at
        ? {
            told: b.people_told as "told" | "not-told",
            note: b.people_told_note,
            at: b.people_told_at.toISOString(),
          }
        : null,
    reportFields: b.report_fields,
    awareChanges: changes.map((c) => ({
      from: c.from_at.toISOString(),
      to: c.to_at.toISOString(),
      reason: c.reason,
      by: person(c.changed_by),
      at: c.changed_at.toISOString(),
    })),
  };
}
