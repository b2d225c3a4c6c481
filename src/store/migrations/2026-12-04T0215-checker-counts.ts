import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * What the checker caught, counted by month and rule for the oversight dashboard, when the practice turns it on
 * (`practices.checker_counts_since`, null: off). Counts only: no text, no person, no post or comment id.
 */
export async function up(db: AnyDb): Promise<void> {
  await sql`alter table practices add column checker_counts_since timestamptz`.execute(db);
  await db.schema
    .createTable("checker_monthly_runs")
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("runs", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("checker_monthly_runs_pkey", ["practice_id", "month"])
    .execute();
  await db.schema
    .createTable("checker_monthly_counts")
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("checker_monthly_counts_pkey", ["practice_id", "month", "rule"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("checker_monthly_counts").execute();
  await db.schema.dropTable("checker_monthly_runs").execute();
  await sql`alter table practices drop column checker_counts_since`.execute(db);
}
