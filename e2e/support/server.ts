import type { FastifyInstance } from "fastify";
import type { AddressInfo } from "node:net";
import type { AppContext } from "../../src/app/context";
import { createMailer, type Mail, type Mailer } from "../../src/mail/mailer";
import { buildServer } from "../../src/server/app";
import type { OpenDatabase } from "../../src/store/database";
import { openFromTemplate } from "../../test/support/template";
import { runDueJobs, startJobWorkers } from "../../src/jobs/runner";
import { snapshotWebBuild } from "./build";

export interface TestServer {
  /** http://127.0.0.1:{port}, no trailing slash. */
  url: string;
  ctx: AppContext;
  /** Every mail as queued, with its full text: the addressees' mailboxes (the outbox never shows sign-in links). */
  mailbox: Mail[];
  app: FastifyInstance;
  database: OpenDatabase;
  /** With `testClock`: moves the server's clock (ctx.now) forward; the page's own clock stays the real one. */
  advance(ms: number): void;
  /** With `testClock`: runs every job due by the server's clock (publishing, mail) and returns how many ran. */
  runDueJobs(): Promise<number>;
  close(): Promise<void>;
}

/**
 * A real safepost server in this process: the built web app and the API over a fresh in-memory PGlite,
 * listening on a free port. Mail goes to the outbox table, as it does without SMTP.
 */
export async function startServer(
  options: {
    /** Run the durable job runner on the real clock. */
    jobs?: boolean;
    /** The server's clock is the real one plus what the test `advance`s, and jobs run when the test says. */
    testClock?: boolean;
  } = {},
): Promise<TestServer> {
  const web = snapshotWebBuild();
  // The system clock unless asked otherwise: the workers poll on real timers.
  const database = await openFromTemplate({ clock: options.testClock ? "test" : "system" });
  let offset = 0;
  const mailbox: Mail[] = [];
  const outbox = createMailer(database.db, database.jobs, { from: "safepost <e2e@safepost.local>" });
  const mailer: Mailer = {
    delivers: outbox.delivers,
    async send(mail, db) {
      await outbox.send(mail, db);
      mailbox.push(mail);
    },
    deliver: (id) => outbox.deliver(id),
  };
  const ctx: AppContext = {
    db: database.db,
    jobs: database.jobs,
    mailer,
    now: () => new Date(Date.now() + offset),
    baseUrl: "http://127.0.0.1",
  };
  const app = await buildServer(ctx, { logLevel: "silent", webRoot: web.dir });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  // Links in emails (invitations, password resets) must point at this server.
  ctx.baseUrl = url;
  if (options.jobs) await startJobWorkers(ctx, { outboxBodyDays: 90 });
  return {
    url,
    ctx,
    mailbox,
    app,
    database,
    advance(ms) {
      if (!options.testClock) throw new Error("startServer: advance needs { testClock: true }");
      offset += ms;
    },
    runDueJobs: () => runDueJobs(ctx),
    async close() {
      await app.close();
      await database.close();
      web.remove();
    },
  };
}
