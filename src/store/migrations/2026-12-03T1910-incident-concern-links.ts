import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * A concern raised from the inbox keeps the comment it is about, and any concern may keep what the checker found
 * (rule, reason, severity and clause codes, never the words it read).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("incidents")
    .addColumn("concern_comment_id", "uuid", (c) => c.references("inbox_comments.id").onDelete("set null"))
    .addColumn("concern_findings", "jsonb")
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("incidents")
    .dropColumn("concern_findings")
    .dropColumn("concern_comment_id")
    .execute();
}
