// The register's use cases: report a concern (any member), open and change a case (an admin), add to its
// timeline, read one case (audited, without its text) and list the cases a member may see.
import type { z } from "zod";
import { AppError } from "../../core/errors";
import { authorize, can } from "../../core/permissions";
import {
  BREACH_CLOCK_TYPES,
  checkIncidentMove,
  INCIDENT_TYPE_LABELS,
  type IncidentType,
} from "../../core/incidents/types";
import type {
  concernRequest,
  incidentActionRequest,
  openIncidentRequest,
  updateIncidentRequest,
} from "../../contracts/incidents";
import { appendAudit } from "../audit/audit-log";
import { concernFindings, linkedComment } from "./concern-links";
import { cachedPracticeProfile } from "../checker/cached-profile";
import type { AppContext } from "../context";
import { activeMembers } from "../policy/policy-store";
import {
  accessIncident,
  actingIncidentMember,
  nextIncidentNumber,
  peopleOf,
  recordIncidentAction,
  resourceOf,
  type IncidentRow,
} from "./incident-store";
import { incidentSummaries, incidentView, type IncidentSummary, type IncidentView } from "./incident-view";
import { addInvestigators, checkMembers, lockPracticeIncidents, writePeople } from "./people";
import type { Db } from "../../store/database";

export type ConcernInput = z.infer<typeof concernRequest>;
export type OpenIncidentInput = z.infer<typeof openIncidentRequest>;
export type UpdateIncidentInput = z.infer<typeof updateIncidentRequest>;

/** The kind of case a concern starts as (the admin may change it). */
const CONCERN_TYPES: Record<ConcernInput["kind"], IncidentType> = {
  "colleague-post": "conduct",
  "patient-comment": "abusive-or-defamatory-content",
  "practice-account": "account-security",
  "lost-phone": "account-security",
  "own-post": "confidentiality-breach",
  other: "conduct",
};
const CONCERN_TITLES: Record<ConcernInput["kind"], string> = {
  "colleague-post": "Concern about a colleague's post",
  "patient-comment": "Concern about a comment from a patient",
  "practice-account": "A practice account may be compromised",
  "lost-phone": "A lost phone signed in to a practice account",
  "own-post": "A member regrets a post of their own",
  other: "A concern reported",
};

