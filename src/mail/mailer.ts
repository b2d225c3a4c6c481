import nodemailer from "nodemailer";
import type { Db } from "../store/database";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The practice the mail is about; the practice admin sees it in the outbox. */
  practiceId?: string | null;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/**
 * Sends through SMTP when a URL is configured, else keeps the mail in the outbox table for an admin to read.
 * Either way a copy is kept in the outbox with its status, so an admin can see what went out and what failed.
 */
export function createMailer(db: Db, options: { smtpUrl?: string | undefined; from: string }): Mailer {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    async send(mail) {
      let status = "kept";
      let error: string | null = null;
      if (transport) {
        try {
          await transport.sendMail({
            from: options.from,
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
          });
          status = "sent";
        } catch (err) {
          status = "failed";
          error = err instanceof Error ? err.message.slice(0, 500) : "unknown error";
        }
      }
      await db
        .insertInto("outbox")
        .values({
          practice_id: mail.practiceId ?? null,
          to_address: mail.to,
          subject: mail.subject,
          body: mail.text,
          status,
          error,
        })
        .execute();
    },
  };
}
