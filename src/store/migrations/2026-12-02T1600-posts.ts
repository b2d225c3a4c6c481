import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Practice posting (issue 9): the practice's channels, its posts (with the channels and images each goes to),
 * what happened to each post, and one delivery per post and channel, the unit the publishing job claims.
 * Images themselves live in `post_images` (the media migration); a post names them by id in
 * `post_image_links`, with the alt text written for this post.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("channels")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    // connected | reconnect-needed | not-connected
    .addColumn("status", "text", (c) => c.notNull().defaultTo("connected"))
    // null: the standard footer; "" for none
    .addColumn("footer", "text")
    .addColumn("max_chars", "integer")
    // { twoFactor, peopleWithAccess, recoveryEmail, lastReviewedOn } or null before the first review
    .addColumn("security", "jsonb")
    .addColumn("api_base", "text")
    .addColumn("account_id", "text")
    // The credentials as JSON, sealed with the installation's secret key (src/app/auth/secret-box.ts)
    .addColumn("credentials_enc", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("channels_practice").on("channels").columns(["practice_id", "kind"]).execute();
  // One website channel per practice (it is created on first use, possibly by two requests at once).
  await sql`create unique index channels_one_website on channels (practice_id) where kind = 'website'`.execute(
    db,
  );

  await db.schema
    .createTable("posts")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("link", "text")
    .addColumn("author_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("last_edited_by", "uuid", (c) => c.notNull().references("users.id"))
    // Bumped by every edit of what is sent (text, link, images, channels)
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("verdict", "text")
    .addColumn("override_reason", "text")
    .addColumn("submitted_at", "timestamptz")
    .addColumn("approved_by", "uuid", (c) => c.references("users.id"))
    .addColumn("approved_at", "timestamptz")
    // The verdict the approver saw, kept for the archive
    .addColumn("approved_verdict", "text")
    .addColumn("approval_voided", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("changes_note", "text")
    .addColumn("scheduled_at", "timestamptz")
    .addColumn("published_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("posts_practice_state").on("posts").columns(["practice_id", "state"]).execute();
  await db.schema
    .createIndex("posts_practice_scheduled")
    .on("posts")
    .columns(["practice_id", "scheduled_at"])
    .execute();

  await db.schema
    .createTable("post_channels")
    .addColumn("post_id", "uuid", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("channel_id", "uuid", (c) => c.notNull().references("channels.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("post_channels_pk", ["post_id", "channel_id"])
    .execute();

  await db.schema
    .createTable("post_image_links")
    .addColumn("post_id", "uuid", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    // post_images.id (the media migration's table; no foreign key, so the two migrations stand alone)
    .addColumn("image_id", "uuid", (c) => c.notNull())
    .addColumn("alt_text", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("post_image_links_pk", ["post_id", "position"])
    .execute();

  await db.schema
    .createTable("post_events")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The order events were written in (several can share one instant)
    .addColumn("seq", "bigint", (c) => c.notNull().generatedAlwaysAsIdentity())
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("post_id", "uuid", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .addColumn("actor_id", "uuid", (c) => c.references("users.id"))
    .addColumn("event", "text", (c) => c.notNull())
    // The approver's note with changes-requested; a delivery's channel name and so on
    .addColumn("note", "text")
    .execute();
  await db.schema.createIndex("post_events_post").on("post_events").columns(["post_id", "at"]).execute();

  await db.schema
    .createTable("deliveries")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("post_id", "uuid", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("channel_id", "uuid", (c) => c.notNull().references("channels.id"))
    // pending | scheduled | publishing | published | failed | needs-check | held | cancelled
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("claimed_at", "timestamptz")
    .addColumn("platform_id", "text")
    .addColumn("url", "text")
    .addColumn("error", "text")
    // The exact text, link and image ids sent (what was approved is what goes out, and what the archive keeps)
    .addColumn("sent_text", "text")
    .addColumn("sent_link", "text")
    .addColumn("published_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("deliveries_post_channel", ["post_id", "channel_id"])
    .execute();
  await db.schema.createIndex("deliveries_state").on("deliveries").columns(["state", "due_at"]).execute();
  await db.schema
    .createIndex("deliveries_practice")
    .on("deliveries")
    .columns(["practice_id", "state"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ["deliveries", "post_events", "post_image_links", "post_channels", "posts", "channels"])
    await db.schema.dropTable(t).ifExists().execute();
}
