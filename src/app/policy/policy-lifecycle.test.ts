import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds } from "../../../test/support/databases";
import { testContext } from "../../../test/support/context";
import { seedPolicyPractice } from "../../../test/policy/fixtures";
import type { OpenDatabase } from "../../store/database";
import { AppError } from "../../core/errors";
import type { PolicyDocument } from "../../core/policy";
import {
  acknowledgePolicy,
  acknowledgementCsv,
  acknowledgementStatus,
  addComment,
  approveVersion,
  createDraft,
  diffVersions,
  publishVersion,
  recordStaffRepDecision,
  saveDraft,
  startConsultation,
  versionView,
  policySummary,
  publishedPolicy,
  loadPractice,
} from "./index";

const rejectsWith = async (p: Promise<unknown>, code: string): Promise<void> => {
  await assert.rejects(p, (e: unknown) => e instanceof AppError && e.code === code);
};

for (const kind of databaseKinds) {
  describe(`policy lifecycle (${kind.name})`, () => {
    let database: OpenDatabase;
    before(async () => {
      database = await kind.open();
    });
    after(async () => {
      await database.close();
    });

    it("goes from template draft through consultation and approval to 1.0, then 1.1 keeps and 2.0 asks for acknowledgement", async () => {
      const ctx = testContext(database);
      const { practice, users } = await seedPolicyPractice(ctx, "alpha");
      const p = practice.id;
      const admin = { userId: users.admin.id };

      const draft = await createDraft(ctx, p, admin, { from: "template" });
      assert.equal(`${draft.major}.${draft.minor}`, "1.0");
      await rejectsWith(createDraft(ctx, p, admin, {}), "conflict"); // one open draft at a time

      // edit one clause, then consult
      const doc: PolicyDocument = structuredClone(draft.document);
      doc.sections[0]!.clauses[0]!.text = "Our own opening words.";
      const edited = await saveDraft(ctx, p, draft.id, admin, { revision: draft.revision, document: doc });
      assert.equal(edited.revision, 2);
      await startConsultation(ctx, p, draft.id, admin);

      // staff comment on a clause; then the clause is removed: the comment stays, shown as removed
      await addComment(
        ctx,
        p,
        draft.id,
        { userId: users.staff.id },
        { clauseKey: "profile-pictures-doesnt-exist", body: "x" },
      ).then(
        () => assert.fail("comment on unknown clause accepted"),
        (e: unknown) => assert.ok(e instanceof AppError && e.code === "invalid-input"),
      );
      await addComment(
        ctx,
        p,
        draft.id,
        { userId: users.staff.id },
        { clauseKey: "neutral-picture", body: "Can we use a cartoon?" },
      );
      const doc2: PolicyDocument = structuredClone(edited.document);
      doc2.sections = doc2.sections.filter((s) => s.key !== "profile-pictures");
      const edited2 = await saveDraft(ctx, p, draft.id, admin, { revision: edited.revision, document: doc2 });
      const view = await versionView(ctx, p, draft.id);
      assert.equal(view.comments.length, 1);
      assert.equal(view.comments[0]!.clauseRemoved, true);
      assert.equal(view.comments[0]!.body, "Can we use a cartoon?");
      assert.equal(view.comments[0]!.clauseNumberWhenWritten, "12.1");

      // approval: needs the rep's agreement to this revision, and someone other than the last editor
      await rejectsWith(approveVersion(ctx, p, draft.id, { userId: users.approver.id }), "conflict");
      await recordStaffRepDecision(ctx, p, draft.id, { userId: users.rep.id }, { decision: "agree" });
      await rejectsWith(approveVersion(ctx, p, draft.id, admin), "forbidden");
      await rejectsWith(publishVersion(ctx, p, draft.id, admin), "conflict"); // not approved yet
      await approveVersion(ctx, p, draft.id, { userId: users.approver.id });
      await rejectsWith(
        saveDraft(ctx, p, draft.id, admin, { revision: edited2.revision, changelog: "late" }),
        "conflict",
      );
      const v1 = await publishVersion(ctx, p, draft.id, admin);
      assert.equal(v1.status, "published");
      assert.equal(v1.review_due, "2027-11-21");

      // editing a published version is refused
      await rejectsWith(
        saveDraft(ctx, p, v1.id, admin, { revision: v1.revision, changelog: "sneaky" }),
        "conflict",
      );

      // acknowledgements: everyone is asked; one acknowledges
      await acknowledgePolicy(ctx, p, v1.id, { userId: users.staff.id });
      let status = (await acknowledgementStatus(ctx.db, p))!;
      assert.equal(status.total, 5);
      assert.equal(status.acknowledged, 1);
      assert.match(
        acknowledgementCsv(status),
        /"staff alpha","staff@alpha.example","staff","acknowledged","2026-11-21T10:00:00.000Z","1.0","1.0"/,
      );

      // a minor version (1.1) keeps the acknowledgement
      const publish = async (changeKind: "major" | "minor", from: string): Promise<string> => {
        const d = await createDraft(ctx, p, admin, { from, changeKind, changelog: `${changeKind} change` });
        const dd = structuredClone(d.document);
        dd.sections[1]!.clauses[0]!.text += ` (${changeKind})`;
        await saveDraft(ctx, p, d.id, admin, { revision: d.revision, document: dd });
        await startConsultation(ctx, p, d.id, admin);
        await recordStaffRepDecision(ctx, p, d.id, { userId: users.rep.id }, { decision: "agree" });
        await approveVersion(ctx, p, d.id, { userId: users.approver.id });
        return (await publishVersion(ctx, p, d.id, admin)).id;
      };
      const v11 = await publish("minor", v1.id);
      status = (await acknowledgementStatus(ctx.db, p))!;
      assert.equal(status.version, "1.1");
      assert.equal(status.acknowledged, 1);
      assert.equal((await policySummary(ctx, p, users.staff.id)).me.mustAcknowledge, false);

      // a major version (2.0) asks again
      const v2 = await publish("major", v11);
      status = (await acknowledgementStatus(ctx.db, p))!;
      assert.equal(status.version, "2.0");
      assert.equal(status.acknowledged, 0);
      assert.equal((await policySummary(ctx, p, users.staff.id)).me.mustAcknowledge, true);

      // earlier versions stay readable; the diff names the changed clause
      const diff = await diffVersions(ctx.db, p, v1.id, v2);
      const changed = diff.clauses.filter((c) => c.status === "changed").map((c) => c.key);
      assert.deepEqual(changed, ["business-use"]);
      assert.equal((await versionView(ctx, p, v1.id)).status, "superseded");
      const pub = await publishedPolicy(ctx, await loadPractice(ctx.db, p));
      assert.deepEqual(
        pub?.history.map((h) => h.version),
        ["2.0", "1.1", "1.0"],
      );
    });

    it("the second of two saves from the same revision gets a conflict and the first save is kept", async () => {
      const ctx = testContext(database);
      const { practice, users } = await seedPolicyPractice(ctx, "beta");
      const admin = { userId: users.admin.id };
      const d = await createDraft(ctx, practice.id, admin, {});
      const mine = structuredClone(d.document);
      mine.sections[0]!.clauses[0]!.text = "First editor's words.";
      const theirs = structuredClone(d.document);
      theirs.sections[0]!.clauses[0]!.text = "Second editor's words.";
      await saveDraft(ctx, practice.id, d.id, admin, { revision: d.revision, document: mine });
      await rejectsWith(
        saveDraft(
          ctx,
          practice.id,
          d.id,
          admin, // the same admin in a second tab, still on the old revision
          { revision: d.revision, document: theirs },
        ),
        "conflict",
      );
      const now = await versionView(ctx, practice.id, d.id);
      assert.equal(now.document.sections[0]!.clauses[0]!.text, "First editor's words.");
      assert.equal(now.revision, 2);
    });

    it("refuses another practice's version ids and malformed input without writing", async () => {
      const ctx = testContext(database);
      const a = await seedPolicyPractice(ctx, "gamma");
      const b = await seedPolicyPractice(ctx, "delta");
      const d = await createDraft(ctx, a.practice.id, { userId: a.users.admin.id }, {});
      await rejectsWith(
        startConsultation(ctx, b.practice.id, d.id, { userId: b.users.admin.id }),
        "not-found",
      );
      await rejectsWith(
        startConsultation(ctx, a.practice.id, "not-a-uuid", { userId: a.users.admin.id }),
        "not-found",
      );
      const bad = structuredClone(d.document);
      bad.sections[0]!.clauses[0]!.text = "";
      await assert.rejects(
        saveDraft(ctx, a.practice.id, d.id, { userId: a.users.admin.id }, { revision: 1, document: bad }),
      );
      assert.equal((await versionView(ctx, a.practice.id, d.id)).revision, 1);
    });
  });
}
