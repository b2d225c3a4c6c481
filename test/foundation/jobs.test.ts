import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds, type TestDatabase } from "../support/databases";
import { TestClock, testContext } from "../support/context";
import { Client, seedPractice, testServer } from "../support/http";
import { createMailer } from "../../src/mail/mailer";
import { runDueJobs } from "../../src/jobs/runner";
import { publishRow } from "../../src/app/policy/approve-publish";
import { loadVersion } from "../../src/app/policy/policy-store";
import { policyTemplate } from "../../src/core/policy";
import { purgeExpired } from "../../src/app/retention/purge-expired";
import type { AppContext } from "../../src/app/context";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

for (const kind of databaseKinds) {
  describe(`background jobs (${kind.name})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await kind.open();
    });
    after(async () => {
      await database.close();
    });

    it("refuses an unknown job name or a bad payload, at compile time and with a clear error", async () => {
      const { jobs, db } = database;
      await assert.rejects(
        // @ts-expect-error: there is no such job
        jobs.enqueue(db, "mail.sned", { outboxId: "x" }),
        /There is no job called "mail\.sned"/,
      );
      await assert.rejects(
        // @ts-expect-error: outboxId must be a string id and practiceId is required
        jobs.enqueue(db, "mail.send", { outboxId: 42 }),
        /The payload of job "mail\.send" is not valid: outboxId .*; practiceId/,
      );
    });

    it("a policy published in a transaction that rolls back enqueues nothing; a committed one asks everyone", async () => {
      const ctx = testContext(database);
      const { practice } = await seedPractice(ctx, "rollback");
      const publishIn = (trx: typeof ctx.db) =>
        trx
          .insertInto("policy_versions")
          .values({
            practice_id: practice.id,
            major: 1,
            minor: 0,
            change_kind: "major",
            status: "approved",
            changelog: "First version.",
            document: JSON.stringify(policyTemplate()),
            created_at: ctx.now(),
            last_edited_at: ctx.now(),
            approved_at: ctx.now(),
          })
          .returning("id")
          .executeTakeFirstOrThrow()
          .then(async (row) =>
            publishRow(trx, ctx, await loadVersion(trx, practice.id, row.id), null, "2027-11-21"),
          );
      await assert.rejects(
        ctx.db.transaction().execute(async (trx) => {
          await publishIn(trx);
          throw new Error("the publication fails after the job was enqueued");
        }),
        /publication fails/,
      );
      assert.equal(await runDueJobs(ctx), 0, "no job was left behind");
      const outbox = () =>
        ctx.db.selectFrom("outbox").select("id").where("practice_id", "=", practice.id).execute();
      assert.equal((await outbox()).length, 0);
      await ctx.db.transaction().execute(publishIn);
      await runDueJobs(ctx);
      assert.equal((await outbox()).length, 5, "one acknowledgement request per member");
    });

    it("shows an admin their practice's failed jobs in plain words, and lets them retry and cancel; another practice gets 404", async () => {
      const clock = new TestClock();
      const base = testContext(database, clock);
      const ctx: AppContext = {
        ...base,
        // A mail server that is never there: every attempt fails.
        mailer: createMailer(database.db, database.jobs, {
          smtpUrl: "smtp://127.0.0.1:1",
          from: "t@x.example",
        }),
      };
      const a = await seedPractice(ctx, "failing");
      const b = await seedPractice(ctx, "other");
      await ctx.mailer.send({
        practiceId: a.practice.id,
        to: "patient.secret@x.example",
        subject: "Hi",
        text: "T",
      });
      for (let i = 0; i < 8; i++) {
        await runDueJobs(ctx);
        clock.advance(2 * HOUR);
      }
      const app = await testServer(ctx);
      try {
        const adminA = new Client(app, "10.9.0.1");
        await adminA.signIn(a.people.admin.email);
        const list = await adminA.get(`/api/practices/${a.practice.id}/jobs`);
        assert.equal(list.status, 200);
        const jobs = (list.body as { jobs: { id: string; state: string; error: string; label: string }[] })
          .jobs;
        assert.equal(jobs.length, 1);
        assert.equal(jobs[0]!.state, "failed");
        assert.equal(jobs[0]!.label, "Send an email");
        assert.equal(jobs[0]!.error, "The connection to the mail server failed.");
        assert.ok(!list.text.includes("patient.secret"), "no personal data in the answer");
        const id = jobs[0]!.id;

        const adminB = new Client(app, "10.9.0.2");
        await adminB.signIn(b.people.admin.email);
        assert.deepEqual((await adminB.get(`/api/practices/${b.practice.id}/jobs`)).body, { jobs: [] });
        assert.equal((await adminB.post(`/api/practices/${b.practice.id}/jobs/${id}/retry`)).status, 404);
        assert.equal((await adminB.post(`/api/practices/${b.practice.id}/jobs/${id}/cancel`)).status, 404);
        assert.equal((await adminB.get(`/api/practices/${a.practice.id}/jobs`)).status, 404);
        const staffA = new Client(app, "10.9.0.3");
        await staffA.signIn(a.people.staff.email);
        assert.equal((await staffA.get(`/api/practices/${a.practice.id}/jobs`)).status, 403);

        assert.equal((await adminA.post(`/api/practices/${a.practice.id}/jobs/${id}/retry`)).status, 204);
        assert.equal(await runDueJobs(ctx), 1, "the retried job runs again");
        const again = (await adminA.get(`/api/practices/${a.practice.id}/jobs`)).body as {
          jobs: { state: string }[];
        };
        assert.equal(again.jobs.length, 1, "it failed again and waits to retry");
        assert.equal((await adminA.post(`/api/practices/${a.practice.id}/jobs/${id}/cancel`)).status, 204);
        assert.deepEqual((await adminA.get(`/api/practices/${a.practice.id}/jobs`)).body, { jobs: [] });
        clock.advance(DAY);
        assert.equal(await runDueJobs(ctx), 0, "a cancelled job never runs");
        const audit = await ctx.db
          .selectFrom("audit_log")
          .select("action")
          .where("practice_id", "=", a.practice.id)
          .execute();
        assert.ok(
          audit.some((e) => e.action === "job.retried") && audit.some((e) => e.action === "job.cancelled"),
        );
      } finally {
        await app.close();
      }
    });

    it("the retention purge removes expired sessions, old attempts, spent links and old mail bodies, and keeps the rest", async () => {
      const clock = new TestClock();
      const ctx = testContext(database, clock);
      const { practice, people } = await seedPractice(ctx, "purge");
      const now = clock.now();
      const ago = (days: number) => new Date(now.getTime() - days * DAY);
      await ctx.db
        .insertInto("sessions")
        .values([
          { id: "expired-session", user_id: people.staff.id, csrf_token: "c", expires_at: ago(1) },
          { id: "live-session", user_id: people.staff.id, csrf_token: "c", expires_at: ago(-1) },
        ])
        .execute();
      await ctx.db
        .insertInto("login_attempts")
        .values([
          { email: "old@purge.example", address: "10.0.0.1", succeeded: false, at: ago(40) },
          { email: "new@purge.example", address: "10.0.0.1", succeeded: false, at: ago(1) },
        ])
        .execute();
      await ctx.db
        .insertInto("password_resets")
        .values([
          { token_hash: "used", user_id: people.staff.id, expires_at: ago(-1), used_at: ago(0) },
          { token_hash: "expired", user_id: people.staff.id, expires_at: ago(1) },
          { token_hash: "live", user_id: people.staff.id, expires_at: ago(-1) },
        ])
        .execute();
      await ctx.db
        .insertInto("outbox")
        .values([
          {
            practice_id: practice.id,
            to_address: "a@purge.example",
            subject: "Old",
            body: "old body",
            status: "sent",
            created_at: ago(91),
          },
          {
            practice_id: practice.id,
            to_address: "b@purge.example",
            subject: "New",
            body: "new body",
            status: "sent",
            created_at: ago(89),
          },
          {
            practice_id: practice.id,
            to_address: "c@purge.example",
            subject: "Stuck link",
            body: "a link the mail server never took",
            status: "failed",
            confidential: true,
            created_at: ago(9),
          },
          {
            practice_id: practice.id,
            to_address: "d@purge.example",
            subject: "Waiting link",
            body: "a link still being retried",
            status: "failed",
            confidential: true,
            created_at: ago(1),
          },
        ])
        .execute();
      const counts = await purgeExpired(ctx, { outboxBodyDays: 90 });
      assert.ok(counts.sessions >= 1 && counts.loginAttempts >= 1 && counts.passwordResets >= 2);
      const sessions = await ctx.db
        .selectFrom("sessions")
        .select("id")
        .where("user_id", "=", people.staff.id)
        .execute();
      assert.deepEqual(
        sessions.map((s) => s.id),
        ["live-session"],
      );
      const attempts = await ctx.db
        .selectFrom("login_attempts")
        .select("email")
        .where("email", "like", "%@purge.example")
        .execute();
      assert.deepEqual(
        attempts.map((a) => a.email),
        ["new@purge.example"],
      );
      const resets = await ctx.db
        .selectFrom("password_resets")
        .select("token_hash")
        .where("user_id", "=", people.staff.id)
        .execute();
      assert.deepEqual(
        resets.map((r) => r.token_hash),
        ["live"],
      );
      const mails = await ctx.db
        .selectFrom("outbox")
        .select(["subject", "body"])
        .where("practice_id", "=", practice.id)
        .orderBy("subject")
        .execute();
      assert.deepEqual(mails, [
        { subject: "New", body: "new body" },
        { subject: "Old", body: "" },
        { subject: "Stuck link", body: "" },
        { subject: "Waiting link", body: "a link still being retried" },
      ]);
    });
  });
}
