import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Two-factor sign-in (docs/two-factor.md): each practice's requirement, authenticator-app secrets (encrypted),
 * recovery codes (hashed), passkeys, the short-lived sign-in challenges between password and second factor,
 * and "Sign in with NHSmail" (OpenID Connect) settings, states and linked identities.
 */
export async function up(db: AnyDb): Promise<void> {
  // "roles": admins, approvers and posters need a second factor; "everyone"; "off" (the demo practice only).
  await db.schema
    .alterTable("practices")
    .addColumn("two_factor", "text", (c) => c.notNull().defaultTo("roles"))
    .execute();
  // The demo practice that already exists keeps letting a newcomer in with a password alone.
  await sql`update practices set two_factor = 'off' where id::text in
    (select target_id from audit_log where action = 'demo.created' and target_id is not null)`.execute(db);

  await db.schema
    .createTable("totp_factors")
    .addColumn("user_id", "uuid", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("secret_enc", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "timestamptz")
    .addColumn("last_step", "bigint")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("recovery_codes")
    .addColumn("code_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("recovery_codes_user").on("recovery_codes").column("user_id").execute();

  await db.schema
    .createTable("passkeys")
    .addColumn("id", "text", (c) => c.primaryKey()) // the credential id, base64url
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("public_key", "text", (c) => c.notNull()) // base64url COSE key
    .addColumn("counter", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("transports", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz")
    .execute();
  await db.schema.createIndex("passkeys_user").on("passkeys").column("user_id").execute();

  // Between a correct password and the second factor: a cookie names one of these (stored hashed).
  await db.schema
    .createTable("sign_in_challenges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("method", "text", (c) => c.notNull()) // how the first step was passed: password or nhsmail
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("webauthn_challenge", "text")
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // A passkey being added by a signed-in person: the challenge the browser must sign.
  await db.schema
    .createTable("passkey_registrations")
    .addColumn("user_id", "uuid", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("challenge", "text", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("practice_oidc")
    .addColumn("practice_id", "uuid", (c) => c.primaryKey().references("practices.id").onDelete("cascade"))
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("client_secret_enc", "text")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("oidc_states")
    .addColumn("state_hash", "text", (c) => c.primaryKey())
    .addColumn("practice_id", "uuid", (c) => c.notNull().references("practices.id").onDelete("cascade"))
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("oidc_identities")
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("oidc_identities_pk", ["issuer", "subject"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    "oidc_identities",
    "oidc_states",
    "practice_oidc",
    "passkey_registrations",
    "sign_in_challenges",
    "passkeys",
    "recovery_codes",
    "totp_factors",
  ])
    await db.schema.dropTable(t).ifExists().execute();
  await db.schema.alterTable("practices").dropColumn("two_factor").execute();
}
