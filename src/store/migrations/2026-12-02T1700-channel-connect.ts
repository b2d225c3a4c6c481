import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Connecting a practice's platform accounts (issue 9, part 7): the practice's own API app credentials per
 * platform (entered in Settings, or registered by safepost itself on a Mastodon instance), and the short-lived
 * request between "Connect" and the platform's answer (its state hashed, its PKCE verifier encrypted).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("channel_app_credentials")
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    // facebook (also used for Instagram) | x | linkedin | mastodon
    .addColumn("platform", "text", (c) => c.notNull())
    // The Mastodon instance's origin (https://mastodon.example); "" for the other platforms
    .addColumn("instance", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("client_id", "text", (c) => c.notNull())
    // Sealed with the installation's secret key (src/app/auth/secret-box.ts); null for a public client
    .addColumn("client_secret_enc", "text")
    // true when safepost registered the app itself (Mastodon's POST /api/v1/apps)
    .addColumn("registered", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("channel_app_credentials_pk", ["practice_id", "platform", "instance"])
    .execute();

  await db.schema
    .createTable("channel_connect_requests")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    // sha-256 of the state sent to the platform: the row is found by the answer, the state itself is not kept
    .addColumn("state_hash", "text", (c) => c.notNull().unique())
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    // The channel being reconnected; null for a new one
    .addColumn("channel_id", "uuid")
    .addColumn("instance", "text")
    // The PKCE code verifier, sealed and bound to this row's id
    .addColumn("verifier_enc", "text", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("channel_connect_requests_expiry")
    .on("channel_connect_requests")
    .column("expires_at")
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("channel_connect_requests").execute();
  await db.schema.dropTable("channel_app_credentials").execute();
}
