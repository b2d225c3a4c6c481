import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * My accounts: each member's private self-check of their personal social media accounts (their answers, whether
 * they let the practice manager see that they completed it, and when they did), and the platforms a practice adds
 * to the seven everyone checks.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("my_account_platforms")
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("added_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("my_account_platforms_pkey", ["practice_id", "key"])
    .execute();
  await db.schema
    .createTable("my_account_checks")
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("answers", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("share_completion", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("completed_at", "timestamptz")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("my_account_checks_pkey", ["practice_id", "user_id"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("my_account_checks").execute();
  await db.schema.dropTable("my_account_platforms").execute();
}
