// The admin's oversight dashboard through the API: every part counted from the practice's own data (another
// practice's never included), admins only (other roles 403, another practice 404), and the checker's monthly
// counts by rule: off by default, counted from each run in the practice's context once on, deleted when off.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { checkerCountsResponse, oversightResponse } from "../../src/contracts";
import { publishTemplateForDemo } from "../../src/app/policy/demo-policy";
import { postingPractice, RISKY_TEXT, SAFE_TEXT } from "../posts/support";
import { Client } from "../support/http";

/** A made-up comment that names a patient's condition and street: the checker finds a patient identifier. */
const RISKY_COMMENT =
  "Saw Mrs Dorothy Pennington, 91, of 4 Quarry Lane at the surgery about her heart failure.";

for (const kind of databaseKinds) {
  describe(`the oversight dashboard (${kind.name})`, () => {
    let database: OpenDatabase;
    let ctx: ReturnType<typeof testContext>;
    let t: Awaited<ReturnType<typeof postingPractice>>;
    let otherBase: string;
    let otherAdmin: Client;

    /** Writes a post and sends it for approval (a risky text goes with a reason). */
    const submitPost = async (c: Client, base: string, channelId: string, text: string) => {
      const created = await c.post(`${base}/posts`, {
        text,
        link: null,
        channelIds: [channelId],
        images: [],
        overrideReason: null,
      });
      assert.equal(created.status, 201, created.text);
      const r = await c.post(`${base}/posts/${created.body.id}/submit`, {
        overrideReason: text === SAFE_TEXT ? null : "Test: checking the counts.",
      });
      assert.equal(r.status, 200, r.text);
      return created.body.id as string;
    };
    const oversight = async (c: Client = t.as.admin, base = t.base) => {
      const r = await c.get(`${base}/oversight`);
      assert.equal(r.status, 200, r.text);
      return oversightResponse.strict().parse(r.body);
    };

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      t = await postingPractice(ctx, "alder");
      otherBase = `/api/practices/${t.other.practice.id}`;
      otherAdmin = new Client(t.app, "10.99.0.1");
      assert.equal((await otherAdmin.signIn(t.other.people.admin.email)).status, 200);
    });
    after(async () => {
      await t.app.close();
      await database.close();
    });

    it("is for admins: other roles get 403, another practice's admin 404", async () => {
      for (const c of [t.as.staff, t.as.poster, t.as.approver]) {
        const r = await c.get(`${t.base}/oversight`);
        assert.equal(r.status, 403, r.text);
        assert.match(r.body.error.message, /[a-z]/);
      }
      assert.equal((await otherAdmin.get(`${t.base}/oversight`)).status, 404);
      assert.equal((await t.as.staff.put(`${t.base}/oversight/checker-counts`, { on: true })).status, 403);
      assert.equal((await otherAdmin.put(`${t.base}/oversight/checker-counts`, { on: true })).status, 404);
    });

    it("a new practice's dashboard is empty, and the checker counts are off", async () => {
      const o = await oversight();
      assert.equal(o.incidents.open + o.incidents.reported, 0);
      assert.equal(o.posts.awaitingApproval, 0);
      assert.equal(o.acknowledgements, null);
      assert.equal(o.policy, null);
      assert.deepEqual(o.channels, []);
      assert.equal(o.checkerCounts.on, false);
      assert.equal(o.checkerCounts.months.length, 6);
      assert.equal(o.canManageCheckerCounts, true);
    });

    it("nothing is counted while the counts are off", async () => {
      await submitPost(t.as.poster, t.base, t.website.id, RISKY_TEXT);
      const runs = await ctx.db.selectFrom("checker_monthly_runs").selectAll().execute();
      assert.deepEqual(runs, []);
    });

    it("bad input to the switch is refused in plain words and changes nothing", async () => {
      for (const body of [{}, { on: "yes" }, "on"]) {
        const r = await t.as.admin.put(`${t.base}/oversight/checker-counts`, body);
        assert.equal(r.status, 400, r.text);
        assert.ok(!/zod|Expected|undefined/.test(r.body.error.message), r.body.error.message);
      }
      assert.equal((await oversight()).checkerCounts.on, false);
    });

    it("once on, each run in the practice's context adds to the month by rule; other practices' runs do not", async () => {
      const on = await t.as.admin.put(`${t.base}/oversight/checker-counts`, { on: true });
      assert.equal(on.status, 200, on.text);
      checkerCountsResponse.strict().parse(on.body);
      assert.equal(on.body.on, true);
      // A post sent for approval, a comment arriving in the inbox, a check over the API naming the practice.
      await submitPost(t.as.poster, t.base, t.website.id, RISKY_TEXT);
      await submitPost(t.as.poster, t.base, t.website.id, SAFE_TEXT);
      const comment = await t.as.poster.post(`${t.base}/inbox`, {
        channel: "facebook",
        author: "A. Patient",
        text: RISKY_COMMENT,
      });
      assert.equal(comment.status, 201, comment.text);
      const checked = await t.as.staff.post("/api/check", {
        text: RISKY_TEXT,
        practiceId: t.seed.practice.id,
      });
      assert.equal(checked.status, 200, checked.text);
      // A check without a practice, and another practice's runs, are not this practice's.
      assert.equal((await t.as.staff.post("/api/check", { text: RISKY_TEXT })).status, 200);
      const otherWebsite = (await t.as.outsider.get(`${otherBase}/channels`)).body.channels[0].id as string;
      await otherAdmin.put(`${otherBase}/oversight/checker-counts`, { on: true });
      await submitPost(t.as.outsider, otherBase, otherWebsite, RISKY_TEXT);

      const o = await oversight();
      assert.equal(o.checkerCounts.on, true);
      assert.equal(o.checkerCounts.runs.at(-1), 4);
      assert.deepEqual(o.checkerCounts.runs.slice(0, 5), [0, 0, 0, 0, 0]);
      const patient = o.checkerCounts.rules.find((r) => r.rule === "patient-identifier");
      assert.ok(patient, JSON.stringify(o.checkerCounts.rules));
      assert.equal(patient.counts.at(-1), 3);
      assert.equal(patient.label, "Could identify a patient");
      // Counts only: no text is kept with them.
      const stored = JSON.stringify(await ctx.db.selectFrom("checker_monthly_counts").selectAll().execute());
      assert.ok(!stored.includes("Pennington") && !stored.includes("Quarry"));
      const theirs = await oversight(otherAdmin, otherBase);
      assert.equal(theirs.checkerCounts.runs.at(-1), 1);
    });

    it("counts what is waiting: posts for approval, the inbox, acknowledgements, the review date, channels, cases", async () => {
      await publishTemplateForDemo(ctx, t.seed.practice.id);
      await publishTemplateForDemo(ctx, t.other.practice.id);
      const list = await t.as.admin.get(`${t.base}/policy/acknowledgements`);
      assert.equal(list.status, 200, list.text);
      const ack = await t.as.staff.post(
        `${t.base}/policy/versions/${list.body.status.versionId}/acknowledge`,
      );
      assert.equal(ack.status, 200, ack.text);
      // A manual channel each, never reviewed; and this practice's X account reviewed last month.
      const channel = (practiceId: string, kind: string, name: string, security: unknown) =>
        ctx.db
          .insertInto("channels")
          .values({
            practice_id: practiceId,
            kind,
            name,
            status: kind === "manual" ? "connected" : "not-connected",
            footer: null,
            max_chars: null,
            security: security === null ? null : JSON.stringify(security),
            created_at: ctx.now(),
            updated_at: ctx.now(),
          })
          .execute();
      await channel(t.seed.practice.id, "manual", "Noticeboard", null);
      await channel(t.other.practice.id, "manual", "Their noticeboard", null);
      await channel(t.seed.practice.id, "x", "Practice X", {
        twoFactor: true,
        peopleWithAccess: "",
        recoveryEmail: "",
        lastReviewedOn: "2026-10-21",
        membersWithAccess: [],
        passwordChangedOn: null,
      });
      const opened = await t.as.admin.post(`${t.base}/incidents`, {
        type: "confidentiality-breach",
        title: "Test breach",
        subjectIds: [],
        investigatorIds: [],
        clauses: [],
      });
      assert.equal(opened.status, 201, opened.text);
      // The other practice has a case of its own, which this dashboard never counts.
      await otherAdmin.post(`${otherBase}/incidents`, {
        type: "conduct",
        title: "Their case",
        subjectIds: [],
        investigatorIds: [],
        clauses: [],
      });

      const o = await oversight();
      assert.equal(o.posts.awaitingApproval, 3);
      assert.equal(o.posts.waiting.length, 3);
      assert.equal(o.inbox.new, 1);
      assert.ok(o.acknowledgements);
      assert.equal(o.acknowledgements.acknowledged, 1);
      assert.equal(o.acknowledgements.total, 6);
      assert.equal(o.acknowledgements.outstanding, 5);
      assert.equal(o.acknowledgements.percent, 16);
      assert.ok(o.policy);
      assert.equal(o.policy.version, "1.0");
      assert.equal(o.policy.state, "ok");
      assert.equal(o.policy.reviewDue, "2027-11-21");
      assert.deepEqual(
        o.channels.map((c) => [c.name, c.twoFactor, c.lastReviewedOn, c.reviewDue, c.overdue]),
        [
          ["Practice X", true, "2026-10-21", "2027-10-21", false],
          ["Noticeboard", null, null, "2026-11-21", true],
        ],
      );
      assert.equal(o.incidents.open, 1);
      assert.deepEqual(o.incidents.byType, [{ type: "confidentiality-breach", reported: 0, open: 1 }]);
      assert.equal(o.incidents.undecidedBreaches, 1);
      assert.equal(o.incidents.cases[0]!.breach?.hoursLeft, 72);
      const theirs = await oversight(otherAdmin, otherBase);
      assert.deepEqual(
        theirs.incidents.cases.map((c) => c.title),
        ["Their case"],
      );
      assert.equal(theirs.posts.awaitingApproval, 1);
      assert.equal(theirs.inbox.new, 0);
    });

    it("turning the counts off deletes them; on again starts from nought", async () => {
      const off = await t.as.admin.put(`${t.base}/oversight/checker-counts`, { on: false });
      assert.equal(off.status, 200, off.text);
      assert.deepEqual(off.body, { on: false, since: null });
      assert.equal((await oversight()).checkerCounts.on, false);
      const left = await ctx.db
        .selectFrom("checker_monthly_runs")
        .selectAll()
        .where("practice_id", "=", t.seed.practice.id)
        .execute();
      assert.deepEqual(left, []);
      const audit = await ctx.db
        .selectFrom("audit_log")
        .select(["action", "details"])
        .where("practice_id", "=", t.seed.practice.id)
        .where("action", "like", "oversight.%")
        .orderBy("seq")
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ["oversight.checker-counts-on", "oversight.checker-counts-off"],
      );
      await t.as.admin.put(`${t.base}/oversight/checker-counts`, { on: true });
      assert.deepEqual((await oversight()).checkerCounts.runs, [0, 0, 0, 0, 0, 0]);
    });
  });
}
