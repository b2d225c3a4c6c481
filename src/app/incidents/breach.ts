// A personal data breach's record: when the practice became aware (changed only with a reason), the NHS
// grading, the decision to report to the ICO or not (with reasons either way), whether the people affected
// were told, and the DSPT incident tool's fields.
import type { z } from "zod";
import { AppError } from "../../core/errors";
import { gradeBreach } from "../../core/incidents/breach-grading";
import type {
  awareAtRequest,
  decisionRequest,
  gradingRequest,
  peopleToldRequest,
  reportFieldsRequest,
} from "../../contracts/incidents";
import type { Db } from "../../store/database";
import type { AppContext } from "../context";
import {
  accessIncident,
  loadBreach,
  recordIncidentAction,
  type BreachRow,
  type IncidentRow,
} from "./incident-store";

type Actor = { userId: string };

async function onBreach<T>(
  ctx: AppContext,
  practiceId: string,
  incidentId: string,
  actor: Actor,
  work: (trx: Db, incident: IncidentRow, breach: BreachRow, now: Date) => Promise<T>,
): Promise<T> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { incident } = await accessIncident(trx, practiceId, incidentId, actor, "manage-breach", true);
    const breach = await loadBreach(trx, incident.id, true);
    if (!breach) throw new AppError("conflict", "This case has no breach record.");
    const out = await work(trx, incident, breach, now);
    await trx.updateTable("incidents").set({ updated_at: now }).where("id", "=", incident.id).execute();
    return out;
  });
}

/**
 * Moves the moment the practice became aware. The clock runs from it, so a change needs a reason and is kept
 * with it; the reminders start again from the new time.
 */
export function setAwareAt(
  ctx: AppContext,
  practiceId: string,
  incidentId: string,
  actor: Actor,
  input: z.infer<typeof awareAtRequest>,
): Promise<void> {
  return onBreach(ctx, practiceId, incidentId, actor, async (trx, incident, breach, now) => {
    const to = new Date(input.awareAt);
    if (to.getTime() === breach.aware_at.getTime()) return;
    if (!input.reason)
      throw new AppError("invalid-input", "Say why the time the practice became aware is being changed.", {
        reason: "Enter a reason",
      });
    if (to.getTime() > now.getTime())
      throw new AppError("invalid-input", "The time the practice became aware cannot be in the future.", {
        awareAt: "Give a time that has passed",
      });
    await trx
      .insertInto("incident_aware_changes")
      .values({
        incident_id: incident.id,
        from_at: breach.aware_at,
        to_at: to,
        reason: input.reason,
        changed_by: actor.userId,
        changed_at: now,
      })
      .execute();
    await trx
      .updateTable("incident_breaches")
      .set({ aware_at: to, reminders_sent: 0, updated_at: now })
      .where("incident_id", "=", incident.id)
      .execute();
    await recordIncidentAction(trx, incident, actor.userId, now, "breach-aware-changed", {
      note: input.reason,
      audit: { from: breach.aware_at.toISOString(), to: to.toISOString() },
    });
  });
}

/** Grades the breach on the NHS guide's grid (src/core/incidents/breach-grading.ts). */
export function gradeBreachCase(
  ctx: AppContext,
  practiceId: string,
  incidentId: string,
  actor: Actor,
  input: z.infer<typeof gradingRequest>,
): Promise<void> {
  return onBreach(ctx, practiceId, incidentId, actor, async (trx, incident, _b, now) => {
    const grade = gradeBreach(input);
    await trx
      .updateTable("incident_breaches")
      .set({
        likelihood: grade.likelihood,
        severity: grade.severity,
        vulnerable_group: grade.vulnerableGroup,
        graded_at: now,
        graded_by: actor.userId,
        updated_at: now,
      })
      .where("incident_id", "=", incident.id)
      .execute();
    await recordIncidentAction(trx, incident, actor.userId, now, "breach-graded", {
      note: `Likelihood ${grade.likelihood} × severity ${grade.severity}${grade.vulnerableGroup ? " (a vulnerable group)" : ""}: ${grade.reportable ? "reportable" : "not reportable"} on the NHS grid`,
      audit: { likelihood: grade.likelihood, severity: grade.severity, reportable: grade.reportable },
    });
  });
}

/**
 * Records the decision to report to the ICO or not, with the reasons either way. It needs a grading first.
 * Deciding against the grid's answer is allowed (the practice's DPO may know better) but the reasons then say why.
 */
export function decideBreach(
  ctx: AppContext,
  practiceId: string,
  incidentId: string,
  actor: Actor,
  input: z.infer<typeof decisionRequest>,
): Promise<void> {
  return onBreach(ctx, practiceId, incidentId, actor, async (trx, incident, breach, now) => {
    if (breach.likelihood === null || breach.severity === null)
      throw new AppError(
        "conflict",
        "Grade the breach (likelihood and severity) before deciding whether to report it.",
      );
    if (breach.decided_at)
      throw new AppError("conflict", "The decision has already been recorded for this breach.");
    await trx
      .updateTable("incident_breaches")
      .set({
        decision: input.decision,
        decision_reasons: input.reasons,
        dspt_reference: input.dsptReference,
        decided_at: now,
        decided_by: actor.userId,
        updated_at: now,
      })
      .where("incident_id", "=", incident.id)
      .execute();
    await recordIncidentAction(trx, incident, actor.userId, now, "breach-decided", {
      note:
        input.decision === "report" ? "Reported to the ICO through the DSPT tool" : "Not reported to the ICO",
      audit: { decision: input.decision },
    });
  });
}

/** Records whether the people affected were told; not telling them needs the reason. */
export function recordPeopleTold(
  ctx: AppContext,
  practiceId: string,
  incidentId: string,
  actor: Actor,
  input: z.infer<typeof peopleToldRequest>,
): Promise<void> {
  return onBreach(ctx, practiceId, incidentId, actor, async (trx, incident, _b, now) => {
    if (input.told === "not-told" && !input.note)
      throw new AppError("invalid-input", "Say why the people affected were not told.", {
        note: "Enter a reason",
      });
    await trx
      .updateTable("incident_breaches")
      .set({ people_told: input.told, people_told_note: input.note, people_told_at: now, updated_at: now })
      .where("incident_id", "=", incident.id)
      .execute();
    await recordIncidentAction(trx, incident, actor.userId, now, "breach-people-told", {
      note: input.told === "told" ? "The people affected were told" : "The people affected were not told",
      audit: { told: input.told === "told" },
    });
  });
}

/** Saves the DSPT report's fields (what happened, who and how many, contact, consequences, measures). */
export function saveReportFields(
  ctx: AppContext,
  practiceId: string,
  incidentId: string,
  actor: Actor,
  input: z.infer<typeof reportFieldsRequest>,
): Promise<void> {
  return onBreach(ctx, practiceId, incidentId, actor, async (trx, incident, _b, now) => {
    const fields = Object.fromEntries(Object.entries(input).filter(([, v]) => typeof v === "string" && v));
    await trx
      .updateTable("incident_breaches")
      .set({ report_fields: JSON.stringify(fields), updated_at: now })
      .where("incident_id", "=", incident.id)
      .execute();
    await recordIncidentAction(trx, incident, actor.userId, now, "breach-report-fields", {
      audit: { fields: Object.keys(fields) },
    });
  });
}
