import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import type { OpenDatabase } from "../../src/store/database";
import { createMailer } from "../../src/mail/mailer";
import { runDueJobs } from "../../src/jobs/runner";
import type { AppContext } from "../../src/app/context";
import { databaseKinds } from "../support/databases";
import { TestClock } from "../support/context";

const HOUR = 3_600_000;

for (const kind of databaseKinds) {
  describe(`email, sent by a job (${kind.name})`, () => {
    let database: OpenDatabase;
    let server: SMTPServer;
    let port: number;
    let refuseNext = 0;
    const received: { to: string[]; data: string }[] = [];
    before(async () => {
      database = await kind.open();
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS"],
        onRcptTo(address, _session, callback) {
          if (refuseNext > 0) {
            refuseNext--;
            const err = Object.assign(new Error(`mailbox ${address.address} is full`), { responseCode: 452 });
            return callback(err);
          }
          callback();
        },
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

    const contextWith = (smtpUrl: string | undefined, clock = new TestClock()): AppContext => ({
      db: database.db,
      jobs: database.jobs,
      mailer: createMailer(database.db, database.jobs, { smtpUrl, from: "safepost <no-reply@oak.example>" }),
      now: clock.now,
      baseUrl: "http://localhost:3000",
    });
    const outboxRow = (to: string) =>
      database.db.selectFrom("outbox").selectAll().where("to_address", "=", to).executeTakeFirstOrThrow();

    it("queues the mail and sends it from a job through a real SMTP server, marking it sent", async () => {
      const ctx = contextWith(`smtp://127.0.0.1:${port}`);
      await ctx.mailer.send({
        to: "jo@oak.example",
        subject: "Hello from safepost",
        text: "A test message.",
      });
      assert.equal(received.length, 0, "nothing is sent while the request is being answered");
      assert.equal((await outboxRow("jo@oak.example")).status, "queued");
      await runDueJobs(ctx);
      assert.equal(received.length, 1);
      assert.deepEqual(received[0]!.to, ["jo@oak.example"]);
      assert.match(received[0]!.data, /Subject: Hello from safepost/);
      assert.equal((await outboxRow("jo@oak.example")).status, "sent");
      await runDueJobs(ctx);
      assert.equal(received.length, 1, "a sent mail is never sent again");
    });

    it("a confidential mail (a sign-in link) reaches its addressee and its body is erased once sent", async () => {
      const ctx = contextWith(`smtp://127.0.0.1:${port}`);
      assert.equal(ctx.mailer.delivers, true);
      await ctx.mailer.send({
        to: "key@oak.example",
        subject: "Reset",
        text: "Your link: http://localhost:3000/reset-password?token=abcdefghijkl",
        confidential: "A password reset link was sent to key@oak.example.",
      });
      assert.match((await outboxRow("key@oak.example")).body, /token=/, "kept until sent, for retries");
      await runDueJobs(ctx);
      assert.match(received.at(-1)!.data, /reset-password\?token=3Dabcdefghijkl|token=abcdefghijkl/);
      const row = await outboxRow("key@oak.example");
      assert.equal(row.status, "sent");
      assert.equal(row.body, "", "nothing is left to read once the mail server has it");
      assert.equal(row.summary, "A password reset link was sent to key@oak.example.");
    });

    it("without SMTP a confidential mail's body is never stored", async () => {
      const ctx = contextWith(undefined);
      assert.equal(ctx.mailer.delivers, false);
      await ctx.mailer.send({
        to: "nokey@oak.example",
        subject: "Reset",
        text: "Your link: http://localhost:3000/reset-password?token=abcdefghijkl",
        confidential: "A password reset link was sent to nokey@oak.example.",
      });
      assert.equal((await outboxRow("nokey@oak.example")).body, "");
      await runDueJobs(ctx);
      assert.equal((await outboxRow("nokey@oak.example")).status, "kept");
    });

    it("without SMTP the job keeps the mail in the outbox for an admin to read", async () => {
      const ctx = contextWith(undefined);
      await ctx.mailer.send({ to: "kept@oak.example", subject: "Kept", text: "Body" });
      await runDueJobs(ctx);
      assert.equal((await outboxRow("kept@oak.example")).status, "kept");
    });

    it("a refused mail is retried later with backoff, and its error is in plain words without the address", async () => {
      const clock = new TestClock();
      const ctx = contextWith(`smtp://127.0.0.1:${port}`, clock);
      refuseNext = 1;
      const before = received.length;
      await ctx.mailer.send({ to: "full@oak.example", subject: "Retry me", text: "Body" });
      await runDueJobs(ctx);
      const failed = await outboxRow("full@oak.example");
      assert.equal(failed.status, "failed");
      assert.ok(failed.error && !failed.error.includes("full@oak.example"), "no address in the error");
      const [job] = await ctx.jobs
        .problems("00000000-0000-4000-8000-000000000000")
        .then(() => database.jobs.fetch("mail.send", 1));
      assert.equal(job, undefined, "the retry waits for its backoff delay");
      clock.advance(2 * HOUR);
      await runDueJobs(ctx);
      assert.equal(received.length, before + 1);
      assert.equal((await outboxRow("full@oak.example")).status, "sent");
    });
  });
}
