// A personal data breach on the register: the 72-hour clock across the October clock change, the aware time
// changed only with a reason, the NHS grading, the decision with reasons either way, the people told, and the
// owner's reminders at 24, 48 and 60 hours and when overdue — each sent once, with two instances and after a restart.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds } from "../support/databases";
import { TestClock, testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { sendBreachReminders } from "../../src/app/incidents";
import { enqueueScheduledJobs, runDueJobs } from "../../src/jobs/runner";
import { incidentPractice, rowCount } from "./support";
import { pdfText } from "../policy/pdf-text";

const HOUR = 3_600_000;
// Friday 23 October 2026, 10:00 BST; the clocks go back on Sunday 25 October.
const AWARE = new Date("2026-10-23T09:00:00Z");

for (const kind of databaseKinds) {
  describe(`a personal data breach and its clock (${kind.name})`, () => {
    let database: OpenDatabase;
    let ctx: ReturnType<typeof testContext>;
    let second: ReturnType<typeof testContext>;
    let t: Awaited<ReturnType<typeof incidentPractice>>;
    let url: string;
    const reminders = () => ctx.sent.filter((m) => /Breach clock|Overdue/.test(m.subject));

    before(async () => {
      database = await kind.open();
      const clock = new TestClock(new Date(AWARE.getTime() + 30 * 60_000));
      ctx = testContext(database, clock);
      // A second instance of the server over the same database and clock.
      second = testContext(database, clock);
      t = await incidentPractice(ctx, "yew");
      const r = await t.as.admin.post(`${t.base}/incidents`, {
        type: "confidentiality-breach",
        title: "Patient named in a reply",
        ownerId: t.ids.investigator,
        subjectIds: [t.ids.subject],
        awareAt: AWARE.toISOString(),
      });
      assert.equal(r.status, 201, r.text);
      url = `${t.base}/incidents/${r.body.id}`;
    });
    after(async () => {
      await t.app.close();
      await database.close();
    });

    it("runs 72 elapsed hours across the clock change: aware 10:00 BST Friday, due 09:00 GMT Monday", async () => {
      const r = await t.as.admin.get(url);
      assert.equal(r.body.breach.awareAt, AWARE.toISOString());
      assert.equal(r.body.breach.deadline, "2026-10-26T09:00:00.000Z");
      assert.equal(r.body.breach.hoursLeft, 71);
      const list = await t.as.investigator.get(`${t.base}/incidents`);
      assert.equal(list.body.incidents[0].breach.hoursLeft, 71, "the owner sees the clock in the register");
    });

    it("the subject and other staff get 404 on every breach step; a non-breach case refuses them", async () => {
      for (const who of ["subject", "staff", "outsider"] as const) {
        const r = await t.put(t.as[who], `${url}/breach/grading`, {
          likelihood: 1,
          severity: 1,
          vulnerableGroup: false,
        });
        assert.equal(r.status, 404, who);
      }
      const conduct = await t.as.admin.post(`${t.base}/incidents`, {
        type: "conduct",
        title: "Not a breach",
      });
      const r = await t.put(t.as.admin, `${t.base}/incidents/${conduct.body.id}/breach/grading`, {
        likelihood: 2,
        severity: 2,
        vulnerableGroup: false,
      });
      assert.equal(r.status, 409);
      assert.match(r.body.error.message, /not a personal data breach/);
    });

    it("the aware time changes only with a reason, and the change is kept with it", async () => {
      const before = await rowCount(ctx, "incident_aware_changes");
      const later = new Date(AWARE.getTime() + 10 * 60_000).toISOString();
      const refused = await t.put(t.as.investigator, `${url}/breach/aware-at`, { awareAt: later });
      assert.equal(refused.status, 400);
      assert.ok(refused.body.error.fields.reason);
      const future = await t.put(t.as.investigator, `${url}/breach/aware-at`, {
        awareAt: new Date(ctx.now().getTime() + HOUR).toISOString(),
        reason: "typo",
      });
      assert.equal(future.status, 400);
      assert.equal(await rowCount(ctx, "incident_aware_changes"), before);
      const moved = await t.put(t.as.investigator, `${url}/breach/aware-at`, {
        awareAt: later,
        reason: "The receptionist's note shows 10:10.",
      });
      assert.equal(moved.status, 200, moved.text);
      assert.equal(moved.body.breach.awareChanges.length, 1);
      assert.equal(moved.body.breach.awareChanges[0].reason, "The receptionist's note shows 10:10.");
      const back = await t.put(t.as.investigator, `${url}/breach/aware-at`, {
        awareAt: AWARE.toISOString(),
        reason: "The phone log shows 10:00 after all.",
      });
      assert.equal(back.body.breach.awareAt, AWARE.toISOString());
    });

    it("mails the owner at 24 hours once, though two instances look at the same moment, and not again after a restart", async () => {
      assert.equal(await sendBreachReminders(ctx), 0, "nothing is due yet");
      ctx.clock.advance(24 * HOUR);
      const [a, b] = await Promise.all([sendBreachReminders(ctx), sendBreachReminders(second)]);
      assert.equal(a + b, 1);
      assert.equal(reminders().length + second.sent.filter((m) => /Breach clock/.test(m.subject)).length, 1);
      assert.equal(await sendBreachReminders(ctx), 0, "a restarted instance sends nothing new");
      const mail = [...reminders(), ...second.sent.filter((m) => /Breach clock/.test(m.subject))][0]!;
      assert.equal(mail.to, t.seed.people["staff-rep"].email);
      assert.match(mail.subject, /47 hours left/);
      assert.ok(!mail.text.includes("Patient named"), "the mail does not carry the case's title");
    });

    it("the scheduled job sends the 48- and 60-hour reminders, then the overdue alert, each once", async () => {
      ctx.sent.length = 0;
      for (const [hours, expected] of [
        [24, /23 hours left/],
        [12, /11 hours left/],
        [12, /Overdue/],
      ] as const) {
        ctx.clock.advance(hours * HOUR);
        await enqueueScheduledJobs(ctx, { outboxBodyDays: 30 });
        await runDueJobs(ctx);
        await enqueueScheduledJobs(ctx, { outboxBodyDays: 30 });
        await runDueJobs(ctx);
        assert.equal(reminders().length, 1, `${hours}`);
        assert.match(reminders()[0]!.subject, expected);
        ctx.sent.length = 0;
      }
      const r = await t.as.admin.get(url);
      assert.ok(r.body.breach.hoursLeft <= 0);
    });

    it("grades on the NHS grid: a vulnerable group lifts 1 × 1 to 2 × 2, which is reportable", async () => {
      const bad = await t.put(t.as.admin, `${url}/breach/grading`, {
        likelihood: 0,
        severity: 9,
        vulnerableGroup: false,
      });
      assert.equal(bad.status, 400);
      const g = await t.put(t.as.admin, `${url}/breach/grading`, {
        likelihood: 1,
        severity: 1,
        vulnerableGroup: true,
      });
      assert.equal(g.status, 200, g.text);
      assert.deepEqual(
        [g.body.breach.grading.likelihood, g.body.breach.grading.severity, g.body.breach.grading.reportable],
        [2, 2, true],
      );
      const low = await t.put(t.as.admin, `${url}/breach/grading`, {
        likelihood: 1,
        severity: 3,
        vulnerableGroup: false,
      });
      assert.equal(low.body.breach.grading.reportable, false);
      assert.match(low.body.breach.grading.advice, /need not be reported/);
    });

    it("the decision needs reasons either way, is recorded once, and stops the reminders", async () => {
      const noReason = await t.put(t.as.admin, `${url}/breach/decision`, {
        decision: "not-report",
        reasons: " ",
      });
      assert.equal(noReason.status, 400);
      const d = await t.put(t.as.admin, `${url}/breach/decision`, {
        decision: "not-report",
        reasons: "Deleted within ten minutes; no one outside the practice saw it.",
      });
      assert.equal(d.status, 200, d.text);
      assert.equal(d.body.breach.decision.decision, "not-report");
      assert.equal(d.body.breach.decision.withinClock, false, "decided after the 72 hours");
      assert.equal(d.body.breach.decided, true);
      const again = await t.put(t.as.admin, `${url}/breach/decision`, { decision: "report", reasons: "x" });
      assert.equal(again.status, 409);
      ctx.clock.advance(HOUR);
      assert.equal(await sendBreachReminders(ctx), 0);
    });

    it("records whether the people affected were told; not telling needs the reason; the DSPT fields are kept", async () => {
      const noWhy = await t.put(t.as.admin, `${url}/breach/people-told`, { told: "not-told" });
      assert.equal(noWhy.status, 400);
      const told = await t.put(t.as.admin, `${url}/breach/people-told`, {
        told: "not-told",
        note: "Low risk; telling them would cause needless worry.",
      });
      assert.equal(told.status, 200);
      assert.equal(told.body.breach.peopleTold.told, "not-told");
      const fields = await t.put(t.as.admin, `${url}/breach/report-fields`, {
        whatHappened: "A reply named a patient.",
        peopleAffected: "1",
        contact: "The practice manager",
      });
      assert.equal(fields.status, 200);
      assert.equal(fields.body.breach.reportFields.peopleAffected, "1");
      const audit = await ctx.db
        .selectFrom("audit_log")
        .select("details")
        .where("action", "like", "incident.breach%")
        .execute();
      assert.ok(!JSON.stringify(audit).includes("named a patient"));
    });

    it("exports the DSPT report as a PDF with the fields, grading and decision, to those who may see the case", async () => {
      const r = await t.as.investigator.get(`${url}/breach/report.pdf`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.headers["content-type"], "application/pdf");
      assert.match(String(r.headers["content-disposition"]), /yew-case-\d+-dspt-report\.pdf/);
      const text = (await pdfText(r.raw)).replace(/\s+/g, " ");
      assert.match(text, /Report of a personal data breach/);
      assert.match(text, /What happened A reply named a patient\./);
      assert.match(text, /Approximate number of people affected 1/);
      assert.match(text, /Contact point for more information The practice manager/);
      assert.match(text, /Likely consequences Not recorded yet\./, "a missing answer says so");
      assert.match(text, /Reported to the ICO No, decided/);
      assert.match(text, /The people affected were told No: Low risk/);
      for (const who of ["subject", "staff", "outsider"] as const)
        assert.equal((await t.as[who].get(`${url}/breach/report.pdf`)).status, 404, who);
      const conduct = await t.as.admin.post(`${t.base}/incidents`, {
        type: "conduct",
        title: "Not a breach",
      });
      const none = await t.as.admin.get(`${t.base}/incidents/${conduct.body.id}/breach/report.pdf`);
      assert.equal(none.status, 409);
      assert.match(none.body.error.message, /Only a personal data breach/);
    });
  });
}
