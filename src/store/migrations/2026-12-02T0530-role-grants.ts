import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * When each of a member's roles was granted ({"approver": "2026-…"}), for separation of duties: a role granted
 * after a policy version went out for consultation does not count for that version. Existing roles are dated
 * from when the membership began, the earliest they can have been held.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("memberships")
    .addColumn("role_granted_at", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await sql`
    update memberships m
    set role_granted_at = coalesce(
      (select jsonb_object_agg(r, to_jsonb(m.created_at)) from unnest(m.roles) as r),
      '{}'::jsonb
    )
  `.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("memberships").dropColumn("role_granted_at").execute();
}
