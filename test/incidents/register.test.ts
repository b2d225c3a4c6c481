// The incident register through the API: reporting a concern, opening and changing a case, and who may see it
// (admins and named investigators only; the subject, other staff and another practice get 404; every view of a
// case is in the audit, without its text).
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { concernResponse, incidentListResponse, incidentResponse } from "../../src/contracts";
import { incidentPractice, rowCount } from "./support";
import { Client, PASSWORD } from "../support/http";
import { addMembership, createUser } from "../../src/app/users/create-user";

const SEEN = "A photo of the waiting room with a patient's face visible, posted last night.";
const INCLUDED = "Invented post text for the test: 'Busy day, look who came in!'";

for (const kind of databaseKinds) {
  describe(`the incident register (${kind.name})`, () => {
    let database: OpenDatabase;
    let ctx: ReturnType<typeof testContext>;
    let t: Awaited<ReturnType<typeof incidentPractice>>;
    let caseId: string;

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      t = await incidentPractice(ctx, "hazel");
    });
    after(async () => {
      await t.app.close();
      await database.close();
    });

    it("any member reports a concern; the admins are mailed that one came in, never what it says", async () => {
      const r = await t.as.staff.post(`${t.base}/incidents/concerns`, {
        kind: "colleague-post",
        url: "https://social.example/p/123",
        seen: SEEN,
        includedText: INCLUDED,
      });
      assert.equal(r.status, 201, r.text);
      concernResponse.strict().parse(r.body);
      assert.equal(r.body.number, 1);
      const mail = ctx.sent.filter((m) => m.subject.includes("concern was reported"));
      assert.equal(mail.length, 1);
      assert.equal(mail[0]!.to, t.seed.people.admin.email);
      assert.ok(!mail[0]!.text.includes("waiting room") && !mail[0]!.text.includes("Busy day"));
      // The reporter, a staff member, does not see the case afterwards.
      assert.equal((await t.as.staff.get(`${t.base}/incidents/${r.body.id}`)).status, 404);
      const mine = await t.as.staff.get(`${t.base}/incidents`);
      assert.equal(mine.status, 200);
      assert.deepEqual(mine.body, { incidents: [], canOpen: false });
      const audit = await ctx.db
        .selectFrom("audit_log")
        .select(["details"])
        .where("action", "=", "incident.concern-reported")
        .execute();
      assert.equal(audit.length, 1);
      assert.ok(!JSON.stringify(audit).includes("waiting room"));
    });

    it("a concern with nothing said, a bad link or a kind not known is refused in plain words, writing nothing", async () => {
      const before = await rowCount(ctx, "incidents");
      for (const body of [
        { kind: "colleague-post", seen: "   " },
        { kind: "colleague-post", seen: "x", url: "not a link" },
        { kind: "gossip", seen: "x" },
        { kind: "colleague-post", seen: "x".repeat(4001) },
        "not json at all",
      ]) {
        const r = await t.as.staff.post(`${t.base}/incidents/concerns`, body);
        assert.equal(r.status, 400, r.text);
        assert.ok(!/zod|undefined|Expected/.test(r.body.error.message), r.body.error.message);
      }
      assert.equal(await rowCount(ctx, "incidents"), before);
    });

    it("an admin opens a conduct case naming its subject and an investigator", async () => {
      const r = await t.as.admin.post(`${t.base}/incidents`, {
        type: "conduct",
        title: "Post about a patient",
        summary: "Invented summary for the test.",
        subjectIds: [t.ids.subject],
        investigatorIds: [t.ids.investigator],
        clauses: ["confidentiality-1"],
      });
      assert.equal(r.status, 201, r.text);
      incidentResponse.strict().parse(r.body);
      caseId = r.body.id;
      assert.equal(r.body.status, "open");
      assert.equal(r.body.number, 2);
      assert.deepEqual(
        r.body.subjects.map((p: { id: string }) => p.id),
        [t.ids.subject],
      );
      assert.equal(r.body.breach, null);
      assert.ok(r.body.allowed.includes("edit-incident"));
    });

    it("only an admin opens a case; a staff member is refused and nothing is written", async () => {
      const before = await rowCount(ctx, "incidents");
      const r = await t.as.staff.post(`${t.base}/incidents`, { type: "conduct", title: "x" });
      assert.equal(r.status, 403);
      const bad = await t.as.admin.post(`${t.base}/incidents`, {
        type: "conduct",
        title: "x",
        investigatorIds: [t.ids.otherAdmin],
      });
      assert.equal(bad.status, 400, "another practice's member cannot be named");
      const both = await t.as.admin.post(`${t.base}/incidents`, {
        type: "conduct",
        title: "x",
        subjectIds: [t.ids.investigator],
        investigatorIds: [t.ids.investigator],
      });
      assert.equal(both.status, 400, "a subject cannot investigate");
      assert.equal(await rowCount(ctx, "incidents"), before);
    });

    it("the subject, a staff member and another practice's admin get 404; the investigator sees only their case", async () => {
      const url = `${t.base}/incidents/${caseId}`;
      assert.equal((await t.as.subject.get(url)).status, 404);
      assert.equal((await t.as.staff.get(url)).status, 404);
      assert.equal((await t.as.outsider.get(url)).status, 404);
      assert.equal(
        (await t.as.outsider.get(`/api/practices/${t.other.practice.id}/incidents/${caseId}`)).status,
        404,
      );
      assert.equal((await t.as.subject.patch(url, { title: "mine now" })).status, 404);
      assert.equal((await t.as.subject.post(`${url}/actions`, { note: "x" })).status, 404);
      const seen = await t.as.investigator.get(url);
      assert.equal(seen.status, 200, seen.text);
      assert.ok(!seen.body.allowed.includes("edit-incident"));
      const list = await t.as.investigator.get(`${t.base}/incidents`);
      incidentListResponse.parse(list.body);
      assert.deepEqual(
        list.body.incidents.map((i: { id: string }) => i.id),
        [caseId],
      );
      assert.deepEqual((await t.as.subject.get(`${t.base}/incidents`)).body.incidents, []);
      const admin = await t.as.admin.get(`${t.base}/incidents`);
      assert.equal(admin.body.incidents.length, 2);
      assert.equal(admin.body.canOpen, true);
    });

    it("an admin who is the subject of a case does not see it either; nobody opens a case about themselves", async () => {
      const self = await t.as.admin.post(`${t.base}/incidents`, {
        type: "conduct",
        title: "About me",
        subjectIds: [t.ids.admin],
      });
      assert.equal(self.status, 409);
      const second = await createUser(ctx.db, {
        email: "second.admin@hazel.example",
        name: "Second Admin",
        password: PASSWORD,
      });
      await addMembership(ctx.db, t.seed.practice.id, second.id, ["admin", "staff"], ctx.now());
      const other = new Client(t.app, "10.11.9.9");
      assert.equal((await other.signIn(second.email)).status, 200);
      const r = await other.post(`${t.base}/incidents`, {
        type: "conduct",
        title: "About the manager",
        subjectIds: [t.ids.admin],
      });
      assert.equal(r.status, 201, r.text);
      assert.equal((await t.as.admin.get(`${t.base}/incidents/${r.body.id}`)).status, 404);
      const list = await t.as.admin.get(`${t.base}/incidents`);
      assert.ok(!list.body.incidents.some((i: { id: string }) => i.id === r.body.id));
    });

    it("every view of a case is in the audit, naming who and which case, never its text", async () => {
      const rows = await ctx.db
        .selectFrom("audit_log")
        .select(["actor_id", "target_id", "details"])
        .where("action", "=", "incident.viewed")
        .where("target_id", "=", caseId)
        .execute();
      const viewers = rows.map((r) => r.actor_id);
      assert.ok(viewers.includes(t.ids.investigator));
      assert.ok(viewers.includes(t.ids.admin));
      assert.ok(!viewers.includes(t.ids.subject), "a refused look is not a view");
      assert.ok(!JSON.stringify(rows).includes("Invented"));
      const log = await t.as.admin.get(`${t.base}/audit?action=incident.viewed`);
      assert.equal(log.status, 200, log.text);
      const summaries = (log.body.entries as { summary: string }[]).map((e) => e.summary);
      assert.ok(summaries.includes("staff-rep of hazel looked at case 2"), summaries.join("; "));
    });

    it("the investigator adds to the timeline; closing needs an outcome; a closed case takes no more actions", async () => {
      const url = `${t.base}/incidents/${caseId}`;
      const added = await t.as.investigator.post(`${url}/actions`, { note: "Spoke to the member." });
      assert.equal(added.status, 200, added.text);
      assert.equal(added.body.timeline.at(-1).note, "Spoke to the member.");
      const noOutcome = await t.as.admin.patch(url, { status: "closed" });
      assert.equal(noOutcome.status, 400);
      assert.match(noOutcome.body.error.message, /outcome/);
      const closed = await t.as.admin.patch(url, {
        status: "closed",
        outcome: "Informal word; post removed.",
      });
      assert.equal(closed.status, 200, closed.text);
      assert.equal(closed.body.status, "closed");
      assert.equal(closed.body.summary, "Invented summary for the test.", "what was not sent is kept");
      assert.ok(closed.body.closedAt);
      const late = await t.as.investigator.post(`${url}/actions`, { note: "More." });
      assert.equal(late.status, 409);
      const reopenNoReason = await t.as.admin.patch(url, { status: "open" });
      assert.equal(reopenNoReason.status, 400);
      assert.equal((await t.as.admin.patch(url, { status: "open", reason: "New post found." })).status, 200);
    });

    it("an id that is not a case, or a malformed one, is 404", async () => {
      assert.equal((await t.as.admin.get(`${t.base}/incidents/not-an-id`)).status, 404);
      assert.equal(
        (await t.as.admin.get(`${t.base}/incidents/00000000-0000-4000-8000-000000000009`)).status,
        404,
      );
    });

    it("a concern raised from an inbox comment is linked to it and keeps the checker's findings, not the text", async () => {
      const inbox = `${t.base}/inbox`;
      const threat =
        "Invented for the test: you lot are useless idiots and I will come down and smash the windows.";
      const made = await t.as.subject.post(inbox, { channel: "facebook", author: "Pat", text: threat });
      assert.equal(made.status, 201, made.text);
      const conversationId = made.body.conversationIds[0];
      const conv = await t.as.subject.get(`${inbox}/${conversationId}`);
      const commentId = conv.body.comments[0].id;
      const r = await t.as.subject.post(`${t.base}/incidents/concerns`, {
        kind: "patient-comment",
        seen: "A threat on our Facebook page this morning.",
        commentId,
        attachFindings: true,
      });
      assert.equal(r.status, 201, r.text);
      const view = await t.as.admin.get(`${t.base}/incidents/${r.body.id}`);
      incidentResponse.strict().parse(view.body);
      assert.deepEqual(view.body.concern.comment, { id: commentId, conversationId });
      assert.equal(view.body.concern.includedText, null, "the reporter chose to include no text");
      const findings: { rule: string; severity: string }[] = view.body.concern.findings;
      assert.ok(findings.length > 0, "the checker's findings are attached");
      const row = await ctx.db
        .selectFrom("incidents")
        .selectAll()
        .where("id", "=", r.body.id)
        .executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(row).includes("smash"), "no words of the comment are kept on the case");

      // Another practice's comment id is 404, and nothing is written.
      const theirs = await t.as.outsider.post(`/api/practices/${t.other.practice.id}/inbox`, {
        channel: "x",
        text: "Invented: what time do you open on Saturday?",
      });
      const theirConv = await t.as.outsider.get(
        `/api/practices/${t.other.practice.id}/inbox/${theirs.body.conversationIds[0]}`,
      );
      const before = await rowCount(ctx, "incidents");
      const foreign = await t.as.subject.post(`${t.base}/incidents/concerns`, {
        kind: "patient-comment",
        seen: "x",
        commentId: theirConv.body.comments[0].id,
      });
      assert.equal(foreign.status, 404);
      assert.equal(await rowCount(ctx, "incidents"), before);
    });

    it("a post of one's own can be checked for the concern: the findings are kept, the post is not", async () => {
      const post = "Invented for the test: saw our patient NHS number 943 476 5919 at the gym, poor thing.";
      const r = await t.as.staff.post(`${t.base}/incidents/concerns`, {
        kind: "own-post",
        seen: "I posted this on my own account last night and have deleted it.",
        checkText: post,
        attachFindings: true,
      });
      assert.equal(r.status, 201, r.text);
      const view = await t.as.admin.get(`${t.base}/incidents/${r.body.id}`);
      const rules = view.body.concern.findings.map((f: { rule: string }) => f.rule);
      assert.ok(rules.length > 0, JSON.stringify(view.body.concern.findings));
      assert.ok(!JSON.stringify(view.body).includes("943 476 5919"), "the post is not kept");
      const without = await t.as.staff.post(`${t.base}/incidents/concerns`, {
        kind: "own-post",
        seen: "Another one.",
        checkText: post,
      });
      const plain = await t.as.admin.get(`${t.base}/incidents/${without.body.id}`);
      assert.equal(plain.body.concern.findings, null, "findings are attached only when asked");
    });
  });
}
