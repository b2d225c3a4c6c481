import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * "Waiting for you" by email. Each thing a member was mailed about is remembered until it is done, so it is
 * mailed once (also when two instances look at once), and again only if it comes back. A member may turn
 * off the emails that are not essential.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("waiting_notices")
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("notified_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("waiting_notices_pkey", ["practice_id", "user_id", "item_id"])
    .execute();
  await sql`alter table users add column optional_emails boolean not null default true`.execute(db);
}
