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

function postgres(url: string): DatabaseKind {
  return {
    name: "postgres",
    async open() {
      const schema = `t_${randomBytes(6).toString("hex")}`;
      const opened = await openDatabase({ url, schema, jobs });
      return {
        ...opened,
        another: () => openDatabase({ url, schema, jobs }),
        async close() {
          await opened.close();
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
            await client.query(`DROP SCHEMA IF EXISTS "${schema}_jobs" CASCADE`);
          } finally {
            await client.end();
          }
        },
      };
    },
  };
}

/** PGlite always; a PostgreSQL server too when DATABASE_URL is set. Run storage suites over each. */
export const databaseKinds: DatabaseKind[] = process.env.DATABASE_URL
  ? [pglite, postgres(process.env.DATABASE_URL)]
  : [pglite];
