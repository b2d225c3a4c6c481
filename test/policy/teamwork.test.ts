import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds, type TestDatabase } from "../support/databases";
import { TestClock, testContext } from "../support/context";
import { buildServer } from "../../src/server/app";
import { runDueJobs } from "../../src/jobs/runner";
import { waitingFor } from "../../src/app/waiting/waiting";
import { policyCaller, seedPolicyPractice, sessionHeaders, type Who } from "./fixtures";

// Consultation and approval as a team works, over HTTP: two editors on one draft, answered and resolved
// comments with the staff representative's summary, an approver sending the draft back, and the change note
// a major version needs before it is published.
for (const kind of databaseKinds) {
  describe(`the policy as a team edits, consults on and approves it (${kind.name})`, () => {
    let database: TestDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    let practiceId = "";
    let otherPracticeId = "";
    let users: Record<Who, { id: string; email: string }>;
    const h = {} as Record<Who | "outsider", Record<string, string>>;
    const call = policyCaller(() => app, h);
    const api = (path: string, practice = practiceId): string => `/api/practices/${practice}/policy${path}`;

    before(async () => {
      database = await kind.open();
      ctx = testContext(database, new TestClock(new Date("2026-12-02T09:00:00Z")));
      app = await buildServer(ctx, { logLevel: "silent", checkResponses: true });
      const a = await seedPolicyPractice(ctx, "teamwork");
      const b = await seedPolicyPractice(ctx, "elsewhere");
      practiceId = a.practice.id;
      otherPracticeId = b.practice.id;
      users = a.users;
      // a second practice manager edits alongside the first
      for (const who of ["admin", "approver", "staff", "rep", "poster"] as Who[])
        h[who] = await sessionHeaders(ctx, a.users[who].id);
      h.outsider = await sessionHeaders(ctx, b.users.admin.id);
      await ctx.db
        .updateTable("memberships")
        .set({ roles: ["admin", "staff"] })
        .where("user_id", "=", users.poster.id)
        .execute();
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    const outbox = async () =>
      ctx.db
        .selectFrom("outbox")
        .select(["to_address", "subject", "body"])
        .where("practice_id", "=", practiceId)
        .orderBy("created_at")
        .execute();

    let draftId = "";
    const draft = (rest = "") => api(`/versions/${draftId}${rest}`);

    it("two people editing different clauses both land; the same clause edited by both is refused, nothing lost", async () => {
      const r = await call("admin", "POST", api("/drafts"), { from: "template" });
      assert.equal(r.status, 201, r.text);
      draftId = r.body.id;
      const opened = r.body; // both editors open the draft at this revision
      const [first, second] = [
        opened.document.sections[0].clauses[0],
        opened.document.sections[1].clauses[0],
      ];

      const mine = await call("admin", "PUT", draft(`/clauses/${first.key}`), {
        revision: opened.revision,
        base: first,
        clause: { ...first, text: "Alice's wording of the first clause." },
      });
      assert.equal(mine.status, 200, mine.text);
      const theirs = await call("poster", "PUT", draft(`/clauses/${second.key}`), {
        revision: opened.revision,
        base: second,
        clause: { ...second, text: "Bob's wording of another clause." },
      });
      assert.equal(theirs.status, 200, theirs.text);
      assert.equal(theirs.body.revision, opened.revision + 2);
      assert.equal(theirs.body.document.sections[0].clauses[0].text, "Alice's wording of the first clause.");
      assert.equal(theirs.body.document.sections[1].clauses[0].text, "Bob's wording of another clause.");

      // Bob, still on the old page, also edits the clause Alice changed: refused with a clear sentence.
      const clash = await call("poster", "PUT", draft(`/clauses/${first.key}`), {
        revision: opened.revision,
        base: first,
        clause: { ...first, text: "Bob's wording of the first clause." },
      });
      assert.equal(clash.status, 409, clash.text);
      assert.match(clash.body.error.message, /Someone else changed clause 1\.1 while you were editing it/);
      assert.doesNotMatch(clash.body.error.message, /Bob's wording/);
      const now = (await call("admin", "GET", draft())).body;
      assert.equal(now.document.sections[0].clauses[0].text, "Alice's wording of the first clause.");
      assert.equal(now.revision, opened.revision + 2, "nothing was written");

      // Without the clause as first seen, a stale revision is refused as before.
      const blind = await call("poster", "PUT", draft(`/clauses/${second.key}`), {
        revision: opened.revision,
        clause: { ...second, text: "Again." },
      });
      assert.equal(blind.status, 409);
    });

    it("the editor answers a comment and resolves it; the staff rep's summary puts unresolved clauses first", async () => {
      let v = (await call("admin", "POST", draft("/consultation"), {})).body;
      const [c1, c2] = [v.clauses[0].key, v.clauses[3].key];
      const post = (who: Who, clauseKey: string, body: string) =>
        call(who, "POST", draft("/comments"), { clauseKey, body });
      const a = (await post("staff", c1, "Could this say who to ask?")).body.id;
      await post("rep", c2, "Staff would like an example here.");
      await post("approver", c1, "Agree with the point above.");

      const answered = await call("admin", "PATCH", draft(`/comments/${a}`), {
        reply: "Added the practice manager's name.",
        resolved: true,
      });
      assert.equal(answered.status, 200, answered.text);
      const c = answered.body.comments.find((x: { id: string }) => x.id === a);
      assert.equal(c.reply.text, "Added the practice manager's name.");
      assert.equal(c.reply.by.name, `admin teamwork`);
      assert.equal(c.resolved, true);

      v = (await call("rep", "GET", draft())).body;
      assert.deepEqual(
        v.commentSummary.map((s: { clauseKey: string; total: number; unresolved: number }) => [
          s.clauseKey,
          s.total,
          s.unresolved,
        ]),
        [
          [c1, 2, 1],
          [c2, 1, 1],
        ],
      );
      await call("admin", "PATCH", draft(`/comments/${a}`), { resolved: true });
      const other = v.comments.find(
        (x: { id: string; clauseKey: string }) => x.clauseKey === c1 && x.id !== a,
      ).id;
      await call("admin", "PATCH", draft(`/comments/${other}`), { resolved: true });
      v = (await call("rep", "GET", draft())).body;
      assert.deepEqual(
        v.commentSummary.map((s: { clauseKey: string }) => s.clauseKey),
        [c2, c1],
        "a clause whose comments are all resolved goes below one still open",
      );

      // only the editor answers; another practice's people get 404; an unknown comment is 404
      assert.equal((await call("staff", "PATCH", draft(`/comments/${a}`), { resolved: false })).status, 403);
      assert.equal(
        (await call("outsider", "PATCH", draft(`/comments/${a}`), { resolved: false })).status,
        404,
      );
      const elsewhere = `/api/practices/${otherPracticeId}/policy/versions/${draftId}/comments/${a}`;
      assert.equal((await call("outsider", "PATCH", elsewhere, { resolved: false })).status, 404);
      assert.equal(
        (
          await call("admin", "PATCH", draft("/comments/00000000-0000-4000-8000-000000000000"), {
            resolved: true,
          })
        ).status,
        404,
      );
      const empty = await call("admin", "PATCH", draft(`/comments/${a}`), {});
      assert.equal(empty.status, 400);
      assert.equal(empty.body.error.message, "Write an answer, or mark the comment resolved.");

      const audit = await ctx.db
        .selectFrom("audit_log")
        .select("details")
        .where("action", "=", "policy.comment-answered")
        .execute();
      assert.ok(audit.length >= 3);
      assert.ok(!JSON.stringify(audit).includes("practice manager's name"), "no answer text in the audit");
    });

    it("an approver sends the draft back with a note: the editor is mailed through the queue and sees it waiting", async () => {
      await runDueJobs(ctx);
      const before = (await outbox()).length;
      assert.equal(
        (await call("staff", "POST", draft("/request-changes"), { note: "x" })).status,
        403,
        "staff cannot",
      );
      const blank = await call("approver", "POST", draft("/request-changes"), { note: "  " });
      assert.equal(blank.status, 400);
      assert.equal(blank.body.error.message, "Say what should change before it can be approved.");

      const r = await call("approver", "POST", draft("/request-changes"), {
        note: "Clause 2.1 should name the complaints lead.",
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.changeRequests.length, 1);
      assert.equal(r.body.changeRequests[0].open, true);
      assert.equal((await outbox()).length, before, "nothing is mailed inside the request");

      await runDueJobs(ctx);
      const mails = (await outbox()).slice(before);
      // Bob (the poster made admin) saved last, so the note goes to him.
      assert.deepEqual(
        mails.map((m) => m.to_address),
        [users.poster.email],
      );
      assert.match(mails[0]!.subject, /^Changes asked for before the social media policy \(version 1\.0\)/);
      assert.match(mails[0]!.body, /Clause 2\.1 should name the complaints lead\./);
      assert.match(mails[0]!.body, new RegExp(`/practice/${practiceId}/policy/versions/${draftId}`));
      await runDueJobs(ctx);
      assert.equal((await outbox()).length, before + 1, "a re-run mails nobody twice");

      const waiting = async (who: Who) =>
        (await waitingFor(ctx, { practiceId, userId: users[who].id, roles: ["staff"] })).map((i) => i.kind);
      assert.ok((await waiting("poster")).includes("policy.changes-requested"));
      assert.ok(!(await waiting("staff")).includes("policy.changes-requested"));

      // Once the draft is edited, the request is done: no longer waiting, no longer open.
      const v = (await call("admin", "GET", draft())).body;
      const c = v.document.sections[2].clauses[0];
      await call("poster", "PUT", draft(`/clauses/${c.key}`), {
        revision: v.revision,
        base: c,
        clause: { ...c, text: `${c.text} Ask the complaints lead.` },
      });
      assert.ok(!(await waiting("poster")).includes("policy.changes-requested"));
      const after = (await call("admin", "GET", draft())).body;
      assert.equal(after.changeRequests[0].open, false);
    });

    it("a refused approval (the last editor) is not offered, and publishing a major version needs a change note", async () => {
      // Bob saved last and holds no approver role; the approver is offered Approve once the rep agrees.
      let v = (await call("rep", "POST", draft("/staff-rep"), { decision: "agree" })).body;
      v = (await call("approver", "GET", draft())).body;
      assert.ok(v.allowed.includes("approve"));
      assert.ok(v.allowed.includes("request-changes"));
      assert.equal((await call("approver", "POST", draft("/approve"))).status, 200);
      assert.equal(
        (await call("admin", "POST", draft("/publish"), {})).status,
        200,
        "the first 1.0 needs no note",
      );

      const next = await call("admin", "POST", api("/drafts"), { from: v.id, changeKind: "major" });
      assert.equal(next.status, 201, next.text);
      draftId = next.body.id;
      await call("admin", "POST", draft("/consultation"), {});
      await call("rep", "POST", draft("/staff-rep"), { decision: "agree" });
      assert.equal((await call("approver", "POST", draft("/approve"))).status, 200);
      const refused = await call("admin", "POST", draft("/publish"), {});
      assert.equal(refused.status, 400);
      assert.match(refused.body.error.message, /^Write a change note before publishing a major version/);
      assert.deepEqual(Object.keys(refused.body.error.fields), ["changelog"]);
      const published = await call("admin", "POST", draft("/publish"), {
        changelog: "Named the complaints lead.",
      });
      assert.equal(published.status, 200, published.text);
      assert.equal(published.body.status, "published");
      assert.equal(published.body.changelog, "Named the complaints lead.");
    });
  });
}
