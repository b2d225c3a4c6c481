import { mkdirSync } from "node:fs";
import lockfile from "proper-lockfile";
import type { Config } from "./config";
import type { AppContext } from "./app/context";
import { openDatabase, type OpenDatabase } from "./store/database";
import { createMailer } from "./mail/mailer";

export interface Runtime {
  ctx: AppContext;
  database: OpenDatabase;
  close(): Promise<void>;
}

/** Raised when another safepost process already has the embedded database's data folder open. */
export class DataFolderInUse extends Error {
  constructor(dataDir: string) {
    super(
      `another safepost process is using the data folder ${dataDir}. Stop it first (the embedded database ` +
        `cannot be shared), or run safepost on a PostgreSQL server with DATABASE_URL.`,
    );
  }
}

/**
 * Takes the embedded database's data folder for this process alone: PGlite cannot be shared between
 * processes, so a second `safepost` (say `audit verify` beside a running server) is refused, not let in.
 * The lock is released on close, and goes stale by itself if the process dies.
 */
async function lockDataFolder(dataDir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, {
      stale: 10_000,
      update: 2_000,
      realpath: false,
      // The library's default throws, which would stop a running server; say so instead.
      onCompromised: () => {
        process.stderr.write(
          `safepost: the lock on ${dataDir} was lost; do not start a second safepost on it.\n`,
        );
      },
    });
  } catch (err) {
    if ((err as { code?: string }).code === "ELOCKED") throw new DataFolderInUse(dataDir);
    throw err;
  }
}

/** Opens the configured database (migrating it) and wires the application context. */
export async function openRuntime(config: Config, options: { supervise?: boolean } = {}): Promise<Runtime> {
  let unlock = async (): Promise<void> => {};
  if (!config.DATABASE_URL) {
    mkdirSync(config.SAFEPOST_DATA_DIR, { recursive: true });
    unlock = await lockDataFolder(config.SAFEPOST_DATA_DIR);
  }
  let database: OpenDatabase;
  try {
    database = await openDatabase(
      config.DATABASE_URL
        ? { url: config.DATABASE_URL, jobs: { supervise: options.supervise ?? false } }
        : { dataDir: config.SAFEPOST_DATA_DIR, jobs: { supervise: options.supervise ?? false } },
    );
  } catch (err) {
    await unlock();
    throw err;
  }
  const ctx: AppContext = {
    db: database.db,
    jobs: database.jobs,
    mailer: createMailer(database.db, database.jobs, { smtpUrl: config.SMTP_URL, from: config.SMTP_FROM }),
    now: () => new Date(),
    baseUrl: config.baseUrl,
  };
  return {
    ctx,
    database,
    async close() {
      await database.close();
      await unlock();
    },
  };
}
