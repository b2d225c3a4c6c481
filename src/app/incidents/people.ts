// The people on a case: each must be an active member of the practice, and nobody may both be a subject of the
// case and investigate it.
import { sql } from "kysely";
import { AppError } from "../../core/errors";
import { isUuid } from "../../core/ids";
import type { Db } from "../../store/database";

/** Refuses ids that are not active members of the practice (the form field is named). */
export async function checkMembers(
  db: Db,
  practiceId: string,
  ids: readonly string[],
  field: string,
): Promise<void> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return;
  const refuse = () =>
    new AppError("invalid-input", "Choose people from this practice's staff.", {
      [field]: "Someone chosen is not a current member of the practice",
    });
  if (!wanted.every(isUuid)) throw refuse();
  const rows = await db
    .selectFrom("memberships")
    .select("user_id")
    .where("practice_id", "=", practiceId)
    .where("deactivated_at", "is", null)
    .where("user_id", "in", wanted)
    .execute();
  if (rows.length !== wanted.length) throw refuse();
}

/** Checks and writes the people of a case (replacing those given). */
export async function writePeople(
  trx: Db,
  practiceId: string,
  incidentId: string,
  people: { subjectIds?: readonly string[] | undefined; investigatorIds?: readonly string[] | undefined },
  at: Date,
): Promise<void> {
  const current = await trx
    .selectFrom("incident_people")
    .select(["user_id", "role"])
    .where("incident_id", "=", incidentId)
    .execute();
  const subjects = people.subjectIds ?? current.filter((p) => p.role === "subject").map((p) => p.user_id);
  const investigators =
    people.investigatorIds ?? current.filter((p) => p.role === "investigator").map((p) => p.user_id);
  if (people.subjectIds) await checkMembers(trx, practiceId, subjects, "subjectIds");
  if (people.investigatorIds) await checkMembers(trx, practiceId, investigators, "investigatorIds");
  if (subjects.some((s) => investigators.includes(s)))
    throw new AppError("invalid-input", "A member the case is about cannot investigate it.", {
      investigatorIds: "Remove the member the case is about from the investigators",
    });
  await trx.deleteFrom("incident_people").where("incident_id", "=", incidentId).execute();
  const rows = [
    ...[...new Set(subjects)].map((user_id) => ({
      incident_id: incidentId,
      user_id,
      role: "subject",
      added_at: at,
    })),
    ...[...new Set(investigators)].map((user_id) => ({
      incident_id: incidentId,
      user_id,
      role: "investigator",
      added_at: at,
    })),
  ];
  if (rows.length) await trx.insertInto("incident_people").values(rows).execute();
}

/** Adds people as investigators of a case when they are not already (a disciplinary investigator and decider). */
export async function addInvestigators(
  trx: Db,
  incidentId: string,
  ids: readonly string[],
  at: Date,
): Promise<void> {
  for (const user_id of new Set(ids))
    await trx
      .insertInto("incident_people")
      .values({ incident_id: incidentId, user_id, role: "investigator", added_at: at })
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/** Serialises the numbering of one practice's cases. */
export async function lockPracticeIncidents(trx: Db, practiceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(69636173, hashtext(${practiceId}))`.execute(trx);
}
