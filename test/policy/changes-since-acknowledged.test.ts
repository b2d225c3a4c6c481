import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds, type TestDatabase } from "../support/databases";
import { TestClock, testContext } from "../support/context";
import { buildServer } from "../../src/server/app";
import {
  acknowledgePolicy,
  approveVersion,
  createDraft,
  publishVersion,
  recordStaffRepDecision,
  saveDraft,
  startConsultation,
} from "../../src/app/policy";
import type { PolicyDocument } from "../../src/core/policy";
import { policyCaller, seedPolicyPractice, sessionHeaders, type Who } from "./fixtures";

// A member asked to acknowledge a new major version is shown, before the full text, what changed since the
// version they last acknowledged: clause by clause, placeholders filled, with the change notes in between.
for (const kind of databaseKinds) {
  describe(`what changed since you last acknowledged (${kind.name})`, () => {
    let database: TestDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    let practiceId = "";
    let users: Record<Who, { id: string; email: string }>;
    const h = {} as Record<Who | "outsider", Record<string, string>>;
    const call = policyCaller(() => app, h);
    const url = (practice = practiceId) => `/api/practices/${practice}/policy/changes-since-acknowledged`;
    let otherPracticeId = "";

    before(async () => {
      database = await kind.open();
      ctx = testContext(database, new TestClock(new Date("2026-12-02T09:00:00Z")));
      app = await buildServer(ctx, { logLevel: "silent", checkResponses: true });
      const a = await seedPolicyPractice(ctx, "since");
      const b = await seedPolicyPractice(ctx, "faraway");
      practiceId = a.practice.id;
      otherPracticeId = b.practice.id;
      users = a.users;
      for (const who of ["admin", "approver", "staff", "rep", "poster"] as Who[])
        h[who] = await sessionHeaders(ctx, a.users[who].id);
      h.outsider = await sessionHeaders(ctx, b.users.staff.id);
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    const publish = async (
      from: string,
      changeKind: "major" | "minor",
      changelog: string,
      edit: (doc: PolicyDocument) => void,
    ): Promise<string> => {
      const admin = { userId: users.admin.id };
      const d = await createDraft(ctx, practiceId, admin, { from, changeKind, changelog });
      const doc = structuredClone(d.document);
      edit(doc);
      await saveDraft(ctx, practiceId, d.id, admin, { revision: d.revision, document: doc });
      await startConsultation(ctx, practiceId, d.id, admin);
      await recordStaffRepDecision(ctx, practiceId, d.id, { userId: users.rep.id }, { decision: "agree" });
      await approveVersion(ctx, practiceId, d.id, { userId: users.approver.id });
      return (await publishVersion(ctx, practiceId, d.id, admin, { changelog })).id;
    };

    it("answers nothing to compare before anything is published, or for someone who never acknowledged", async () => {
      const none = await call("staff", "GET", url());
      assert.equal(none.status, 200, none.text);
      assert.equal(none.body.changes, null);
      const v1 = await publish("template", "major", "The first version", () => {});
      const fresh = await call("staff", "GET", url());
      assert.equal(fresh.body.changes.to.id, v1);
      assert.equal(fresh.body.changes.since, null);
      assert.deepEqual(fresh.body.changes.clauses, []);
    });

    it("compares the version I last acknowledged with today's, across a minor version, with the change notes", async () => {
      const v1 = (await call("staff", "GET", url())).body.changes.to.id as string;
      await acknowledgePolicy(ctx, practiceId, v1, { userId: users.staff.id });
      const up = await call("staff", "GET", url());
      assert.equal(up.body.changes.since.version, "1.0");
      assert.deepEqual(up.body.changes.clauses, [], "nothing to show for the version I acknowledged");

      // 1.1 (minor) touches one clause, 2.0 (major) rewrites another and drops a third
      const v11 = await publish("" + v1, "minor", "A word corrected", (doc) => {
        const c = doc.sections[0]!.clauses[0]!;
        c.text = c.text.replace("share news", "share local news");
      });
      const v2 = await publish(v11, "major", "Who may post for the practice", (doc) => {
        doc.sections[1]!.clauses[0]!.text = "Only the posting group answers online on behalf of the surgery.";
        doc.sections[2]!.clauses.pop();
      });
      const r = await call("staff", "GET", url());
      assert.equal(r.status, 200, r.text);
      const c = r.body.changes;
      assert.equal(c.to.id, v2);
      assert.equal(c.to.version, "2.0");
      assert.equal(c.since.version, "1.0");
      assert.match(c.since.acknowledgedAt, /^2026-12-02T/);
      const changed = c.clauses.filter((x: { status: string }) => x.status !== "unchanged");
      assert.equal(changed.length, 3, JSON.stringify(changed.map((x: { key: string }) => x.key)));
      const first = changed.find((x: { key: string }) => x.key === "why-this-policy");
      assert.ok(
        first.words.some(
          (w: { kind: string; text: string }) => w.kind === "added" && w.text.includes("local"),
        ),
        "the minor version's change is included",
      );
      assert.ok(!JSON.stringify(c.clauses).includes("{{"), "placeholders are filled");
      assert.ok(JSON.stringify(c.clauses).includes("Since Surgery"));
      assert.ok(changed.some((x: { status: string }) => x.status === "removed"));
      assert.ok(changed.some((x: { after?: string }) => x.after?.startsWith("Only the posting group")));
      assert.deepEqual(c.changeNotes, [
        { version: "2.0", changelog: "Who may post for the practice" },
        { version: "1.1", changelog: "A word corrected" },
      ]);

      // someone who acknowledged nothing gets no comparison; after acknowledging 2.0 there is nothing left
      assert.equal((await call("rep", "GET", url())).body.changes.since, null);
      await acknowledgePolicy(ctx, practiceId, v2, { userId: users.staff.id });
      const after = (await call("staff", "GET", url())).body.changes;
      assert.equal(after.since.version, "2.0");
      assert.deepEqual(after.clauses, []);
    });

    it("is for members only: another practice's member gets 404, no session gets 401", async () => {
      assert.equal((await call("outsider", "GET", url())).status, 404);
      assert.equal((await call(null, "GET", url())).status, 401);
      assert.equal((await call("outsider", "GET", url(otherPracticeId))).body.changes, null);
    });
  });
}