async function startBreach(trx: Db, incidentId: string, awareAt: Date, now: Date): Promise<void> {
  await trx
    .insertInto("incident_breaches")
    .values({ incident_id: incidentId, aware_at: awareAt, updated_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * Any member reports a concern. It goes into the register as `reported`; the practice's admins are told by mail
 * that a concern came in (never what it says). The reporter does not see the case afterwards unless they are an
 * admin or named to investigate.
 */
export async function reportConcern(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string },
  input: ConcernInput,
): Promise<{ id: string; number: number; message: string }> {
  const now = ctx.now();
  // The checker's profile is read before the transaction: the embedded database has one connection.
  const profile = input.attachFindings ? await cachedPracticeProfile(ctx, practiceId) : null;
  return ctx.db.transaction().execute(async (trx) => {
    const member = await actingIncidentMember(trx, practiceId, actor.userId);
    authorize(member, "report-concern", { type: "practice" });
    await lockPracticeIncidents(trx, practiceId);
    const comment = input.commentId ? await linkedComment(trx, practiceId, input.commentId) : null;
    const findings = profile ? concernFindings(profile, comment, input.checkText) : null;
    const type = CONCERN_TYPES[input.kind];
    const incident = await trx
      .insertInto("incidents")
      .values({
        practice_id: practiceId,
        number: await nextIncidentNumber(trx, practiceId),
        type,
        status: "reported",
        title: CONCERN_TITLES[input.kind],
        reported_by: actor.userId,
        concern_kind: input.kind,
        concern_url: input.url,
        concern_seen: input.seen,
        concern_text: input.includedText,
        concern_comment_id: comment?.id ?? null,
        concern_findings: findings ? JSON.stringify(findings) : null,
        created_at: now,
        updated_at: now,
      })
      .returning(["id", "number", "practice_id"])
      .executeTakeFirstOrThrow();
    if (BREACH_CLOCK_TYPES.has(type)) await startBreach(trx, incident.id, now, now);
    await recordIncidentAction(trx, incident, actor.userId, now, "concern-reported", {
      audit: {
        kind: input.kind,
        link: input.url !== null,
        textIncluded: input.includedText !== null,
        ...(comment ? { comment: comment.id } : {}),
        ...(findings ? { findings: findings.length } : {}),
      },
    });
    for (const admin of (await activeMembers(trx, practiceId)).filter((m) => m.roles.includes("admin")))
      await ctx.mailer.send(
        {
          to: admin.email,
          practiceId,
          subject: `A concern was reported (case ${incident.number})`,
          text: `${admin.name},\n\nA member of the practice has reported a concern in safepost (case ${incident.number}: ${CONCERN_TITLES[input.kind].toLowerCase()}).\nRead it and decide what to do: ${ctx.baseUrl}/practice/${practiceId}/incidents/${incident.id}\n\nFor privacy this email does not repeat what was reported.`,
        },
        trx,
      );
    return {
      id: incident.id,
      number: incident.number,
      message: `Thank you. Your concern is case ${incident.number}; the practice manager has been told and will look at it.`,
    };
  });
}

/** An admin opens a case; a breach's clock starts at `awareAt` (now when not given). */
export async function openIncident(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string },
  input: OpenIncidentInput,
): Promise<IncidentRow> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const member = await actingIncidentMember(trx, practiceId, actor.userId);
    authorize(member, "open-incident", { type: "practice" });
    const awareAt = input.awareAt ? new Date(input.awareAt) : now;
    if (awareAt.getTime() > now.getTime())
      throw new AppError("invalid-input", "The time the practice became aware cannot be in the future.", {
        awareAt: "Give a time that has passed",
      });
    if (input.subjectIds.includes(actor.userId))
      throw new AppError(
        "conflict",
        "You cannot open a case about yourself. Ask another practice manager, or a partner, to open it.",
      );
    const ownerId = input.ownerId ?? actor.userId;
    await checkMembers(trx, practiceId, [ownerId], "ownerId");
    if (input.subjectIds.includes(ownerId))
      throw new AppError("invalid-input", "A member the case is about cannot own it.", {
        ownerId: "Choose someone else",
      });
    await lockPracticeIncidents(trx, practiceId);
    const incident = (await trx
      .insertInto("incidents")
      .values({
        practice_id: practiceId,
        number: await nextIncidentNumber(trx, practiceId),
        type: input.type,
        status: "open",
        owner_id: ownerId,
        title: input.title,
        summary: input.summary ?? "",
        clauses: JSON.stringify(input.clauses),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()) as IncidentRow;
    // The owner works on the case, so sees it as an investigator does.
    const investigators = [...new Set([...input.investigatorIds, ownerId])];
    await writePeople(
      trx,
      practiceId,
      incident.id,
      { subjectIds: input.subjectIds, investigatorIds: investigators },
      now,
    );
    if (BREACH_CLOCK_TYPES.has(input.type)) await startBreach(trx, incident.id, awareAt, now);
    await recordIncidentAction(trx, incident, actor.userId, now, "opened", {
      note: INCIDENT_TYPE_LABELS[input.type],
      audit: {
        type: input.type,
        subjects: input.subjectIds.length,
        investigators: input.investigatorIds.length,
      },
    });
    return incident;
  });
}

