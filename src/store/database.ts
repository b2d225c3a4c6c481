import { Kysely, PostgresDialect, sql, type Dialect } from "kysely";
import { Migrator } from "kysely/migration";
import { PGliteDialect } from "kysely-pglite-dialect";
import { PGlite, types } from "@electric-sql/pglite";
import pg from "pg";
import type { Database } from "./schema";
import { migrations } from "./migrations/index";
import { openJobQueue, type JobQueue, type JobQueueOptions } from "../jobs/queue";

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  /** postgres://… runs on a PostgreSQL server; otherwise embedded PGlite. */
  url?: string | undefined;
  /** Folder for the embedded database; omitted means in memory (tests). */
  dataDir?: string | undefined;
  /** PostgreSQL schema to use (tests isolate themselves in a schema of their own). */
  schema?: string | undefined;
  /** The job queue: whether this instance supervises it (the server does), and its clock (tests). */
  jobs?: Pick<JobQueueOptions, "supervise" | "clock" | "log">;
  /** PGlite only: start from this copy of a data folder (from `dump()`) instead of an empty one. */
  from?: Blob | undefined;
}

export interface OpenDatabase {
  db: Db;
  kind: "pglite" | "postgres";
  /** The durable job queue (pg-boss) in the same database, in a schema of its own. */
  jobs: JobQueue;
  /** PGlite only: a consistent copy of the whole data folder (an uncompressed tar), taken between queries. */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

// Dates and bigints come back as JS values we can compare; bigint (int8) stays a string to keep precision.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

/** PGlite's shared buffers (see openDatabase). */
export const PGLITE_SHARED_BUFFERS = "16MB";

/** Opens the database and brings its schema up to date. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<OpenDatabase> {
  let dialect: Dialect;
  let kind: OpenDatabase["kind"];
  let closeExtra = async (): Promise<void> => {};
  let pgliteInstance: PGlite | undefined;
  let dump: OpenDatabase["dump"];
  if (options.url) {
    const searchPath = options.schema ? `-c search_path=${options.schema}` : undefined;
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 10,
      ...(searchPath ? { options: searchPath } : {}),
    });
    if (options.schema) {
      const client = await pool.connect();
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
      } catch (err) {
        // IF NOT EXISTS is not safe under concurrency: another instance may create it a moment before us.
        if ((err as { code?: string }).code !== "23505") throw err;
      } finally {
        client.release();
      }
    }
    dialect = new PostgresDialect({ pool });
    kind = "postgres";
  } else {
    // int8 stays a string, as with pg above, so both databases return the same values.
    const pgliteOptions = {
      parsers: { [types.INT8]: (v: string) => v },
      // PostgreSQL's default 128 MB of shared buffers all live in this process's memory under PGlite; a
      // practice's database is a few megabytes, and the files it reads stay in the operating system's cache.
      startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
      ...(options.from ? { loadDataDir: options.from } : {}),
    };
    const pglite = options.dataDir ? new PGlite(options.dataDir, pgliteOptions) : new PGlite(pgliteOptions);
    await pglite.waitReady;
    pgliteInstance = pglite;
    dialect = new PGliteDialect(pglite);
    kind = "pglite";
    closeExtra = async () => {
      if (!pglite.closed) await pglite.close();
    };
    dump = async () => {
      // A checkpoint first, so a copy starts without replaying the write-ahead log.
      await pglite.exec("CHECKPOINT");
      return pglite.dumpDataDir("none");
    };
  }
  const db = new Kysely<Database>({ dialect });
  let jobs: JobQueue;
  try {
    await migrate(db);
    jobs = await openJobQueue({
      ...options.jobs,
      db,
      ...(pgliteInstance ? { pglite: pgliteInstance } : { url: options.url! }),
      schema: options.schema ? `${options.schema}_jobs` : "pgboss",
    });
  } catch (err) {
    await db.destroy().catch(() => {});
    await closeExtra().catch(() => {});
    throw err;
  }
  return {
    db,
    kind,
    jobs,
    ...(dump ? { dump } : {}),
    async close() {
      await jobs.close();
      await db.destroy();
      await closeExtra();
    },
  };
}

/** Runs every pending migration. Safe to run from several instances at once (Kysely takes a lock). */
export async function migrate(db: Db): Promise<string[]> {
  // Kysely looks for its own tables in every schema unless told which one: name the schema in use, so
  // another schema in the same database (a second installation, a parallel test) is never mistaken for ours.
  const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
    ?.schema;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** True when the database answers. */
export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
