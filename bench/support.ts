// What the database benchmarks share: an app context on an opened database, and removing the schemas a run
// made on the PostgreSQL server.
import pg from "pg";
import type { AppContext } from "../src/app/context";
import { createMailer } from "../src/mail/mailer";
import type { OpenDatabase } from "../src/store/database";

/** The app's context on a benchmark's database: mail kept in the outbox, the real clock. */
export const benchContext = (database: OpenDatabase): AppContext => ({
  db: database.db,
  jobs: database.jobs,
  mailer: createMailer(database.db, database.jobs, { from: "safepost <bench@safepost.local>" }),
  now: () => new Date(),
  baseUrl: "http://localhost:3000",
});

/** Drops a run's schema and its job queue's schema on the server. */
export async function dropBenchSchemas(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_jobs" CASCADE`);
  } finally {
    await client.end();
  }
}
