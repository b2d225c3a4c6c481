// The CQC evidence pack's practice-wide sections, read from the PDF's text: an anonymised incident summary (kinds,
// dates, outcomes; no names, titles or case text), the breach decisions log (in time or not, reasons recorded or
// not, never the reasons), acknowledgement rates per version and the posting archive's summary. A case about the
// person making the pack is left out of theirs; another practice's cases never appear.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds } from "../support/databases";
import { TestClock, testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { ensureDemo } from "../../src/app/demo/ensure-demo";
import { evidenceRecord } from "../../src/app/policy";
import { evidencePdf } from "../../src/exports/policy-pdf";
import { decideBreach, gradeBreachCase, openIncident } from "../../src/app/incidents";
import { seedPractice } from "../support/http";
import { addMembership, createUser } from "../../src/app/users/create-user";
import { pdfText } from "../policy/pdf-text";

const REASONS = "Invented reasons: deleted within minutes and seen by nobody outside the practice.";

for (const kind of databaseKinds) {
  describe(`the evidence pack's incidents, breaches, acknowledgements and archive (${kind.name})`, () => {
    let database: OpenDatabase;
    let ctx: ReturnType<typeof testContext>;
    let practiceId: string;
    let manager: string;
    let text = "";

    before(async () => {
      database = await kind.open();
      ctx = testContext(database, new TestClock(new Date("2026-12-04T10:00:00Z")));
      await ensureDemo(ctx, "demo-password-1", () => {});
      const p = await ctx.db
        .selectFrom("practices")
        .select("id")
        .where("slug", "=", "riverside")
        .executeTakeFirstOrThrow();
      practiceId = p.id;
      manager = (
        await ctx.db
          .selectFrom("users")
          .select("id")
          .where("email", "=", "manager@riverside.example")
          .executeTakeFirstOrThrow()
      ).id;
      // The demo's open breach is decided inside its clock, not reported, with reasons.
      const breach = await ctx.db
        .selectFrom("incidents")
        .select("id")
        .where("practice_id", "=", practiceId)
        .where("type", "=", "confidentiality-breach")
        .executeTakeFirstOrThrow();
      await gradeBreachCase(
        ctx,
        practiceId,
        breach.id,
        { userId: manager },
        {
          likelihood: 1,
          severity: 2,
          vulnerableGroup: false,
        },
      );
      await decideBreach(
        ctx,
        practiceId,
        breach.id,
        { userId: manager },
        {
          decision: "not-report",
          reasons: REASONS,
          dsptReference: null,
        },
      );
      // A second admin opens a case about the manager: the manager's own pack leaves it out.
      const deputy = await createUser(ctx.db, {
        email: "deputy@riverside.example",
        name: "Deputy Manager",
        password: "correct horse battery",
      });
      await addMembership(ctx.db, practiceId, deputy.id, ["admin", "staff"], ctx.now());
      await openIncident(
        ctx,
        practiceId,
        { userId: deputy.id },
        {
          type: "misinformation",
          title: "Invented: a case about the manager",
          subjectIds: [manager],
          investigatorIds: [],
          summary: null,
          clauses: [],
        },
      );
      // Another practice's case never appears.
      const other = await seedPractice(ctx, "elsewhere");
      await openIncident(
        ctx,
        other.practice.id,
        { userId: other.people.admin.id },
        {
          type: "account-security",
          title: "Their case",
          subjectIds: [],
          investigatorIds: [],
          summary: null,
          clauses: [],
        },
      );
      const pdf = await evidencePdf(await evidenceRecord(ctx, practiceId, undefined, manager));
      text = (await pdfText(pdf)).replace(/\s+/g, " ");
    });
    after(async () => {
      await database.close();
    });

    it("summarises the register by kind and outcome, case by case, without names or text", () => {
      assert.match(text, /Incidents An anonymised summary/);
      assert.match(text, /Conduct of a member of staff: 1 \(1 closed, 0 not closed\)/);
      assert.match(text, /Confidentiality or personal data breach: 1 \(0 closed, 1 not closed\)/);
      assert.match(text, /Breach not reported to the ICO 1/);
      assert.match(
        text,
        /Case 1: Conduct of a member of staff; opened 4 December 2026; closed 4 December 2026;/,
      );
      assert.ok(!/invented\)|Demo: a personal post/.test(text), "no case titles");
      const section = text.slice(text.indexOf("Incidents An anonymised"), text.indexOf("Posting archive"));
      assert.ok(!/Alan Brooks|Priya Shah|Deputy Manager|@riverside/.test(section), "no names");
      assert.ok(!/Misinformation: \d|Case 3/.test(text), "the case about the manager is not in their pack");
      assert.ok(!/Practice account security[^:]*: \d/.test(text), "another practice's case is not here");
    });

    it("logs each breach decision: in time or not, reasons recorded, never the reasons", () => {
      assert.match(text, /Breach decisions/);
      assert.match(
        text,
        /Case 2: aware .* deadline .*Decided 4 December 2026, 10:00 \(UK time\): not reported to the ICO; within 72 hours: yes; reasons recorded: yes\./,
      );
      assert.ok(!text.includes("deleted within minutes"), "the reasons' words stay on the case");
    });

    it("gives the My accounts completion rate of members who share it, as counts only", () => {
      // The demo: the receptionist's check completed and shared, the partner's shared and in progress, and the
      // other three (and the deputy) not shared.
      assert.match(
        text,
        /2 of 6 active members agreed to share whether they completed it; 1 of those 2 have completed today's check \(50%\)\./,
      );
      assert.doesNotMatch(text, /Strava|privacy zone/i, "no platform or answer from anyone's check");
    });

    it("gives acknowledgement rates per version and the posting archive's summary", () => {
      assert.match(
        text,
        /Acknowledgement rates by version Version 1\.0 \(published 4 December 2026\): 0 of 6 staff active today have acknowledged it \(0%\)\./,
      );
      assert.match(
        text,
        /Posting archive In the 12 months from January 2026 to December 2026: 1 post published, \d+ approvals? by a second person, and 0 posts sent for approval although the checker advised not to post/,
      );
      assert.match(text, /Practice website: December 2026 1 \(1 in all\)/);
    });
  });
}
