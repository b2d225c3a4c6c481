import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** The practice policy: versions (with their document), consultation comments, staff-rep decisions, acknowledgements, sent notices. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("policy_versions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("major", "integer", (c) => c.notNull())
    .addColumn("minor", "integer", (c) => c.notNull())
    .addColumn("change_kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("changelog", "text", (c) => c.notNull())
    .addColumn("document", "jsonb", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("based_on_id", "uuid", (c) => c.references("policy_versions.id"))
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("last_edited_by", "uuid", (c) => c.references("users.id"))
    .addColumn("last_edited_at", "timestamptz", (c) => c.notNull())
    .addColumn("consultation_started_at", "timestamptz")
    .addColumn("approved_by", "uuid", (c) => c.references("users.id"))
    .addColumn("approved_at", "timestamptz")
    .addColumn("published_by", "uuid", (c) => c.references("users.id"))
    .addColumn("published_at", "timestamptz")
    .addColumn("review_due", "text")
    .addColumn("superseded_at", "timestamptz")
    .addColumn("discarded_at", "timestamptz")
    .execute();
  // one number per practice (discarded drafts give theirs back), one published version, one open draft
  await sql`create unique index policy_versions_number on policy_versions (practice_id, major, minor) where status <> 'discarded'`.execute(
    db,
  );
  await sql`create unique index policy_versions_published on policy_versions (practice_id) where status = 'published'`.execute(
    db,
  );
  await sql`create unique index policy_versions_open on policy_versions (practice_id) where status in ('draft', 'consultation', 'approved')`.execute(
    db,
  );

  await db.schema
    .createTable("policy_comments")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("version_id", "uuid", (c) => c.notNull().references("policy_versions.id").onDelete("cascade"))
    .addColumn("clause_key", "text", (c) => c.notNull())
    .addColumn("clause_number", "text", (c) => c.notNull())
    .addColumn("clause_title", "text", (c) => c.notNull())
    .addColumn("author_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("policy_comments_version")
    .on("policy_comments")
    .columns(["version_id", "created_at"])
    .execute();

  await db.schema
    .createTable("policy_staff_rep_decisions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("version_id", "uuid", (c) => c.notNull().references("policy_versions.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("policy_staff_rep_version")
    .on("policy_staff_rep_decisions")
    .columns(["version_id", "created_at"])
    .execute();

  await db.schema
    .createTable("policy_acknowledgements")
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("major", "integer", (c) => c.notNull())
    .addColumn("version_id", "uuid", (c) => c.notNull().references("policy_versions.id"))
    .addColumn("acknowledged_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("policy_acknowledgements_pk", ["practice_id", "user_id", "major"])
    .execute();

  // A row per notice sent, written before the mail goes: a job that runs again never mails twice.
  await db.schema
    .createTable("policy_notices")
    .addColumn("dedupe_key", "text", (c) => c.primaryKey())
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("user_id", "uuid")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("sent_at", "timestamptz", (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    "policy_notices",
    "policy_acknowledgements",
    "policy_staff_rep_decisions",
    "policy_comments",
    "policy_versions",
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
