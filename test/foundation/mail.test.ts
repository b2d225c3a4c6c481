import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import type { OpenDatabase } from "../../src/store/database";
import { openFromTemplate } from "../support/template";
import { createMailer } from "../../src/mail/mailer";

describe("email", () => {
  let database: OpenDatabase;
  let server: SMTPServer;
  let port: number;
  const received: { to: string[]; data: string }[] = [];
  before(async () => {
    database = await openFromTemplate();
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        let data = "";
        stream.on("data", (c: Buffer) => (data += c.toString("utf8")));
        stream.on("end", () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await database.close();
  });

  it("sends through a real SMTP server when SMTP_URL is set, and keeps a copy marked sent", async () => {
    const mailer = createMailer(database.db, {
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: "safepost <no-reply@oak.example>",
    });
    await mailer.send({ to: "jo@oak.example", subject: "Hello from safepost", text: "A test message." });
    assert.equal(received.length, 1);
    assert.deepEqual(received[0]!.to, ["jo@oak.example"]);
    assert.match(received[0]!.data, /Subject: Hello from safepost/);
    const kept = await database.db
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", "jo@oak.example")
      .executeTakeFirstOrThrow();
    assert.equal(kept.status, "sent");
  });

  it("without SMTP the mail is kept in the outbox for an admin to read", async () => {
    const mailer = createMailer(database.db, { from: "safepost <no-reply@oak.example>" });
    await mailer.send({ to: "kept@oak.example", subject: "Kept", text: "Body" });
    const kept = await database.db
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", "kept@oak.example")
      .executeTakeFirstOrThrow();
    assert.equal(kept.status, "kept");
  });

  it("a mail server that refuses is recorded as failed, not lost", async () => {
    const mailer = createMailer(database.db, {
      smtpUrl: "smtp://127.0.0.1:1",
      from: "safepost <no-reply@oak.example>",
    });
    await mailer.send({ to: "failed@oak.example", subject: "Nope", text: "Body" });
    const kept = await database.db
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", "failed@oak.example")
      .executeTakeFirstOrThrow();
    assert.equal(kept.status, "failed");
    assert.ok(kept.error);
  });
});
