import type { Db } from "../store/database";
import type { Mailer } from "../mail/mailer";
import type { JobQueue } from "../jobs/queue";

/** What every use case receives: the database, the job queue, the mailer, the clock and the public address. */
export interface AppContext {
  db: Db;
  /** Background jobs (pg-boss); enqueue inside the transaction of the change that causes the job. */
  jobs: JobQueue;
  mailer: Mailer;
  /** The current time; tests pass a fixed or movable clock. */
  now: () => Date;
  /** Public address of the web app, for links in emails (no trailing slash). */
  baseUrl: string;
  /** The installation's 32-byte key for secrets at rest (src/app/auth/secret-key.ts); the runtime always sets it. */
  secretKey?: Buffer;
  /**
   * The installation's own API apps per platform (facebook, x, linkedin), from SAFEPOST_<PLATFORM>_CLIENT_ID and
   * _CLIENT_SECRET; a practice's own, entered in Settings, come first (src/app/channels/app-credentials.ts).
   */
  platformApps?: Readonly<Record<string, { clientId: string; clientSecret?: string }>>;
  /** The token Meta's webhook subscription check must echo (SAFEPOST_FACEBOOK_WEBHOOK_VERIFY_TOKEN). */
  facebookWebhookVerifyToken?: string;
}
