import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * A consultation has a closing date (an ISO day, two weeks after it opens unless the admin chose another):
 * the home page and the consultation mail show it, and comments are invited until then.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("policy_versions").addColumn("consultation_closes_on", "text").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("policy_versions").dropColumn("consultation_closes_on").execute();
}
