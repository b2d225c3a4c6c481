import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds } from "../../../test/support/databases";
import { testContext } from "../../../test/support/context";
import { seedPolicyPractice } from "../../../test/policy/fixtures";
import type { OpenDatabase } from "../../store/database";
import {
  approveVersion,
  createDraft,
  publishVersion,
  recordStaffRepDecision,
  saveDraft,
  startConsultation,
} from "./index";
import { policyProfile } from "./checker-profile";

for (const kind of databaseKinds) {
  describe(`the checker cites the practice's published policy (${kind.name})`, () => {
    let database: OpenDatabase;
    before(async () => {
      database = await kind.open();
    });
    after(async () => {
      await database.close();
    });

    it("uses the template's numbers until the practice publishes, then its own; ended hot topics drop out", async () => {
      const ctx = testContext(database);
      const { practice, users } = await seedPolicyPractice(ctx, "cites");
      const p = practice.id;
      assert.equal((await policyProfile(ctx, p)).clauses?.["clinical-detail"]?.number, "4.1");

      const d = await createDraft(ctx, p, { userId: users.admin.id }, {});
      const doc = structuredClone(d.document);
      const conf = doc.sections.find((s) => s.key === "confidentiality")!;
      conf.clauses.unshift({
        key: "intro",
        title: "Introduction",
        text: "Why confidentiality matters.",
        sources: [],
        patientFacing: false,
        rules: [],
      });
      const mis = doc.sections.find((s) => s.key === "misinformation")!;
      mis.clauses[1]!.hotTopic = {
        label: "Vaccination",
        claims: ["vaccines cause autism"],
        end: "2026-12-31",
      };
      await saveDraft(ctx, p, d.id, { userId: users.admin.id }, { revision: 1, document: doc });
      await startConsultation(ctx, p, d.id, { userId: users.admin.id });
      await recordStaffRepDecision(ctx, p, d.id, { userId: users.rep.id }, { decision: "agree" });
      await approveVersion(ctx, p, d.id, { userId: users.approver.id });
      await publishVersion(ctx, p, d.id, { userId: users.admin.id });

      const profile = await policyProfile(ctx, p);
      assert.deepEqual(profile.clauses?.["clinical-detail"], {
        number: "4.2",
        title: "No clinical information, however small",
      });
      assert.deepEqual(
        profile.hotTopics?.map((t) => t.label),
        ["Vaccination"],
      );
      ctx.clock.current = new Date("2027-01-01T09:00:00Z");
      assert.deepEqual((await policyProfile(ctx, p)).hotTopics, []);
    });
  });
}
