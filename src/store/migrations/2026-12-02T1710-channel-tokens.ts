import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * When a connected channel's access token expires (the refresh job renews it before then), who connected it
 * and when, and when its last refresh failed.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("channels")
    .addColumn("token_expires_at", "timestamptz")
    .addColumn("connected_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("connected_at", "timestamptz")
    .addColumn("refresh_failed_at", "timestamptz")
    .execute();
  await db.schema.createIndex("channels_token_expiry").on("channels").column("token_expires_at").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("channels_token_expiry").execute();
  await db.schema
    .alterTable("channels")
    .dropColumn("token_expires_at")
    .dropColumn("connected_by")
    .dropColumn("connected_at")
    .dropColumn("refresh_failed_at")
    .execute();
}
