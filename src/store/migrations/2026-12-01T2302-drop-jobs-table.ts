import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Jobs now live in pg-boss (its own schema). The home-made `jobs` table goes: nothing reads it any more, and
 * the reminders it held (acknowledgement rounds and review reminders) are found afresh by the daily
 * `policy.reminders` schedule, which dedupes against policy_notices, so nobody is mailed twice or missed.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.dropTable("jobs").ifExists().execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("jobs")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addColumn("run_at", "timestamptz", (c) => c.notNull())
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "timestamptz")
    .addColumn("done_at", "timestamptz")
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("jobs_due").on("jobs").columns(["done_at", "run_at"]).execute();
}
