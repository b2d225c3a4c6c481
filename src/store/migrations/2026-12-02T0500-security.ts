import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Closing the security holes of issue 7:
 * - outbox: a mail that carries a sign-in link (reset, invitation) is `confidential`; the outbox shows its
 *   `summary`, never its body, and the body is dropped once sent. Bodies already stored with such a link
 *   are scrubbed here.
 * - login_attempts.throttled: an attempt refused by the throttle is not a failed guess (it does not
 *   lengthen the wait).
 * - at most one live invitation per email per practice (older duplicates are withdrawn first).
 * - demo_credentials: the demo practice's shared password, so `safepost demo show-password` can print it
 *   again; deleted with the demo practice.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("outbox")
    .addColumn("confidential", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.alterTable("outbox").addColumn("summary", "text").execute();
  await sql`update outbox set confidential = true, body = '',
      summary = 'A mail with a personal link was sent to ' || to_address || '.'
    where body like '%reset-password?token=%' or body like '%invite?token=%'`.execute(db);

  await db.schema
    .alterTable("login_attempts")
    .addColumn("throttled", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();

  await sql`update invites set revoked_at = now() where id in (
      select id from (
        select id, row_number() over (partition by practice_id, email order by created_at desc) as n
        from invites where accepted_at is null and revoked_at is null
      ) ranked where n > 1)`.execute(db);
  await sql`create unique index invites_one_live on invites (practice_id, email)
    where accepted_at is null and revoked_at is null`.execute(db);

  await db.schema
    .createTable("demo_credentials")
    .addColumn("practice_id", "uuid", (c) => c.primaryKey().references("practices.id").onDelete("cascade"))
    .addColumn("password", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("demo_credentials").ifExists().execute();
  await sql`drop index if exists invites_one_live`.execute(db);
  await db.schema.alterTable("login_attempts").dropColumn("throttled").execute();
  await db.schema.alterTable("outbox").dropColumn("summary").execute();
  await db.schema.alterTable("outbox").dropColumn("confidential").execute();
}