/** An admin changes a case: its type, title, summary, clauses, owner, people, or status (with outcome or reason). */
export async function updateIncident(
  ctx: AppContext,
  practiceId: string,
  incidentId: string,
  actor: { userId: string },
  input: UpdateIncidentInput,
): Promise<IncidentRow> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { incident } = await accessIncident(trx, practiceId, incidentId, actor, "edit-incident", true);
    const changed: string[] = [];
    const set: Record<string, unknown> = { updated_at: now };
    if (input.type !== undefined && input.type !== incident.type) {
      set.type = input.type;
      changed.push("type");
      if (BREACH_CLOCK_TYPES.has(input.type)) await startBreach(trx, incident.id, now, now);
    }
    if (input.title !== undefined && input.title !== incident.title) {
      set.title = input.title;
      changed.push("title");
    }
    if (input.summary !== undefined && (input.summary ?? "") !== incident.summary) {
      set.summary = input.summary ?? "";
      changed.push("summary");
    }
    if (input.clauses !== undefined) {
      set.clauses = JSON.stringify(input.clauses);
      changed.push("clauses");
    }
    const subjects = input.subjectIds;
    if (subjects?.includes(actor.userId))
      throw new AppError(
        "conflict",
        "You cannot name yourself as a member the case is about. Ask another practice manager, or a partner.",
      );
    if (input.ownerId !== undefined && input.ownerId !== incident.owner_id) {
      if (input.ownerId !== null) await checkMembers(trx, practiceId, [input.ownerId], "ownerId");
      set.owner_id = input.ownerId;
      changed.push("owner");
    }
    if (subjects !== undefined || input.investigatorIds !== undefined) {
      await writePeople(
        trx,
        practiceId,
        incident.id,
        { subjectIds: subjects, investigatorIds: input.investigatorIds },
        now,
      );
      changed.push("people");
    }
    const owner = (set.owner_id as string | null | undefined) ?? incident.owner_id;
    // The owner works on the case, so stays among those who see it.
    if (owner && (changed.includes("owner") || changed.includes("people")))
      await addInvestigators(trx, incident.id, [owner], now);
    const people = (await peopleOf(trx, [incident.id])).get(incident.id)!;
    if (owner && people.subjects.includes(owner))
      throw new AppError("invalid-input", "A member the case is about cannot own it.", {
        ownerId: "Choose someone else",
      });
    if (input.status !== undefined && input.status !== incident.status) {
      checkIncidentMove(incident.status, input.status, { outcome: input.outcome, reason: input.reason });
      set.status = input.status;
      set.closed_at = input.status === "closed" ? now : null;
      if (input.status === "closed") set.outcome = input.outcome;
      await recordIncidentAction(trx, incident, actor.userId, now, `status-${input.status}`, {
        note: input.status === "closed" ? input.outcome : input.reason,
        audit: { from: incident.status, to: input.status },
      });
    } else if (input.status === incident.status) checkIncidentMove(incident.status, input.status);
    if (changed.length)
      await recordIncidentAction(trx, incident, actor.userId, now, "updated", {
        note: `Changed: ${changed.join(", ")}`,
        audit: { fields: changed },
      });
    return (await trx
      .updateTable("incidents")
      .set(set)
      .where("id", "=", incident.id)
      .returningAll()
      .executeTakeFirstOrThrow()) as IncidentRow;
  });
}

/** An admin or an investigator adds an action to a case's timeline. */
export async function addIncidentAction(
  ctx: AppContext,
  practiceId: string,
  incidentId: string,
  actor: { userId: string },
  input: z.infer<typeof incidentActionRequest>,
): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const { incident } = await accessIncident(trx, practiceId, incidentId, actor, "add-action", true);
    await recordIncidentAction(trx, incident, actor.userId, now, "action", { note: input.note, audit: {} });
    await trx.updateTable("incidents").set({ updated_at: now }).where("id", "=", incident.id).execute();
  });
}

/** One case, for a member allowed to see it (404 otherwise). The view is written to the audit, without text. */
export async function getIncident(
  ctx: AppContext,
  practiceId: string,
  incidentId: string,
  actor: { userId: string },
): Promise<IncidentView> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { member, incident } = await accessIncident(trx, practiceId, incidentId, actor, "view");
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: "incident.viewed",
        targetType: "incident",
        targetId: incident.id,
      },
      now,
    );
    return incidentView(trx, incident, member, now);
  });
}

/** The cases `actor` may see, newest first: every case for an admin (but those about them), else those they investigate. */
export async function listIncidents(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string },
): Promise<{ incidents: IncidentSummary[]; canOpen: boolean }> {
  const member = await actingIncidentMember(ctx.db, practiceId, actor.userId);
  authorize(member, "view-incidents", { type: "practice" });
  const rows = await allIncidents(ctx.db, practiceId);
  const people = await peopleOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const visible = rows.filter((r) => can(member, "view", resourceOf(r, people.get(r.id)!)));
  return {
    incidents: await incidentSummaries(ctx.db, visible, ctx.now()),
    canOpen: can(member, "open-incident", { type: "practice" }),
  };
}

/** Every case of the practice for the person at the server's command line (`safepost incidents list`). */
export async function listIncidentsForOperator(
  ctx: AppContext,
  practiceId: string,
): Promise<IncidentSummary[]> {
  return incidentSummaries(ctx.db, await allIncidents(ctx.db, practiceId), ctx.now());
}

async function allIncidents(db: Db, practiceId: string): Promise<IncidentRow[]> {
  return (await db
    .selectFrom("incidents")
    .selectAll()
    .where("practice_id", "=", practiceId)
    .orderBy("number", "desc")
    .execute()) as IncidentRow[];
}
