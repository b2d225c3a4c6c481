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
  /**
   * Set when the mail carries a link that acts as a key (a password reset, an invitation): what the outbox
   * shows instead of the body, e.g. "A password reset link was sent to jo@oak.example.". Nobody but the
   * addressee may read such a link, so its body is kept only until it is sent, and never stored at all when
   * no mail server is configured.
   */
  confidential?: string;
}

export interface Mailer {
  /**
   * True when mail really leaves the machine (SMTP is configured). Without it (the demo, a trial) mail is
   * only kept in the outbox, and confidential mail is not kept at all.
   */
  readonly delivers: boolean;
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
 * A confidential mail's body is erased the moment it is sent (or at once when there is no mail server).
 */
export function createMailer(
  db: Db,
  jobs: JobQueue,
  options: { smtpUrl?: string | undefined; from: string },
): Mailer {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  const finish = (outboxId: string, status: "sent" | "kept", confidential: boolean) =>
    db
      .updateTable("outbox")
      .set(confidential ? { status, error: null, body: "" } : { status, error: null })
      .where("id", "=", outboxId)
      .execute();
  return {
    delivers: transport !== null,
    async send(mail, trx = db) {
      const confidential = mail.confidential !== undefined;
      const row = await trx
        .insertInto("outbox")
        .values({
          practice_id: mail.practiceId ?? null,
          to_address: mail.to,
          subject: mail.subject,
          // Without a mail server a confidential body could only ever be read by someone other than the addressee.
          body: confidential && !transport ? "" : mail.text,
          status: "queued",
          error: null,
          confidential,
          summary: mail.confidential ?? null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await jobs.enqueue(trx, "mail.send", { outboxId: row.id, practiceId: mail.practiceId ?? null });
    },
    async deliver(outboxId) {
      const mail = await db.selectFrom("outbox").selectAll().where("id", "=", outboxId).executeTakeFirst();
      if (!mail || mail.status === "sent" || mail.status === "kept") return; // already done: a re-run sends nothing
      if (!transport || (mail.confidential && !mail.body)) {
        await finish(outboxId, "kept", mail.confidential);
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
      await finish(outboxId, "sent", mail.confidential);
    },
  };
}
