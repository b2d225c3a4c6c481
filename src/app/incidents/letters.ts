// The disciplinary letters of a case (invitation, decision, appeal outcome), filled from the steps recorded so far.
// Making one is a view of the case: only those who may see it get it (404 otherwise), and it is audited.
import { disciplinaryLetter, type Letter, type LetterKind } from "../../core/incidents/letters";
import { AppError } from "../../core/errors";
import { appendAudit } from "../audit/audit-log";
import type { AppContext } from "../context";
import { loadPractice, userNames } from "../policy/policy-store";
import { accessIncident, loadDisciplinary } from "./incident-store";

/** The letter of `kind` for a case's disciplinary process, with what its file name needs. */
export async function disciplinaryLetterOf(
  ctx: AppContext,
  practiceId: string,
  incidentId: string,
  actor: { userId: string },
  kind: LetterKind,
): Promise<{ letter: Letter; practiceSlug: string; caseNumber: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const { incident } = await accessIncident(trx, practiceId, incidentId, actor, "view");
    const d = await loadDisciplinary(trx, incident.id);
    if (!d) throw new AppError("conflict", "This case has no disciplinary process, so it has no letters.");
    const c = d.case;
    const names = await userNames(trx, [
      c.subjectId,
      c.investigatorId,
      c.deciderId,
      c.invitation?.sentBy ?? null,
      c.decision?.decidedBy ?? null,
      c.appeal?.heardBy ?? null,
    ]);
    const practice = await loadPractice(trx, practiceId);
    const letter = disciplinaryLetter(kind, c, {
      practiceName: practice.name,
      nameOf: (id) => (id ? (names.get(id) ?? "a former member") : "the practice"),
    });
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: "incident.letter-made",
        targetType: "incident",
        targetId: incident.id,
        details: { letter: kind },
      },
      ctx.now(),
    );
    return { letter, practiceSlug: practice.slug, caseNumber: incident.number };
  });
}
