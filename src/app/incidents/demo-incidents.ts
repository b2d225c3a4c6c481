// Demo setup: the demo practice's register starts with one closed conduct case and one open personal data
// breach whose 72-hour clock is running, so a newcomer sees both. Every detail is invented. Each goes through
// the same use cases a person would use.
import type { AppContext } from "../context";
import { addIncidentAction, openIncident, updateIncident } from "./cases";

/** The demo's practice manager and receptionist (src/app/demo/ensure-demo.ts creates them). */
const MANAGER = "manager@riverside.example";
const RECEPTION = "reception@riverside.example";
const HOUR = 3_600_000;

export async function demoIncidents(ctx: AppContext, practiceId: string): Promise<void> {
  const people = await ctx.db
    .selectFrom("users")
    .select(["id", "email"])
    .where("email", "in", [MANAGER, RECEPTION])
    .execute();
  const manager = people.find((p) => p.email === MANAGER);
  const reception = people.find((p) => p.email === RECEPTION);
  if (!manager || !reception) return;
  const admin = { userId: manager.id };

  const conduct = await openIncident(ctx, practiceId, admin, {
    type: "conduct",
    title: "Demo: a personal post complained about the surgery's queue (invented)",
    summary:
      "An invented example. A member of staff posted on their own account about a busy morning; no patient was named.",
    subjectIds: [reception.id],
    investigatorIds: [],
    clauses: [],
  });
  await addIncidentAction(ctx, practiceId, conduct.id, admin, {
    note: "Talked it through with the member; they took the post down the same day.",
  });
  await updateIncident(ctx, practiceId, conduct.id, admin, {
    status: "closed",
    reason: null,
    outcome:
      "Resolved informally: post removed, the policy's section on personal accounts read again together.",
  });

  await openIncident(ctx, practiceId, admin, {
    type: "confidentiality-breach",
    title: "Demo: a reply on the practice page mentioned an appointment (invented)",
    summary:
      "An invented example. A reply to a comment on the practice's page said when a named person's appointment was. It was deleted within the hour.",
    subjectIds: [],
    investigatorIds: [],
    clauses: [],
    awareAt: new Date(ctx.now().getTime() - 20 * HOUR).toISOString(),
  });
}
