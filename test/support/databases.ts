import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type OpenDatabase } from "../../src/store/database";
import { openFromTemplate } from "./template";

/** An open test database that can open a second app instance onto the same data. */
export interface TestDatabase extends OpenDatabase {
  /**
   * Another app instance on the same data, with its own job queue (PostgreSQL: its own connections and
   * pg-boss; PGlite, which one process owns alone: the same instance again). Close it before the first.
   */
  another(): Promise<OpenDatabase>;
}

export interface DatabaseKind {
  name: "pglite" | "postgres";
  /** A fresh, empty, migrated database (PostgreSQL: a schema of its own, dropped by close()). */
  open(): Promise<TestDatabase>;
}

// Tests move time by hand, so the job queue's clock follows the test's (see runDueJobs).
const jobs = { clock: "test" } as const;

const pglite: DatabaseKind = {
  name: "pglite",
  async open() {
    const opened = await openFromTemplate(jobs);
    return { ...opened, another: async () => ({ ...opened, close: async () => {} }) };
  },
};

/**
 * Kysely's migrator lists the tables of every schema in the database; a schema that another test file drops at
 * that moment fails the listing ("schema … does not exist"). Opening (which migrates) holds a shared advisory
 * lock and dropping an exclusive one, so test files on one server never catch each other half-gone.
 */
const SCHEMA_LOCK = 7_270_001;

export async function withSchemaLock<T>(
  url: string,
  mode: "shared" | "exclusive",
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      mode === "shared" ? "SELECT pg_advisory_lock_shared($1)" : "SELECT pg_advisory_lock($1)",
      [SCHEMA_LOCK],
    );
    return await fn(client);
  } finally {
    await client.end(); // ends the session, and with it the lock
  }
}

/**
 * Opens the app's database in `schema` (created and migrated if new), safe beside other test files. Closing
 * holds the exclusive lock too: stopping the job queue drops the table its test clock kept, and a listing
 * in another file's migration must not catch that table half-gone.
 */
export async function openTestSchema(url: string, schema: string): Promise<OpenDatabase> {
  const opened = await withSchemaLock(url, "shared", () => openDatabase({ url, schema, jobs }));
  return { ...opened, close: () => withSchemaLock(url, "exclusive", () => opened.close()) };
}

/** Drops a test's schema and its job queue's schema. */
export const dropTestSchema = (url: string, schema: string): Promise<void> =>
  withSchemaLock(url, "exclusive", async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_jobs" CASCADE`);
  });

function postgres(url: string): DatabaseKind {
  return {
    name: "postgres",
    async open() {
      const schema = `t_${randomBytes(6).toString("hex")}`;
      const opened = await openTestSchema(url, schema);
      return {
        ...opened,
        another: () => openTestSchema(url, schema),
        async close() {
          await opened.close();
          await dropTestSchema(url, schema);
        },
      };
    },
  };
}

/** PGlite always; a PostgreSQL server too when DATABASE_URL is set. Run storage suites over each. */
export const databaseKinds: DatabaseKind[] = process.env.DATABASE_URL
  ? [pglite, postgres(process.env.DATABASE_URL)]
  : [pglite];
