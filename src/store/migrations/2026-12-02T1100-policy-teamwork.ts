import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Consultation and approval as a team works: the editor answers a comment and marks it resolved; an approver
 * can send the draft back with a note saying what to change (kept per revision, so the history stays).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("policy_comments")
    .addColumn("reply", "text")
    .addColumn("replied_by", "uuid", (c) => c.references("users.id"))
    .addColumn("replied_at", "timestamptz")
    .addColumn("resolved_by", "uuid", (c) => c.references("users.id"))
    .addColumn("resolved_at", "timestamptz")
    .execute();
  await db.schema
    .createTable("policy_change_requests")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("version_id", "uuid", (c) => c.notNull().references("policy_versions.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("policy_change_requests_version")
    .on("policy_change_requests")
    .columns(["version_id", "created_at"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("policy_change_requests").ifExists().execute();
  await db.schema
    .alterTable("policy_comments")
    .dropColumn("reply")
    .dropColumn("replied_by")
    .dropColumn("replied_at")
    .dropColumn("resolved_by")
    .dropColumn("resolved_at")
    .execute();
}
