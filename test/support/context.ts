import type { AppContext } from "../../src/app/context";
import type { Mail, Mailer } from "../../src/mail/mailer";
import { createMailer } from "../../src/mail/mailer";
import type { Db } from "../../src/store/database";

/** A clock tests can move forward. */
export class TestClock {
  constructor(public current = new Date("2026-11-21T10:00:00Z")) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** A real context over a real database; mail goes to the real outbox table and is also collected here. */
export function testContext(
  db: Db,
  clock = new TestClock(),
): AppContext & { clock: TestClock; sent: Mail[] } {
  const sent: Mail[] = [];
  const outbox = createMailer(db, { from: "safepost <test@safepost.local>" });
  const mailer: Mailer = {
    async send(mail) {
      sent.push(mail);
      await outbox.send(mail);
    },
  };
  return { db, mailer, now: clock.now, baseUrl: "http://localhost:3000", clock, sent };
}
