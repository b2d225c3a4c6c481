import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The inbox (issue 10): conversations (a thread with one person on one channel, with its status, assignee,
 * priority and the complaint acknowledgement deadline) and the comments in them, each triaged on arrival.
 * A platform's comment id is stored once per practice and channel kind, so two instances importing or polling
 * at once keep one row (INSERT … ON CONFLICT DO NOTHING). Replies, evidence records and moderation come later,
 * each in a table of its own pointing at a comment.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("inbox_conversations")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    // facebook | instagram | x | linkedin | bluesky | mastodon | website | other (src/core/inbox/types.ts)
    .addColumn("channel_kind", "text", (c) => c.notNull())
    .addColumn("channel_id", "uuid", (c) => c.references("channels.id").onDelete("set null"))
    .addColumn("post_id", "uuid", (c) => c.references("posts.id").onDelete("set null"))
    .addColumn("author_handle", "text", (c) => c.notNull())
    // new | in_progress | awaiting_approval | answered | closed
    .addColumn("status", "text", (c) => c.notNull().defaultTo("new"))
    .addColumn("category", "text", (c) => c.notNull())
    // urgent | high | normal | low
    .addColumn("priority", "text", (c) => c.notNull())
    .addColumn("assignee_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("received_at", "timestamptz", (c) => c.notNull())
    .addColumn("last_comment_at", "timestamptz", (c) => c.notNull())
    .addColumn("first_reply_at", "timestamptz")
    // For complaints: the UK day (ISO) by which the complaint must be acknowledged (3 working days)
    .addColumn("acknowledge_by", "text")
    .addColumn("closed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("inbox_conversations_practice")
    .on("inbox_conversations")
    .columns(["practice_id", "status", "last_comment_at"])
    .execute();
  await db.schema
    .createIndex("inbox_conversations_thread")
    .on("inbox_conversations")
    .columns(["practice_id", "channel_kind", "author_handle"])
    .execute();

  await db.schema
    .createTable("inbox_comments")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("conversation_id", "uuid", (c) =>
      c.notNull().references("inbox_conversations.id").onDelete("cascade"),
    )
    .addColumn("channel_kind", "text", (c) => c.notNull())
    .addColumn("channel_id", "uuid", (c) => c.references("channels.id").onDelete("set null"))
    // The platform's own id; null for pasted and imported comments
    .addColumn("platform_id", "text")
    .addColumn("post_id", "uuid", (c) => c.references("posts.id").onDelete("set null"))
    .addColumn("post_url", "text")
    .addColumn("author_handle", "text", (c) => c.notNull())
    // Null once the retention period has purged it (evidence records, later, keep their own copy)
    .addColumn("text", "text")
    .addColumn("received_at", "timestamptz", (c) => c.notNull())
    // paste | import | poll | webhook
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("checker_category", "text")
    .addColumn("priority", "text", (c) => c.notNull())
    // The route without the comment's words: hide, preserveEvidence, notify, pointTo, complaint, reasons
    .addColumn("route", "jsonb", (c) => c.notNull())
    // The checker's findings as codes only: [{ rule, reason, severity }]
    .addColumn("findings", "jsonb", (c) => c.notNull())
    .addColumn("reply_suggestion", "text", (c) => c.notNull())
    // Who was told at once (recipient kinds), when the comment arrived
    .addColumn("notified", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("text_purged_at", "timestamptz")
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await sql`create unique index inbox_comments_platform_id on inbox_comments (practice_id, channel_kind, platform_id)
    where platform_id is not null`.execute(db);
  await db.schema
    .createIndex("inbox_comments_conversation")
    .on("inbox_comments")
    .columns(["conversation_id", "received_at"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ["inbox_comments", "inbox_conversations"])
    await db.schema.dropTable(t).ifExists().execute();
}
