import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type OpenDatabase } from "../../src/store/database";
import { openFromTemplate } from "./template";

export interface DatabaseKind {
  name: "pglite" | "postgres";
  /** A fresh, empty, migrated database (PostgreSQL: a schema of its own, dropped by close()). */
  open(): Promise<OpenDatabase>;
}

const pglite: DatabaseKind = { name: "pglite", open: openFromTemplate };

function postgres(url: string): DatabaseKind {
  return {
    name: "postgres",
    async open() {
      const schema = `t_${randomBytes(6).toString("hex")}`;
      const opened = await openDatabase({ url, schema });
      return {
        ...opened,
        async close() {
          await opened.close();
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
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
