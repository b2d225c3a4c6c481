import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds, type TestDatabase } from "../support/databases";
import { TestClock, testContext } from "../support/context";
import { buildServer } from "../../src/server/app";
import type { Db } from "../../src/store/database";
import { runDueJobs } from "../../src/jobs/runner";
import {
  approveVersion,
  createDraft,
  publishVersion,
  recordStaffRepDecision,
  saveDraft,
  startConsultation,
} from "../../src/app/policy";
import { waitingFor } from "../../src/app/waiting/waiting";
import type { Role } from "../../src/core/roles";
import { grantedNow } from "../../src/app/members/role-grants";
import { policyCaller, seedPolicyPractice, sessionHeaders, type Who } from "./fixtures";

const DAY = 86_400_000;
const ROLES: Record<Who, Role[]> = {
  admin: ["admin", "staff"],
  approver: ["approver", "staff"],
  staff: ["staff"],
  rep: ["staff-rep", "staff"],
  poster: ["poster", "staff"],
};

/** The practice's mails in the outbox table (what really went through the queue), oldest first. */
const outbox = async (db: Db, practiceId: string) =>
  (
    await db
      .selectFrom("outbox")
      .select(["to_address", "subject", "body", "status", "created_at"])
      .where("practice_id", "=", practiceId)
      .orderBy("created_at")
      .execute()
  ).filter((m) => !m.subject.startsWith("Audit log digest"));

