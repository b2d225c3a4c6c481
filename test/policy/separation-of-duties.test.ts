import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { buildServer } from "../../src/server/app";
import { policyCaller, seedPolicyPractice, sessionHeaders, type Who } from "./fixtures";

const HOUR = 3600_000;

for (const kind of databaseKinds) {
  describe(`separation of duties and allowed actions (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    let seed: Awaited<ReturnType<typeof seedPolicyPractice>>;
    const h = {} as Record<Who | "outsider", Record<string, string>>;
    const call = policyCaller(() => app, h);
    const api = (path: string): string => `/api/practices/${seed.practice.id}${path}`;

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      app = await buildServer(ctx, { logLevel: "silent", checkResponses: true });
      seed = await seedPolicyPractice(ctx, "duties");
      for (const who of ["admin", "approver", "staff", "rep", "poster"] as Who[])
        h[who] = await sessionHeaders(ctx, seed.users[who].id);
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("each version says what the signed-in member may do on it, and the summary what they may do on the policy", async () => {
      let r = await call("admin", "GET", api("/policy/summary"));
      for (const action of ["view", "create-draft", "view-acknowledgements", "export-evidence"])
        assert.ok(r.body.allowed.includes(action), action);
      const staffMay = (await call("staff", "GET", api("/policy/summary"))).body.allowed as string[];
      assert.ok(staffMay.includes("view"));
      assert.ok(
        !staffMay.some((a) => ["create-draft", "view-acknowledgements", "export-evidence"].includes(a)),
      );
      r = await call("admin", "POST", api("/policy/drafts"), { from: "template" });
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(r.body.allowed, [
        "view",
        "edit",
        "start-consultation",
        "comment",
        "answer-comments",
        "discard",
      ]);
      const id = r.body.id as string;
      assert.deepEqual((await call("staff", "GET", api(`/policy/versions/${id}`))).body.allowed, [
        "view",
        "comment",
      ]);
      assert.ok(!(await call("admin", "GET", api("/policy/summary"))).body.allowed.includes("create-draft"));
      await call("admin", "POST", api(`/policy/versions/${id}/discard`));
    });

    it("an admin who grants themselves approver and staff-rep during consultation can neither agree nor approve that version", async () => {
      let r = await call("admin", "POST", api("/policy/drafts"), { from: "template" });
      assert.equal(r.status, 201, r.text);
      const id = r.body.id as string;
      ctx.clock.advance(HOUR);
      assert.equal((await call("admin", "POST", api(`/policy/versions/${id}/consultation`))).status, 200);
      // The real approver edits last, so only someone else could approve.
      const v = (await call("approver", "GET", api(`/policy/versions/${id}`))).body;
      ctx.clock.advance(HOUR);
      r = await call("admin", "PATCH", api(`/members/${seed.users.admin.id}`), {
        roles: ["admin", "staff", "approver", "staff-rep"],
      });
      assert.equal(r.status, 200, r.text);
      r = await call("admin", "GET", api(`/policy/versions/${id}`));
      assert.ok(!r.body.allowed.includes("approve"), "late approver role does not show approve");
      assert.ok(!r.body.allowed.includes("record-staff-view"));
      r = await call("admin", "POST", api(`/policy/versions/${id}/staff-rep`), { decision: "agree" });
      assert.equal(r.status, 403, r.text);
      assert.match(r.body.error.message, /after this version went out for consultation/);
      // The practice's own staff representative (a member since before consultation) agrees.
      r = await call("rep", "POST", api(`/policy/versions/${id}/staff-rep`), { decision: "agree" });
      assert.equal(r.status, 200, r.text);
      r = await call("admin", "POST", api(`/policy/versions/${id}/approve`));
      assert.equal(r.status, 403, r.text);
      assert.equal(r.body.error.code, "forbidden");
      // The long-standing approver may approve, and their view says so.
      assert.ok(
        (await call("approver", "GET", api(`/policy/versions/${id}`))).body.allowed.includes("approve"),
      );
      assert.equal(v.lastEditedBy.id, seed.users.admin.id);
      r = await call("approver", "POST", api(`/policy/versions/${id}/approve`));
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.allowed, ["view"]);
      assert.deepEqual((await call("admin", "GET", api(`/policy/versions/${id}`))).body.allowed, [
        "view",
        "publish",
        "discard",
      ]);
    });

    it("the last editor never approves, whatever roles they hold", async () => {
      // The approver is also made an admin long before; they edit during consultation, so they may not approve.
      let r = await call("admin", "POST", api("/policy/drafts"), { from: "template" });
      if (r.status === 409) {
        const s = (await call("admin", "GET", api("/policy/summary"))).body;
        await call("admin", "POST", api(`/policy/versions/${s.draft.id}/publish`), {});
        r = await call("admin", "POST", api("/policy/drafts"), { from: s.draft.id });
      }
      assert.equal(r.status, 201, r.text);
      const id = r.body.id as string;
      r = await call("admin", "PATCH", api(`/members/${seed.users.approver.id}`), {
        roles: ["approver", "admin", "staff"],
      });
      assert.equal(r.status, 200, r.text);
      ctx.clock.advance(HOUR);
      await call("admin", "POST", api(`/policy/versions/${id}/consultation`));
      const v = (await call("approver", "GET", api(`/policy/versions/${id}`))).body;
      const clause = v.document.sections[0].clauses[0];
      r = await call("approver", "PUT", api(`/policy/versions/${id}/clauses/${clause.key}`), {
        revision: v.revision,
        clause: { ...clause, text: `${clause.text} Edited in consultation.` },
      });
      assert.equal(r.status, 200, r.text);
      await call("rep", "POST", api(`/policy/versions/${id}/staff-rep`), { decision: "agree" });
      r = await call("approver", "GET", api(`/policy/versions/${id}`));
      assert.ok(!r.body.allowed.includes("approve"));
      r = await call("approver", "POST", api(`/policy/versions/${id}/approve`));
      assert.equal(r.status, 403, r.text);
      assert.match(r.body.error.message, /last change/);
    });

    it("the staff directory and the session carry what the member may do", async () => {
      const r = await call("admin", "GET", api("/members"));
      const self = r.body.members.find((m: { userId: string }) => m.userId === seed.users.admin.id);
      const other = r.body.members.find((m: { userId: string }) => m.userId === seed.users.staff.id);
      assert.deepEqual(self.allowed, ["change-roles"]);
      assert.deepEqual(other.allowed, ["change-roles", "deactivate"]);
      const asStaff = await call("staff", "GET", api("/members"));
      assert.ok(asStaff.body.members.every((m: { allowed: string[] }) => m.allowed.length === 0));
      const session = await call("staff", "GET", "/api/session");
      assert.deepEqual(session.body.practices[0].allowed, [
        "view",
        "view-settings",
        "view-staff",
        "use-checker",
        "report-concern",
        "view-incidents",
        "use-my-accounts",
      ]);
    });
  });
}
