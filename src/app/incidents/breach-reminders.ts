// The breach clock's reminders: at 24, 48 and 60 hours after the practice became aware, and an alert at 72
// when no decision is recorded. A scheduled job looks every few minutes; each point is mailed once, even with
// two instances running or after a restart, because the mail is queued in the same transaction as a
// compare-and-set on the breach's `reminders_sent` counter: only the transaction that moves it sends.
import { breachReminders, formatBreachDeadline, hoursLeft } from "../../core/incidents/breach-clock";
import { BREACH_CLOCK_TYPES } from "../../core/incidents/types";
import type { AppContext } from "../context";
import { activeMembers } from "../policy/policy-store";
import { appendAudit } from "../audit/audit-log";

/** How many of the clock's points (24 h, 48 h, 60 h, overdue) have passed at `now`. */
export const pointsPassed = (awareAt: Date, now: Date): number =>
  breachReminders(awareAt).filter((p) => p.at.getTime() <= now.getTime()).length;

/** The job: mails the owner of every undecided breach whose next point has come. Returns how many were sent. */
export async function sendBreachReminders(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const open = await ctx.db
    .selectFrom("incident_breaches")
    .innerJoin("incidents", "incidents.id", "incident_breaches.incident_id")
    .select([
      "incidents.id",
      "incidents.practice_id",
      "incident_breaches.aware_at",
      "incident_breaches.reminders_sent",
    ])
    .where("incidents.status", "!=", "closed")
    // A case whose type was changed away from a breach keeps its record but runs no clock.
    .where("incidents.type", "in", [...BREACH_CLOCK_TYPES])
    .where("incident_breaches.decided_at", "is", null)
    .execute();
  let sent = 0;
  for (const b of open) {
    const due = pointsPassed(b.aware_at, now);
    if (
      due > b.reminders_sent &&
      (await remind(ctx, b.id, b.practice_id, b.aware_at, b.reminders_sent, due, now))
    )
      sent++;
  }
  return sent;
}

async function remind(
  ctx: AppContext,
  incidentId: string,
  practiceId: string,
  awareAt: Date,
  seen: number,
  due: number,
  now: Date,
): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable("incident_breaches")
      .set({ reminders_sent: due })
      .where("incident_id", "=", incidentId)
      .where("reminders_sent", "=", seen)
      .where("aware_at", "=", awareAt)
      .where("decided_at", "is", null)
      .returning("incident_id")
      .executeTakeFirst();
    if (!moved) return false;
    const incident = await trx
      .selectFrom("incidents")
      .select(["number", "owner_id"])
      .where("id", "=", incidentId)
      .executeTakeFirstOrThrow();
    const members = await activeMembers(trx, practiceId);
    const owner = members.find((m) => m.userId === incident.owner_id);
    const to = owner ? [owner] : members.filter((m) => m.roles.includes("admin"));
    const point = breachReminders(awareAt)[due - 1]!;
    const overdue = point.kind === "overdue";
    const left = hoursLeft(awareAt, now);
    const subject = overdue
      ? `Overdue: the 72-hour breach decision for case ${incident.number}`
      : `Breach clock: ${left} hours left to decide on case ${incident.number}`;
    const body = overdue
      ? `The 72 hours to decide whether to report the breach in case ${incident.number} to the ICO ran out at ${formatBreachDeadline(awareAt)}. Record the decision now, with its reasons, and if it is reported, why it is late.`
      : `${point.hours} hours have passed since the practice became aware of the breach in case ${incident.number}. The decision whether to report it to the ICO is due by ${formatBreachDeadline(awareAt)} (${left} hours left).`;
    for (const person of to)
      await ctx.mailer.send(
        {
          to: person.email,
          practiceId,
          subject,
          text: `${person.name},\n\n${body}\n\n${ctx.baseUrl}/practice/${practiceId}/incidents/${incidentId}\n`,
        },
        trx,
      );
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: null,
        action: "incident.breach-reminder-sent",
        targetType: "incident",
        targetId: incidentId,
        details: { point: overdue ? "overdue" : `${point.hours}h` },
      },
      now,
    );
    return true;
  });
}
