import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Replies to patients (issue 10, part 4):
 * - inbox_reply_templates: the practice's own templates, one or more per inbox category, which the admin
 *   writes, archives and may mark pre-approved. The built-in replies are seeded once per practice (builtin_key
 *   unique per practice, so two first uses at once seed once).
 * - inbox_replies: one reply to a conversation, from its draft to the platform: the words, the template it
 *   started from and whether it was edited, the checker's verdict (codes only), the author and the approver,
 *   its state, and the platform's id and address once sent. One reply under way per conversation.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("inbox_reply_templates")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("pre_approved", "boolean", (c) => c.notNull().defaultTo(false))
    // Which built-in reply it was seeded from (null for the practice's own)
    .addColumn("builtin_key", "text")
    .addColumn("archived_at", "timestamptz")
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("inbox_reply_templates_builtin")
    .on("inbox_reply_templates")
    .columns(["practice_id", "builtin_key"])
    .unique()
    .where(sql.ref("builtin_key"), "is not", null)
    .execute();

  await db.schema
    .createTable("inbox_replies")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("conversation_id", "uuid", (c) =>
      c.notNull().references("inbox_conversations.id").onDelete("cascade"),
    )
    // The comment it answers (the conversation's latest when it was written)
    .addColumn("comment_id", "uuid", (c) => c.notNull().references("inbox_comments.id").onDelete("cascade"))
    .addColumn("template_id", "uuid", (c) => c.references("inbox_reply_templates.id").onDelete("set null"))
    .addColumn("text", "text", (c) => c.notNull())
    // Whether the words differ from the template as filled in
    .addColumn("edited", "boolean", (c) => c.notNull())
    // Sent without a second person: an unedited pre-approved template
    .addColumn("pre_approved", "boolean", (c) => c.notNull().defaultTo(false))
    // Whether safepost sends it (the channel answers comments) or a person posts it by hand
    .addColumn("by_hand", "boolean", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("verdict", "text", (c) => c.notNull())
    // The checker's findings as rule/reason/severity, never a copy of the words
    .addColumn("findings", "jsonb", (c) => c.notNull())
    .addColumn("author_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("approved_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("approved_at", "timestamptz")
    .addColumn("changes_note", "text")
    .addColumn("changes_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    // The plain sentence of the last failure or unknown outcome
    .addColumn("outcome_message", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("platform_id", "text")
    .addColumn("url", "text")
    .addColumn("sent_at", "timestamptz")
    .addColumn("sent_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("inbox_replies_conversation")
    .on("inbox_replies")
    .columns(["conversation_id", "created_at"])
    .execute();
  // One reply under way per conversation, also when two people submit at once.
  await sql`create unique index inbox_replies_one_open on inbox_replies (conversation_id)
    where state not in ('sent', 'replaced')`.execute(db);
  await db.schema
    .createIndex("inbox_replies_practice_state")
    .on("inbox_replies")
    .columns(["practice_id", "state"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("inbox_replies").ifExists().execute();
  await db.schema.dropTable("inbox_reply_templates").ifExists().execute();
}
