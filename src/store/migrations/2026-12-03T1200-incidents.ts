import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The incident register (issue 11): each case, the people on it (the member or members it is about and the
 * investigators an admin names), its timeline, a personal data breach's record (when the practice became aware,
 * every change to that with its reason, the NHS grading, the decision to report or not, whether people were
 * told, the DSPT report's fields, which reminder went last) and the disciplinary steps, kept in order and
 * replayed through the core's state machine (src/core/incidents/disciplinary.ts).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("incidents")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    // A short number per practice people can say out loud ("case 3")
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    // reported | open | closed
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("owner_id", "uuid", (c) => c.references("users.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    // The policy clause ids concerned (from the checker's clause map)
    .addColumn("clauses", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("outcome", "text")
    // The concern as reported: what kind, where, what the reporter saw, text they chose to include
    .addColumn("reported_by", "uuid", (c) => c.references("users.id"))
    .addColumn("concern_kind", "text")
    .addColumn("concern_url", "text")
    .addColumn("concern_seen", "text")
    .addColumn("concern_text", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addColumn("closed_at", "timestamptz")
    .addUniqueConstraint("incidents_practice_number", ["practice_id", "number"])
    .execute();
  await db.schema
    .createIndex("incidents_practice_status")
    .on("incidents")
    .columns(["practice_id", "status"])
    .execute();

  await db.schema
    .createTable("incident_people")
    .addColumn("incident_id", "uuid", (c) => c.notNull().references("incidents.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id"))
    // subject | investigator
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("added_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("incident_people_pk", ["incident_id", "user_id", "role"])
    .execute();
  await db.schema.createIndex("incident_people_user").on("incident_people").columns(["user_id"]).execute();

  await db.schema
    .createTable("incident_actions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("seq", "bigint", (c) => c.notNull().generatedAlwaysAsIdentity())
    .addColumn("incident_id", "uuid", (c) => c.notNull().references("incidents.id").onDelete("cascade"))
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .addColumn("actor_id", "uuid", (c) => c.references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .execute();
  await db.schema
    .createIndex("incident_actions_incident")
    .on("incident_actions")
    .columns(["incident_id", "seq"])
    .execute();

  await db.schema
    .createTable("incident_breaches")
    .addColumn("incident_id", "uuid", (c) => c.primaryKey().references("incidents.id").onDelete("cascade"))
    .addColumn("aware_at", "timestamptz", (c) => c.notNull())
    .addColumn("likelihood", "integer")
    .addColumn("severity", "integer")
    .addColumn("vulnerable_group", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("graded_at", "timestamptz")
    .addColumn("graded_by", "uuid", (c) => c.references("users.id"))
    // report | not-report
    .addColumn("decision", "text")
    .addColumn("decision_reasons", "text")
    .addColumn("decided_at", "timestamptz")
    .addColumn("decided_by", "uuid", (c) => c.references("users.id"))
    .addColumn("dspt_reference", "text")
    // told | not-told
    .addColumn("people_told", "text")
    .addColumn("people_told_note", "text")
    .addColumn("people_told_at", "timestamptz")
    // { whatHappened, dataCategories, peopleAffected, recordsAffected, contact, consequences, measures }
    .addColumn("report_fields", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // How many of the clock's points (24 h, 48 h, 60 h, overdue) have been mailed: a compare-and-set counter
    .addColumn("reminders_sent", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("incident_aware_changes")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("incident_id", "uuid", (c) => c.notNull().references("incidents.id").onDelete("cascade"))
    .addColumn("from_at", "timestamptz", (c) => c.notNull())
    .addColumn("to_at", "timestamptz", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("changed_by", "uuid", (c) => c.references("users.id"))
    .addColumn("changed_at", "timestamptz", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("disciplinary_cases")
    .addColumn("incident_id", "uuid", (c) => c.primaryKey().references("incidents.id").onDelete("cascade"))
    .addColumn("subject_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("investigator_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("decider_id", "uuid", (c) => c.notNull().references("users.id"))
    // The stage after the last step (kept for lists; the steps are the record)
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("disciplinary_steps")
    .addColumn("incident_id", "uuid", (c) =>
      c.notNull().references("disciplinary_cases.incident_id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    // A DisciplinaryStep as JSON (instants as ISO strings)
    .addColumn("step", "jsonb", (c) => c.notNull())
    .addColumn("recorded_by", "uuid", (c) => c.references("users.id"))
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("disciplinary_steps_pk", ["incident_id", "position"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    "disciplinary_steps",
    "disciplinary_cases",
    "incident_aware_changes",
    "incident_breaches",
    "incident_actions",
    "incident_people",
    "incidents",
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
