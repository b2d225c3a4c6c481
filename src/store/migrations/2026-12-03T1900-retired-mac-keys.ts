import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * `safepost secrets rotate` (issue 9, part 7): recovery codes are stored as keyed hashes, which cannot be
 * recomputed under a new key without the codes themselves. The keyed-hash sub-key of each retired key is kept
 * here, sealed under the current key, so codes issued before a rotation still work; new codes use the new key.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("retired_mac_keys")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("key_enc", "text", (c) => c.notNull())
    .addColumn("retired_at", "timestamptz", (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("retired_mac_keys").execute();
}