for (const kind of databaseKinds) {
  describe(`policy mail for consultation, approval and chasing (${kind.name})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await kind.open();
    });
    after(async () => {
      await database.close();
    });

    // The tests share one database and its job queue, whose clock only moves forward: each starts later.
    it("sending a draft out mails every active member the closing date, and asks the staff rep to respond", async () => {
      const clock = new TestClock(new Date("2026-12-02T10:00:00Z"));
      const ctx = testContext(database, clock);
      const { practice, users } = await seedPolicyPractice(ctx, "consult");
      const admin = { userId: users.admin.id };
      const d = await createDraft(ctx, practice.id, admin, { from: "template" });
      const v = await startConsultation(ctx, practice.id, d.id, admin);
      assert.equal(v.consultation_closes_on, "2026-12-16", "two weeks ahead by default");
      assert.equal((await outbox(ctx.db, practice.id)).length, 0, "nothing is mailed inside the request");

      await runDueJobs(ctx);
      const mails = await outbox(ctx.db, practice.id);
      assert.deepEqual(
        mails.map((m) => m.to_address).sort(),
        Object.values(users)
          .map((u) => u.email)
          .sort(),
      );
      assert.ok(
        mails.every((m) => m.status === "kept"),
        "each mail was delivered by its mail.send job",
      );
      const toStaff = mails.find((m) => m.to_address === users.staff.email)!;
      assert.equal(toStaff.subject, "Please comment on the draft social media policy by 16 December 2026");
      assert.match(toStaff.body, new RegExp(`/practice/${practice.id}/policy/versions/${d.id}`));
      const toRep = mails.find((m) => m.to_address === users.rep.email)!;
      assert.match(toRep.subject, /^Please respond, as staff representative/);
      assert.match(toRep.body, /agree with the draft or object/);
      assert.ok(
        !mails.some((m) => /approve/i.test(m.subject)),
        "not ready for approval before the rep agrees",
      );

      await runDueJobs(ctx);
      assert.equal((await outbox(ctx.db, practice.id)).length, 5, "a re-run mails nobody twice");
    });

    it("the approvers are asked once the staff rep agrees, and never the last editor", async () => {
      const clock = new TestClock(new Date("2026-12-02T10:30:00Z"));
      const ctx = testContext(database, clock);
      const { practice, users } = await seedPolicyPractice(ctx, "approvals");
      // The approver is a practice manager too, so they can edit the draft.
      const roles = ["admin", "approver", "staff"];
      await ctx.db
        .updateTable("memberships")
        .set({ roles, role_granted_at: grantedNow(roles, ctx.now()) })
        .where("user_id", "=", users.approver.id)
        .execute();
      clock.advance(1000);
      const admin = { userId: users.admin.id };
      const d = await createDraft(ctx, practice.id, admin, { from: "template" });
      await startConsultation(ctx, practice.id, d.id, admin, { closesOn: "2026-12-20" });
      await runDueJobs(ctx);
      await recordStaffRepDecision(ctx, practice.id, d.id, { userId: users.rep.id }, { decision: "agree" });
      await runDueJobs(ctx);
      let asks = (await outbox(ctx.db, practice.id)).filter((m) => /^Please approve/.test(m.subject));
      assert.deepEqual(
        asks.map((m) => m.to_address),
        [users.approver.email],
      );
      assert.equal(asks[0]!.subject, "Please approve the draft social media policy (version 1.0)");

      // The approver edits the draft: they are now its last editor, so they are not asked to approve it.
      const edited = await saveDraft(
        ctx,
        practice.id,
        d.id,
        { userId: users.approver.id },
        {
          revision: 1,
          changelog: "Tightened wording.",
        },
      );
      await recordStaffRepDecision(ctx, practice.id, d.id, { userId: users.rep.id }, { decision: "agree" });
      await runDueJobs(ctx);
      asks = (await outbox(ctx.db, practice.id)).filter((m) => /^Please approve/.test(m.subject));
      assert.equal(asks.length, 1, `nobody else can approve revision ${edited.revision}`);
    });

    it("with no staff rep, the approvers are asked as soon as the draft goes out", async () => {
      const ctx = testContext(database, new TestClock(new Date("2026-12-02T11:00:00Z")));
      const { practice, users } = await seedPolicyPractice(ctx, "norep");
      await ctx.db
        .updateTable("memberships")
        .set({ deactivated_at: ctx.now() })
        .where("user_id", "=", users.rep.id)
        .execute();
      const admin = { userId: users.admin.id };
      const d = await createDraft(ctx, practice.id, admin, { from: "template" });
      await startConsultation(ctx, practice.id, d.id, admin);
      await runDueJobs(ctx);
      const mails = await outbox(ctx.db, practice.id);
      assert.equal(mails.length, 5, "four consultation mails and one approval request");
      assert.deepEqual(
        mails.filter((m) => /^Please approve/.test(m.subject)).map((m) => m.to_address),
        [users.approver.email],
      );
      assert.ok(!mails.some((m) => m.to_address === users.rep.email), "a former member is not mailed");
    });

    it("the waiting list shows each role its step, and the step goes once it is done", async () => {
      const clock = new TestClock(new Date("2026-12-02T12:00:00Z"));
      const ctx = testContext(database, clock);
      const { practice, users } = await seedPolicyPractice(ctx, "waiting");
      const kinds = async (who: Who) =>
        (await waitingFor(ctx, { practiceId: practice.id, userId: users[who].id, roles: ROLES[who] }))
          .map((i) => i.kind)
          .filter((k) => k.startsWith("policy.")); // the policy's own items (My accounts waits for everyone)
      const admin = { userId: users.admin.id };
      const d = await createDraft(ctx, practice.id, admin, { from: "template" });
      assert.deepEqual(await kinds("staff"), [], "a draft not yet sent out asks nothing of staff");
      await startConsultation(ctx, practice.id, d.id, admin);
      const staffItems = (
        await waitingFor(ctx, {
          practiceId: practice.id,
          userId: users.staff.id,
          roles: ROLES.staff,
        })
      ).filter((i) => i.kind.startsWith("policy."));
      assert.equal(staffItems.length, 1);
      assert.equal(staffItems[0]!.kind, "policy.comment");
      assert.equal(staffItems[0]!.dueOn, "2026-12-16");
      assert.match(staffItems[0]!.description ?? "", /until 16 December 2026/);
      assert.deepEqual(await kinds("rep"), ["policy.comment", "policy.staff-rep"]);
      assert.deepEqual(await kinds("approver"), ["policy.comment"], "not ready before the rep agrees");

      await recordStaffRepDecision(ctx, practice.id, d.id, { userId: users.rep.id }, { decision: "agree" });
      assert.deepEqual(await kinds("rep"), ["policy.comment"]);
      assert.deepEqual(await kinds("approver"), ["policy.comment", "policy.approve"]);
      await approveVersion(ctx, practice.id, d.id, { userId: users.approver.id });
      assert.deepEqual(await kinds("approver"), []);
      assert.deepEqual(await kinds("admin"), ["policy.publish"]);
      await publishVersion(ctx, practice.id, d.id, admin, { reviewDue: "2027-06-01" });
      for (const who of ["admin", "staff", "rep"] as Who[])
        assert.deepEqual(await kinds(who), ["policy.acknowledge"], who);

      clock.current = new Date("2027-05-20T10:00:00Z");
      const review = (
        await waitingFor(ctx, { practiceId: practice.id, userId: users.admin.id, roles: ROLES.admin })
      ).find((i) => i.kind === "policy.review");
      assert.match(review?.description ?? "", /due on 1 June 2027/);
      assert.ok(!(await kinds("staff")).includes("policy.review"), "only admins review");
    });

    describe("over HTTP", () => {
      let app: FastifyInstance;
      let ctx: ReturnType<typeof testContext>;
      const h = {} as Record<Who | "outsider", Record<string, string>>;
      const call = policyCaller(() => app, h);
      let practiceId = "";
      let users: Awaited<ReturnType<typeof seedPolicyPractice>>["users"];

      before(async () => {
        ctx = testContext(database, new TestClock(new Date("2026-12-02T13:00:00Z")));
        app = await buildServer(ctx, { logLevel: "silent", checkResponses: true });
        const a = await seedPolicyPractice(ctx, "chase");
        const b = await seedPolicyPractice(ctx, "chaseother");
        practiceId = a.practice.id;
        users = a.users;
        for (const who of ["admin", "approver", "staff", "rep", "poster"] as Who[])
          h[who] = await sessionHeaders(ctx, a.users[who].id);
        h.outsider = await sessionHeaders(ctx, b.users.admin.id);
      });
      after(async () => {
        await app.close();
      });

      it("a consultation's closing date can be chosen, and a bad one is refused naming the field", async () => {
        const api = (p: string) => `/api/practices/${practiceId}/policy${p}`;
        let r = await call("admin", "POST", api("/drafts"), { from: "template" });
        const id = r.body.id as string;
        r = await call("admin", "POST", api(`/versions/${id}/consultation`), { closesOn: "2026-12-01" });
        assert.equal(r.status, 400);
        assert.equal(r.body.error.message, "The closing date must be after today.");
        assert.ok(r.body.error.fields.closesOn);
        r = await call("admin", "POST", api(`/versions/${id}/consultation`), { closesOn: "2027-01-08" });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.body.consultationClosesOn, "2027-01-08");
        r = await call("staff", "GET", `/api/practices/${practiceId}/waiting`);
        assert.equal(r.status, 200);
        assert.equal(r.body.items[0].kind, "policy.comment");
        assert.equal(r.body.items[0].dueOn, "2027-01-08");
        r = await call("outsider", "GET", `/api/practices/${practiceId}/waiting`);
        assert.equal(r.status, 404);
        r = await call("admin", "GET", api("/summary"));
        assert.equal(r.body.draft.closesOn, "2027-01-08");
      });

      it("the admin chases those who have not acknowledged: one mail each, audited, at most once a day", async () => {
        const api = (p: string) => `/api/practices/${practiceId}/policy${p}`;
        const draft = (await call("admin", "GET", api("/summary"))).body.draft.id as string;
        await recordStaffRepDecision(ctx, practiceId, draft, { userId: users.rep.id }, { decision: "agree" });
        await approveVersion(ctx, practiceId, draft, { userId: users.approver.id });
        await publishVersion(ctx, practiceId, draft, { userId: users.admin.id });
        await call("staff", "POST", api(`/versions/${draft}/acknowledge`));
        await runDueJobs(ctx);
        const before = (await outbox(ctx.db, practiceId)).length;

        let r = await call("staff", "POST", api("/acknowledgements/chase"));
        assert.equal(r.status, 403, "only the admin chases");
        r = await call("admin", "POST", api("/acknowledgements/chase"));
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(r.body, { chased: 3, chasedRecently: 0 });
        await runDueJobs(ctx);
        const chases = (await outbox(ctx.db, practiceId)).slice(before);
        assert.deepEqual(
          chases.map((m) => m.to_address).sort(),
          [users.approver.email, users.poster.email, users.rep.email].sort(),
          "the admin who pressed it and the member who acknowledged are not chased",
        );
        assert.ok(chases.every((m) => /^Please read and acknowledge/.test(m.subject) && m.status === "kept"));

        ctx.clock.advance(DAY - 60_000);
        r = await call("admin", "POST", api("/acknowledgements/chase"));
        assert.deepEqual(r.body, { chased: 0, chasedRecently: 3 }, "not again within a day");
        ctx.clock.advance(120_000);
        r = await call("admin", "POST", api("/acknowledgements/chase"));
        assert.deepEqual(r.body, { chased: 3, chasedRecently: 0 }, "again the next day");

        const audit = await ctx.db
          .selectFrom("audit_log")
          .select(["action", "details"])
          .where("practice_id", "=", practiceId)
          .where("action", "=", "policy.acknowledgements-chased")
          .execute();
        assert.equal(audit.length, 3, "every press is audited");
        const details = JSON.stringify(audit.map((a) => a.details));
        assert.ok(!details.includes("@"), "the audit holds ids, not addresses");
      });
    });
  });
}
