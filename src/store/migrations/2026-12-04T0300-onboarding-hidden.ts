import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The home page's "Getting started" list hidden for the whole practice by someone who may change its settings
 * (null: shown). Who hid it is kept so the page can say so.
 */
export async function up(db: AnyDb): Promise<void> {
  await sql`alter table practices add column onboarding_hidden_at timestamptz`.execute(db);
  await sql`alter table practices add column onboarding_hidden_by uuid references users(id) on delete set null`.execute(
    db,
  );
}

export async function down(db: AnyDb): Promise<void> {
  await sql`alter table practices drop column onboarding_hidden_by`.execute(db);
  await sql`alter table practices drop column onboarding_hidden_at`.execute(db);
}
