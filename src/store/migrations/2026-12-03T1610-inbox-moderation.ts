import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Comments from the platforms, hiding with evidence, retention (issue 10, parts 1, 5 and 6):
 * - inbox_comments keeps the platform's raw record, the author's profile and the comment's own address (all
 *   purged with the text), and whether it is hidden on the platform now.
 * - inbox_evidence: one record per hide, unhide or delete, written before the platform is called; immutable
 *   (a trigger refuses UPDATE and any DELETE but the cascade of deleting the whole practice) and hash-chained
 *   per practice: each record carries the previous record's hash.
 * - inbox_poll_state: where each channel's last poll stopped (the platform's cursor) and how it went.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("inbox_comments")
    .addColumn("platform_raw", "jsonb")
    .addColumn("author_url", "text")
    .addColumn("platform_url", "text")
    .addColumn("platform_post_id", "text")
    .addColumn("hidden_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("inbox_evidence")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    // Consecutive from 1 within the practice's evidence chain
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("comment_id", "uuid", (c) => c.notNull().references("inbox_comments.id").onDelete("cascade"))
    .addColumn("conversation_id", "uuid", (c) => c.notNull())
    // hide | unhide | delete
    .addColumn("action", "text", (c) => c.notNull())
    // A reason code (src/core/inbox/evidence.ts) and the member's own note, if any
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("actor_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("channel_kind", "text", (c) => c.notNull())
    .addColumn("platform_id", "text")
    .addColumn("platform_raw", "jsonb")
    // The comment as the practice saw it, rendered as plain text
    .addColumn("rendered", "text", (c) => c.notNull())
    .addColumn("author_handle", "text", (c) => c.notNull())
    .addColumn("author_url", "text")
    .addColumn("comment_url", "text")
    .addColumn("received_at", "timestamptz", (c) => c.notNull())
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addUniqueConstraint("inbox_evidence_chain", ["practice_id", "seq"])
    .execute();
  await db.schema.createIndex("inbox_evidence_comment").on("inbox_evidence").column("comment_id").execute();
  await sql`
    create function inbox_evidence_immutable() returns trigger language plpgsql as $$
    begin
      -- Deleting a whole practice cascades here from inside another trigger; nothing else may change a record.
      if tg_op = 'DELETE' and pg_trigger_depth() > 1 then return old; end if;
      raise exception 'evidence records cannot be changed or deleted';
    end $$`.execute(db);
  await sql`create trigger inbox_evidence_immutable before update or delete on inbox_evidence
    for each row execute function inbox_evidence_immutable()`.execute(db);

  await db.schema
    .createTable("inbox_poll_state")
    .addColumn("channel_id", "uuid", (c) => c.primaryKey().references("channels.id").onDelete("cascade"))
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("cursor", "text")
    .addColumn("polled_at", "timestamptz")
    // ok | failed: the plain sentence of the last failure, never a comment's words
    .addColumn("outcome", "text")
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("inbox_poll_state").ifExists().execute();
  await db.schema.dropTable("inbox_evidence").ifExists().execute();
  await sql`drop function if exists inbox_evidence_immutable()`.execute(db);
  for (const c of ["platform_raw", "author_url", "platform_url", "platform_post_id", "hidden_at"])
    await db.schema.alterTable("inbox_comments").dropColumn(c).execute();
}
