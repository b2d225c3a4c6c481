// The DSPT incident report of a breach: the case as its viewer may see it, for the PDF the practice copies into
// the Data Security and Protection Toolkit's incident tool. Making it is a view of the case, so it is audited.
import { AppError } from "../../core/errors";
import { appendAudit } from "../audit/audit-log";
import type { AppContext } from "../context";
import { loadPractice } from "../policy/policy-store";
import { accessIncident } from "./incident-store";
import { incidentView, type IncidentView } from "./incident-view";

export type BreachReport = {
  practice: { name: string; slug: string };
  incident: IncidentView & { breach: NonNullable<IncidentView["breach"]> };
  generatedAt: Date;
};

/** The breach's report fields, grading and decision, for someone who may see the case (404 otherwise). */
export async function breachReportOf(
  ctx: AppContext,
  practiceId: string,
  incidentId: string,
  actor: { userId: string },
): Promise<BreachReport> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { member, incident } = await accessIncident(trx, practiceId, incidentId, actor, "view");
    const view = await incidentView(trx, incident, member, now);
    const breach = view.breach;
    if (!breach) throw new AppError("conflict", "Only a personal data breach has a DSPT report.");
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: "incident.breach-report-made",
        targetType: "incident",
        targetId: incident.id,
      },
      now,
    );
    const practice = await loadPractice(trx, practiceId);
    return {
      practice: { name: practice.name, slug: practice.slug },
      incident: { ...view, breach },
      generatedAt: now,
    };
  });
}
