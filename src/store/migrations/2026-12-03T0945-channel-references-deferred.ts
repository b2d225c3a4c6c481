import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * A post's channels and deliveries point at channels. Removing a whole practice removes its channels and its
 * posts together, and the order PostgreSQL cascades in could leave a post's channel row checked before the
 * post's own removal reached it. The references are checked at commit instead, when everything that goes has
 * gone; a channel alone still cannot be removed while a post names it.
 */
export async function up(db: AnyDb): Promise<void> {
  for (const table of ["post_channels", "deliveries"]) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_channel_id_fkey`)}`.execute(
      db,
    );
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_channel_id_fkey`)}
      foreign key (channel_id) references channels (id) deferrable initially deferred`.execute(db);
  }
}
