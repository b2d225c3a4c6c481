import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** Evidence files on an incident case (issue 11): the bytes, their SHA-256 and the type read from their content. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("incident_evidence")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("incident_id", "uuid", (c) => c.notNull().references("incidents.id").onDelete("cascade"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("bytes", "bytea", (c) => c.notNull())
    .addColumn("uploaded_by", "uuid", (c) => c.references("users.id"))
    .addColumn("uploaded_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("incident_evidence_incident")
    .on("incident_evidence")
    .columns(["incident_id"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("incident_evidence").ifExists().execute();
}
