// The disciplinary process on a case: open it (naming the member, the investigator and the decider), then
// record each step. Every step goes through the core's state machine (src/core/incidents/disciplinary.ts),
// which holds the Acas order; the person recording a step is the one taking it.
import type { z } from "zod";
import { AppError } from "../../core/errors";
import {
  applyDisciplinaryStep,
  openDisciplinaryCase,
  type DisciplinaryStep,
} from "../../core/incidents/disciplinary";
import type { disciplinaryStepRequest, openDisciplinaryRequest } from "../../contracts/incidents";
import type { AppContext } from "../context";
import {
  accessIncident,
  holidaysAround,
  loadDisciplinary,
  recordIncidentAction,
  stepToJson,
} from "./incident-store";
import { addInvestigators, checkMembers } from "./people";

const STEP_WORDS: Record<DisciplinaryStep["kind"], string> = {
  "record-investigation": "Investigation recorded",
  "send-invitation": "Written invitation to a disciplinary meeting sent",
  "postpone-meeting": "Meeting postponed (companion unavailable)",
  "record-meeting": "Disciplinary meeting held and recorded",
  "record-decision": "Written decision made",
  "lodge-appeal": "Appeal lodged",
  "record-appeal-outcome": "Appeal heard and decided",
  "resolve-informally": "Resolved informally",
};

/**
 * Opens the formal process on a case. The investigator and the decider join the case's investigators (they must
 * see it); the member it is about becomes a subject of the case (so never sees it).
 */
export async function openDisciplinary(
  ctx: AppContext,
  practiceId: string,
  incidentId: string,
  actor: { userId: string },
  input: z.infer<typeof openDisciplinaryRequest>,
): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const { incident } = await accessIncident(trx, practiceId, incidentId, actor, "disciplinary-step", true);
    if (await loadDisciplinary(trx, incident.id))
      throw new AppError("conflict", "This case already has a disciplinary process.");
    await checkMembers(trx, practiceId, [input.subjectId, input.investigatorId, input.deciderId], "people");
    const c = openDisciplinaryCase(input);
    const investigators = await trx
      .selectFrom("incident_people")
      .select("user_id")
      .where("incident_id", "=", incident.id)
      .where("role", "=", "investigator")
      .where("user_id", "=", input.subjectId)
      .execute();
    if (investigators.length)
      throw new AppError(
        "conflict",
        "The member the case is about is named as an investigator of it. Remove them first.",
      );
    await trx
      .insertInto("incident_people")
      .values({ incident_id: incident.id, user_id: input.subjectId, role: "subject", added_at: now })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await addInvestigators(trx, incident.id, [input.investigatorId, input.deciderId], now);
    await trx
      .insertInto("disciplinary_cases")
      .values({
        incident_id: incident.id,
        subject_id: c.subjectId,
        investigator_id: c.investigatorId,
        decider_id: c.deciderId,
        stage: c.stage,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordIncidentAction(trx, incident, actor.userId, now, "disciplinary-opened", {
      note: "Disciplinary process opened",
      audit: {},
    });
  });
}

type StepInput = z.infer<typeof disciplinaryStepRequest>;

/** The core's step for what the person recording it sent. */
function toStep(input: StepInput, by: string, now: Date): DisciplinaryStep {
  switch (input.kind) {
    case "record-investigation":
      return { ...input, by, at: now };
    case "send-invitation":
      return { ...input, by, at: now, meetingAt: new Date(input.meetingAt) };
    case "postpone-meeting": {
      const to = new Date(input.to);
      return { ...input, to, bankHolidays: holidaysAround(to) };
    }
    case "record-meeting":
      return { ...input, heldAt: new Date(input.heldAt), chairedBy: by };
    case "record-decision":
      return { ...input, by, at: now, warningMonths: input.warningMonths ?? null };
    case "lodge-appeal":
      return { ...input, at: now };
    case "record-appeal-outcome":
      return { ...input, heardBy: by, at: now };
    case "resolve-informally":
      return { ...input, by, at: now };
  }
}

/** Records one disciplinary step, or refuses it with the core's plain reason (nothing is written then). */
export async function takeDisciplinaryStep(
  ctx: AppContext,
  practiceId: string,
  incidentId: string,
  actor: { userId: string },
  input: StepInput,
): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const { incident } = await accessIncident(trx, practiceId, incidentId, actor, "disciplinary-step", true);
    const current = await loadDisciplinary(trx, incident.id);
    if (!current) throw new AppError("conflict", "Open the disciplinary process on this case first.");
    if (input.kind === "record-meeting" && new Date(input.heldAt).getTime() > now.getTime())
      throw new AppError("invalid-input", "A meeting can be recorded only once it has been held.", {
        heldAt: "Give a time that has passed",
      });
    const step = toStep(input, actor.userId, now);
    const next = applyDisciplinaryStep(current.case, step);
    await trx
      .insertInto("disciplinary_steps")
      .values({
        incident_id: incident.id,
        position: current.steps + 1,
        step: JSON.stringify(stepToJson(step)),
        recorded_by: actor.userId,
        recorded_at: now,
      })
      .execute();
    await trx
      .updateTable("disciplinary_cases")
      .set({ stage: next.stage, updated_at: now })
      .where("incident_id", "=", incident.id)
      .execute();
    await recordIncidentAction(trx, incident, actor.userId, now, `disciplinary-${input.kind}`, {
      note: STEP_WORDS[input.kind],
      audit: { stage: next.stage },
    });
    await trx.updateTable("incidents").set({ updated_at: now }).where("id", "=", incident.id).execute();
  });
}
