import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Config } from "./config";
import type { AppContext } from "./app/context";
import { openDatabase, type OpenDatabase } from "./store/database";
import { createMailer } from "./mail/mailer";
import { lockDataFolder } from "./store/data-folder-lock";
import { assertDataFolder, unpackFirstStartTemplate } from "./store/first-start";
import { loadSecretKey } from "./app/auth/secret-key";

export { DataFolderInUse } from "./store/data-folder-lock";
export { NotADataFolder } from "./store/first-start";

export interface Runtime {
  ctx: AppContext;
  database: OpenDatabase;
  close(): Promise<void>;
}

/** The platform apps the environment names (a client id, with its secret when given). */
function platformAppsOf(config: Config): Record<string, { clientId: string; clientSecret?: string }> {
  const apps: Record<string, { clientId: string; clientSecret?: string }> = {};
  const pairs = {
    facebook: [config.SAFEPOST_FACEBOOK_CLIENT_ID, config.SAFEPOST_FACEBOOK_CLIENT_SECRET],
    x: [config.SAFEPOST_X_CLIENT_ID, config.SAFEPOST_X_CLIENT_SECRET],
    linkedin: [config.SAFEPOST_LINKEDIN_CLIENT_ID, config.SAFEPOST_LINKEDIN_CLIENT_SECRET],
  };
  for (const [platform, [clientId, clientSecret]] of Object.entries(pairs))
    if (clientId) apps[platform] = { clientId, ...(clientSecret ? { clientSecret } : {}) };
  return apps;
}

/** Where the secret key file is (used when SAFEPOST_SECRET_KEY is not set). */
export const keyFileOf = (config: Config): string =>
  config.SAFEPOST_KEY_FILE ?? join(dirname(config.SAFEPOST_DATA_DIR), "secret.key");

/** Opens the configured database (migrating it) and wires the application context. */
export async function openRuntime(
  config: Config,
  options: { supervise?: boolean; log?: (line: string) => void } = {},
): Promise<Runtime> {
  let unlock = async (): Promise<void> => {};
  if (!config.DATABASE_URL) {
    assertDataFolder(config.SAFEPOST_DATA_DIR);
    mkdirSync(config.SAFEPOST_DATA_DIR, { recursive: true });
    const release = lockDataFolder(config.SAFEPOST_DATA_DIR);
    unlock = async () => release();
  }
  let database: OpenDatabase;
  const jobs = { supervise: options.supervise ?? false, ...(options.log ? { log: options.log } : {}) };
  try {
    if (!config.DATABASE_URL) await unpackFirstStartTemplate(config.SAFEPOST_DATA_DIR);
    database = await openDatabase(
      config.DATABASE_URL ? { url: config.DATABASE_URL, jobs } : { dataDir: config.SAFEPOST_DATA_DIR, jobs },
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
    secretKey: loadSecretKey({
      secretKey: config.SAFEPOST_SECRET_KEY,
      keyFile: keyFileOf(config),
    }),
    platformApps: platformAppsOf(config),
    ...(config.SAFEPOST_FACEBOOK_WEBHOOK_VERIFY_TOKEN
      ? { facebookWebhookVerifyToken: config.SAFEPOST_FACEBOOK_WEBHOOK_VERIFY_TOKEN }
      : {}),
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
