import nodemailer from "nodemailer";
import type { Db } from "../store/database";
import type { JobQueue } from "../jobs/queue";
import { describeFailure } from "../jobs/failures";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The practice the mail is about; the practice admin sees it in the outbox. */
  practiceId?: string | null;
}

export interface Mailer {
  /**
   * Queues a mail: writes it to the outbox and enqueues the job that sends it, in `db` when given (pass the
   * transaction of the change that causes the mail, so a rolled-back change sends nothing). Never sends
   * inside the request.
   */
  send(mail: Mail, db?: Db): Promise<void>;
  /** Sends one queued mail (the `mail.send` job). Throws when SMTP fails, so the job retries with backoff. */
  deliver(outboxId: string): Promise<void>;
}

/**
 * Sends through SMTP when a URL is configured, else keeps the mail in the outbox table for an admin to read.
 * Either way the outbox row shows its status: "queued", then "sent" or "kept", or "failed" (retried later).
 */
export function createMailer(
  db: Db,
  jobs: JobQueue,
  options: { smtpUrl?: string | undefined; from: string },
): Mailer {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    async send(mail, trx = db) {
      const row = await trx
        .insertInto("outbox")
        .values({
          practice_id: mail.practiceId ?? null,
          to_address: mail.to,
          subject: mail.subject,
          body: mail.text,
          status: "queued",
          error: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await jobs.enqueue(trx, "mail.send", { outboxId: row.id, practiceId: mail.practiceId ?? null });
    },
    async deliver(outboxId) {
      const mail = await db.selectFrom("outbox").selectAll().where("id", "=", outboxId).executeTakeFirst();
      if (!mail || mail.status === "sent" || mail.status === "kept") return; // already done: a re-run sends nothing
      if (!transport) {
        await db
          .updateTable("outbox")
          .set({ status: "kept", error: null })
          .where("id", "=", outboxId)
          .execute();
        return;
      }
      try {
        await transport.sendMail({
          from: options.from,
          to: mail.to_address,
          subject: mail.subject,
          text: mail.body,
        });
      } catch (err) {
        await db
          .updateTable("outbox")
          .set({ status: "failed", error: describeFailure(err) })
          .where("id", "=", outboxId)
          .execute();
        throw err;
      }
      await db
        .updateTable("outbox")
        .set({ status: "sent", error: null })
        .where("id", "=", outboxId)
        .execute();
    },
  };
}
