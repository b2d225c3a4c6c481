import type { AppContext } from "../../src/app/context";
import type { Mail, Mailer } from "../../src/mail/mailer";
import { createMailer } from "../../src/mail/mailer";
import type { OpenDatabase } from "../../src/store/database";

/** A clock tests can move forward. */
export class TestClock {
  constructor(public current = new Date("2026-11-21T10:00:00Z")) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * A real context over a real database and its job queue; mail is queued in the real outbox table (sent when
 * the test runs the jobs, e.g. with runDueJobs) and is also collected here as it is queued.
 */
export function testContext(
  database: Pick<OpenDatabase, "db" | "jobs">,
  clock = new TestClock(),
): AppContext & { clock: TestClock; sent: Mail[] } {
  const sent: Mail[] = [];
  const outbox = createMailer(database.db, database.jobs, { from: "safepost <test@safepost.local>" });
  const mailer: Mailer = {
    delivers: outbox.delivers,
    async send(mail, db) {
      await outbox.send(mail, db);
      sent.push(mail);
    },
    deliver: (id) => outbox.deliver(id),
  };
  return {
    db: database.db,
    jobs: database.jobs,
    mailer,
    now: clock.now,
    baseUrl: "http://localhost:3000",
    clock,
    sent,
  };
}
