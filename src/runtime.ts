import { mkdirSync } from "node:fs";
import type { Config } from "./config";
import type { AppContext } from "./app/context";
import { openDatabase, type OpenDatabase } from "./store/database";
import { createMailer } from "./mail/mailer";

export interface Runtime {
  ctx: AppContext;
  database: OpenDatabase;
  close(): Promise<void>;
}

/** Opens the configured database (migrating it) and wires the application context. */
export async function openRuntime(config: Config): Promise<Runtime> {
  if (!config.DATABASE_URL) mkdirSync(config.SAFEPOST_DATA_DIR, { recursive: true });
  const database = await openDatabase(
    config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.SAFEPOST_DATA_DIR },
  );
  const ctx: AppContext = {
    db: database.db,
    mailer: createMailer(database.db, { smtpUrl: config.SMTP_URL, from: config.SMTP_FROM }),
    now: () => new Date(),
    baseUrl: config.baseUrl,
  };
  return { ctx, database, close: () => database.close() };
}
