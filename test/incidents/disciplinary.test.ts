// The disciplinary process on a case, through the API: the Acas order is enforced by the core's machine (no
// decision before the meeting, the investigator never decides, an appeal heard by someone new), refusals say
// why in plain words and write nothing, and the member the case is about sees none of it.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { incidentPractice, rowCount } from "./support";
import { docxText, pdfText } from "../policy/pdf-text";

const DAY = 86_400_000;

for (const kind of databaseKinds) {
  describe(`the disciplinary steps on a case (${kind.name})`, () => {
    let database: OpenDatabase;
    let ctx: ReturnType<typeof testContext>;
    let t: Awaited<ReturnType<typeof incidentPractice>>;
    let url: string;
    const step = (who: keyof typeof t.as, body: Record<string, unknown>) =>
      t.as[who].post(`${url}/disciplinary/steps`, body);

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      t = await incidentPractice(ctx, "rowan");
      const r = await t.as.admin.post(`${t.base}/incidents`, {
        type: "conduct",
        title: "Rude reply to a patient",
      });
      url = `${t.base}/incidents/${r.body.id}`;
    });
    after(async () => {
      await t.app.close();
      await database.close();
    });

    it("opens with an investigator and a different decider; the member becomes the case's subject", async () => {
      const same = await t.as.admin.post(`${url}/disciplinary`, {
        subjectId: t.ids.subject,
        investigatorId: t.ids.approver,
        deciderId: t.ids.approver,
      });
      assert.equal(same.status, 409);
      assert.match(same.body.error.message, /cannot also be the person who decides/);
      const r = await t.as.admin.post(`${url}/disciplinary`, {
        subjectId: t.ids.subject,
        investigatorId: t.ids.investigator,
        deciderId: t.ids.approver,
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.disciplinary.stage, "opened");
      assert.equal((await t.as.subject.get(url)).status, 404);
      assert.equal((await t.as.approver.get(url)).status, 200, "the decider may see the case");
    });

    it("refuses a decision before the meeting, in plain words, writing nothing", async () => {
      const before = await rowCount(ctx, "disciplinary_steps");
      const r = await step("approver", { kind: "record-decision", outcome: "no-action", reasons: "x" });
      assert.equal(r.status, 409);
      assert.equal(
        r.body.error.message,
        "A decision cannot be made before the disciplinary meeting has been held and recorded.",
      );
      assert.equal(await rowCount(ctx, "disciplinary_steps"), before);
      assert.equal((await step("subject", { kind: "lodge-appeal", grounds: "x" })).status, 404);
      const early = await t.as.admin.get(`${url}/disciplinary/letters/invitation?format=pdf`);
      assert.equal(early.status, 409, "no invitation letter before the invitation is sent");
      assert.match(early.body.error.message, /once the invitation has been sent/);
    });

    it("investigation, invitation (with the right to be accompanied) and meeting, in order", async () => {
      assert.equal((await step("approver", { kind: "record-investigation", findings: "x" })).status, 409);
      const inv = await step("investigator", {
        kind: "record-investigation",
        findings: "The reply was sent from the practice account.",
      });
      assert.equal(inv.status, 200, inv.text);
      const meetingAt = new Date(ctx.now().getTime() + 3 * DAY).toISOString();
      const letter = {
        kind: "send-invitation",
        allegation: "An abusive reply to a patient on the practice's page.",
        evidence: ["Screenshot of the reply"],
        meetingAt,
        place: "The practice manager's office",
        rightToBeAccompanied: false,
      };
      const noRight = await step("investigator", letter);
      assert.equal(noRight.status, 400);
      assert.ok(noRight.body.error.fields.rightToBeAccompanied);
      assert.equal((await step("investigator", { ...letter, rightToBeAccompanied: true })).status, 200);
      const early = await step("approver", {
        kind: "record-meeting",
        heldAt: meetingAt,
        companion: "colleague",
        record: "x",
      });
      assert.equal(early.status, 400, "a meeting in the future cannot be recorded");
      ctx.clock.advance(3 * DAY + 3_600_000);
      await t.as.approver.signIn(t.seed.people.approver.email);
      await t.as.investigator.signIn(t.seed.people["staff-rep"].email);
      await t.as.admin.signIn(t.seed.people.admin.email);
      const byInvestigator = await step("investigator", {
        kind: "record-meeting",
        heldAt: meetingAt,
        companion: "colleague",
        record: "x",
      });
      assert.equal(byInvestigator.status, 409, "the decider holds the meeting");
      const met = await step("approver", {
        kind: "record-meeting",
        heldAt: meetingAt,
        companion: "trade-union-representative",
        record: "The member explained and apologised.",
      });
      assert.equal(met.status, 200, met.text);
      assert.equal(met.body.disciplinary.stage, "met");
    });

    it("the investigator cannot decide; the decider gives a written warning with its expiry", async () => {
      const inv = await step("investigator", { kind: "record-decision", outcome: "no-action", reasons: "x" });
      assert.equal(inv.status, 409);
      assert.match(inv.body.error.message, /investigated cannot make the decision/);
      const noMonths = await step("approver", {
        kind: "record-decision",
        outcome: "written-warning",
        reasons: "x",
      });
      assert.equal(noMonths.status, 400);
      const d = await step("approver", {
        kind: "record-decision",
        outcome: "written-warning",
        reasons: "The reply breached the policy's clause on patients.",
        warningMonths: 6,
      });
      assert.equal(d.status, 200, d.text);
      const decision = d.body.disciplinary.detail.decision;
      assert.equal(decision.outcome, "written-warning");
      assert.match(decision.warningExpiresOn, /^2027-05-/);
    });

    it("an appeal is not heard by the decision maker; someone new hears it", async () => {
      assert.equal((await step("admin", { kind: "lodge-appeal", grounds: "Too harsh." })).status, 200);
      const byDecider = await step("approver", {
        kind: "record-appeal-outcome",
        result: "upheld",
        reasons: "x",
      });
      assert.equal(byDecider.status, 409);
      assert.match(byDecider.body.error.message, /someone new/);
      const heard = await step("admin", {
        kind: "record-appeal-outcome",
        result: "upheld",
        reasons: "Fair and in proportion.",
      });
      assert.equal(heard.status, 200, heard.text);
      assert.equal(heard.body.disciplinary.stage, "appeal-decided");
      const kinds = heard.body.timeline.map((e: { kind: string }) => e.kind);
      assert.ok(kinds.includes("disciplinary-record-decision"));
      assert.equal((await t.as.subject.get(url)).status, 404);
    });

    it("writes the three letters as DOCX and PDF from the steps recorded, for those who may see the case", async () => {
      const letter = (who: keyof typeof t.as, kind: string, format: string) =>
        t.as[who].get(`${url}/disciplinary/letters/${kind}?format=${format}`);
      const inviteDocx = await letter("admin", "invitation", "docx");
      assert.equal(inviteDocx.status, 200, inviteDocx.text);
      assert.match(String(inviteDocx.headers["content-disposition"]), /rowan-case-\d+-invitation\.docx/);
      const invite = docxText(inviteDocx.raw).text;
      assert.match(invite, /Invitation to a disciplinary meeting/);
      assert.match(invite, /An abusive reply to a patient on the practice's page\./, "the allegation");
      assert.match(invite, /Screenshot of the reply/, "the evidence");
      assert.match(invite, /The practice manager's office/, "the place");
      assert.match(invite, /a colleague or a trade union representative/, "the right to be accompanied");
      const invitePdf = await letter("investigator", "invitation", "pdf");
      assert.equal(invitePdf.status, 200);
      assert.equal(invitePdf.headers["content-type"], "application/pdf");
      const pdfInvite = (await pdfText(invitePdf.raw)).replace(/\s+/g, " ");
      assert.match(pdfInvite, /The practice manager's office/);
      assert.match(pdfInvite, /trade union representative/);

      const decision = (await pdfText((await letter("approver", "decision", "pdf")).raw)).replace(
        /\s+/g,
        " ",
      );
      assert.match(decision, /you are given a written warning/);
      assert.match(decision, /for 6 months, until \d+ May 2027/, "the warning's duration and expiry");
      assert.match(decision, /right of appeal/i);
      const decisionDocx = docxText((await letter("approver", "decision", "docx")).raw).text;
      assert.match(decisionDocx, /The reply breached the policy's clause on patients\./);

      const appeal = docxText((await letter("admin", "appeal-outcome", "docx")).raw).text;
      assert.match(appeal, /Outcome of your appeal/);
      assert.match(appeal, /the original decision stands/);
      assert.match(appeal, /Fair and in proportion\./);

      assert.equal((await letter("subject", "invitation", "pdf")).status, 404, "the member concerned");
      assert.equal((await letter("staff", "decision", "pdf")).status, 404);
      assert.equal((await letter("outsider", "decision", "pdf")).status, 404);
      assert.equal((await letter("admin", "warning", "pdf")).status, 400);
      const audited = await ctx.db
        .selectFrom("audit_log")
        .select("details")
        .where("action", "=", "incident.letter-made")
        .execute();
      assert.equal(audited.length, 5, "each letter made is audited");
      assert.ok(!JSON.stringify(audited).includes("abusive"), "the audit holds no letter text");
    });
  });
}
