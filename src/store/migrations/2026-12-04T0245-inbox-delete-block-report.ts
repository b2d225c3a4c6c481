// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = import("kysely").Kysely<any>;

/**
 * Deleting, blocking and reporting from the inbox (issue 10, part 5): when safepost deleted a comment on its
 * platform, blocked its author from the practice's account, or reported it to the platform's moderators. Each
 * action's evidence record (inbox_evidence, action delete | block | report) is written before the platform is
 * called; these columns say what the platform then did.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("inbox_comments")
    .addColumn("deleted_at", "timestamptz")
    .addColumn("author_blocked_at", "timestamptz")
    .addColumn("reported_at", "timestamptz")
    .execute();
}
