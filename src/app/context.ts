import type { Db } from "../store/database";
import type { Mailer } from "../mail/mailer";

/** What every use case receives: the database, the mailer, the clock and the public address. */
export interface AppContext {
  db: Db;
  mailer: Mailer;
  /** The current time; tests pass a fixed or movable clock. */
  now: () => Date;
  /** Public address of the web app, for links in emails (no trailing slash). */
  baseUrl: string;
}
