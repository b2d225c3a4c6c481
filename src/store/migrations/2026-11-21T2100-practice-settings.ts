import { type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** A revision number on the practice, so two admins saving its settings at once cannot overwrite each other. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("practices")
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("practices").dropColumn("revision").execute();
}
