import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Images for practice posts (issue 9), as safepost will send them: already checked by content, resized and
 * stripped of metadata. The bytes live in the database (bytea) rather than in a folder beside it: images are
 * small once resized (well under a megabyte as a rule), a backup of the database then holds every image its
 * posts name, and several app instances on one PostgreSQL server see the same images with no shared disk.
 * Alt text belongs to the post that uses an image (post_image_links), not to the image.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("post_images")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("uploaded_by", "uuid", (c) => c.notNull().references("users.id"))
    // The sha-256 (hex) of exactly the bytes stored and sent, for the archive
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("bytes", "bytea", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("post_images_practice")
    .on("post_images")
    .columns(["practice_id", "created_at"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("post_images").ifExists().execute();
}
