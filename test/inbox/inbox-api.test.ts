// The inbox over HTTP: who may see and change it, the filters, the contracts, and bad input answered plainly
// with nothing written.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import {
  conversationListResponse,
  conversationResponse,
  errorBody,
  receiveResponse,
} from "../../src/contracts";
import { postingPractice } from "../posts/support";
import { COMMENTS, csvOf, inboxCounts } from "./support";

for (const kind of databaseKinds) {
  describe(`the inbox API (${kind.name})`, () => {
    let database: OpenDatabase;
    let ctx: ReturnType<typeof testContext>;
    let t: Awaited<ReturnType<typeof postingPractice>>;
    let inbox: string;
    let complaintId: string;
    let threatId: string;

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      ctx.clock.current = new Date("2026-12-04T12:00:00Z");
      t = await postingPractice(ctx, "hazel");
      inbox = `${t.base}/inbox`;
    });
    after(async () => {
      await t.app.close();
      await database.close();
    });

    it("a poster pastes a comment and gets it back triaged, in the shape the contract says", async () => {
      const r = await t.as.poster.post(inbox, {
        channel: "facebook",
        author: "Pat",
        text: COMMENTS.complaint,
        receivedAt: "",
        postUrl: "",
      });
      assert.equal(r.status, 201, r.text);
      receiveResponse.strict().parse(r.body);
      complaintId = r.body.conversationIds[0];
      const got = await t.as.approver.get(`${inbox}/${complaintId}`);
      assert.equal(got.status, 200, got.text);
      const view = conversationResponse.strict().parse(got.body);
      assert.equal(view.category, "complaint");
      assert.equal(view.acknowledgeBy, "2026-12-09");
      assert.deepEqual(view.actions, ["awaiting reply"]);
      assert.equal(view.comments?.[0]?.text, COMMENTS.complaint);
      assert.ok(view.comments?.[0]?.pointTo.includes("complaints-procedure"));
      assert.ok(view.comments?.[0]?.suggestedReply);
    });

    it("a CSV import answers how many were stored; the list filters by channel, category, status and assignee", async () => {
      const r = await t.as.admin.post(`${inbox}/import`, {
        csv: csvOf([
          ["x", "@loud", COMMENTS.threat, "2026-12-04 08:00", ""],
          ["instagram", "@kind", COMMENTS.review, "2026-12-04 08:05", ""],
        ]),
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.stored, 2);
      const all = await t.as.poster.get(inbox);
      assert.equal(all.status, 200, all.text);
      const list = conversationListResponse.parse(all.body);
      for (const c of list.conversations) conversationResponse.strict().parse(c);
      assert.equal(list.conversations.length, 3);
      assert.equal(list.conversations[0]!.priority, "urgent", "most pressing first");
      threatId = list.conversations[0]!.id;
      assert.deepEqual(list.conversations[0]!.actions, ["escalated", "to hide", "awaiting reply"]);
      const ids = async (q: string) =>
        ((await t.as.poster.get(`${inbox}?${q}`)).body.conversations as { id: string }[]).map((c) => c.id);
      assert.deepEqual(await ids("channel=x"), [threatId]);
      assert.deepEqual(await ids("category=complaint"), [complaintId]);
      assert.equal((await ids("status=new")).length, 3);
      assert.equal((await ids("assignee=none")).length, 3);
      assert.equal((await t.as.poster.get(`${inbox}?channel=myspace`)).status, 400);
    });

    it("status, assignee and priority are set; a status that cannot follow is a conflict", async () => {
      const r = await t.as.poster.patch(`${inbox}/${threatId}`, {
        status: "in_progress",
        assigneeId: t.seed.people.approver.id,
        priority: "high",
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.status, "in_progress");
      assert.equal(r.body.assignee.id, t.seed.people.approver.id);
      assert.equal(r.body.priority, "high");
      const mine = await t.as.poster.get(`${inbox}?assignee=${t.seed.people.approver.id}`);
      assert.deepEqual(
        mine.body.conversations.map((c: { id: string }) => c.id),
        [threatId],
      );
      const answered = await t.as.poster.patch(`${inbox}/${threatId}`, { status: "answered" });
      assert.equal(answered.status, 200, answered.text);
      assert.ok(answered.body.firstReplyAt, "the first reply time is recorded");
      assert.equal(
        (await t.as.poster.patch(`${inbox}/${threatId}`, { status: "awaiting_approval" })).status,
        409,
      );
      const closed = await t.as.poster.patch(`${inbox}/${threatId}`, { status: "closed" });
      assert.ok(closed.body.closedAt);
      const audit = await ctx.db
        .selectFrom("audit_log")
        .selectAll()
        .where("action", "=", "inbox.conversation-changed")
        .execute();
      assert.equal(audit.length, 3);
      assert.ok(!JSON.stringify(audit).includes("smash"));
    });

    it("a conversation can be given only to someone who may see the inbox, of this practice", async () => {
      const staff = await t.as.poster.patch(`${inbox}/${complaintId}`, {
        assigneeId: t.seed.people.staff.id,
      });
      assert.equal(staff.status, 400, staff.text);
      assert.match(staff.body.error.message, /cannot see the inbox/);
      const outsider = await t.as.poster.patch(`${inbox}/${complaintId}`, {
        assigneeId: t.other.people.poster.id,
      });
      assert.equal(outsider.status, 404);
      assert.equal((await t.as.poster.patch(`${inbox}/${complaintId}`, {})).status, 400);
    });

    it("staff without a posting role get 403 on every inbox route, and nothing is written", async () => {
      const before = await inboxCounts(ctx);
      const staff = t.as.staff;
      for (const r of [
        await staff.get(inbox),
        await staff.get(`${inbox}/${complaintId}`),
        await staff.post(inbox, { channel: "x", text: COMMENTS.review }),
        await staff.post(`${inbox}/import`, { csv: csvOf([["x", "a", COMMENTS.review, "", ""]]) }),
        await staff.patch(`${inbox}/${complaintId}`, { status: "closed" }),
      ]) {
        assert.equal(r.status, 403, r.text);
        errorBody.strict().parse(r.body);
      }
      assert.deepEqual(await inboxCounts(ctx), before);
    });

    it("another practice's ids are 404 on every inbox route", async () => {
      const before = await inboxCounts(ctx);
      const them = t.as.outsider;
      const theirInbox = `/api/practices/${t.other.practice.id}/inbox`;
      const made = await them.post(theirInbox, { channel: "x", text: COMMENTS.question });
      assert.equal(made.status, 201, made.text);
      const theirs = made.body.conversationIds[0];
      for (const r of [
        await them.get(inbox),
        await them.get(`${inbox}/${complaintId}`),
        await them.post(inbox, { channel: "x", text: COMMENTS.review }),
        await them.post(`${inbox}/import`, { csv: csvOf([["x", "a", COMMENTS.review, "", ""]]) }),
        await them.patch(`${inbox}/${complaintId}`, { status: "closed" }),
        await t.as.poster.get(`${inbox}/${theirs}`),
        await t.as.poster.patch(`${inbox}/${theirs}`, { status: "closed" }),
        await t.as.poster.get(`${inbox}/not-an-id`),
      ])
        assert.equal(r.status, 404, r.text);
      const after = await inboxCounts(ctx);
      assert.equal(after.comments, before.comments + 1, "only their own comment was stored");
    });

    it("bad input gets a plain message and writes nothing", async () => {
      const before = await inboxCounts(ctx);
      const cases: [unknown, RegExp][] = [
        [{ channel: "x", text: "" }, /empty/],
        [{ channel: "fb", text: COMMENTS.review }, /The channel 'fb' is not one of facebook/],
        [{ channel: "x", text: "a".repeat(20_000) }, /at most 10,000 characters/],
        [{ channel: "x", text: COMMENTS.review, receivedAt: "last Tuesday" }, /time it was received/],
        [
          { channel: "x", text: COMMENTS.review, postUrl: "https://example.org/nowhere" },
          /not one of the practice's published posts/,
        ],
        [{ channel: "x", text: 42 }, /comment/],
        ["just text", /./],
      ];
      for (const [body, message] of cases) {
        const r = await t.as.poster.post(inbox, body);
        assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 60)} → ${r.text}`);
        assert.match(r.body.error.message, message);
      }
      const huge = await t.as.poster.post(inbox, { channel: "x", text: "a".repeat(1024 * 1024) });
      assert.equal(huge.status, 413, huge.text);
      assert.match(huge.body.error.message, /too large/);
      const csv = await t.as.poster.post(`${inbox}/import`, {
        csv: csvOf([
          ["x", "a", COMMENTS.review, "", ""],
          ["x", "b", COMMENTS.review, "", ""],
          ["myspace", "c", COMMENTS.review, "", ""],
        ]),
      });
      assert.equal(csv.status, 400);
      assert.match(csv.body.error.message, /^Line 4: the channel 'myspace'/);
      assert.equal((await t.as.poster.post(`${inbox}/import`, {})).status, 400);
      assert.deepEqual(await inboxCounts(ctx), before);
    });

    it("the inbox routes are in the OpenAPI document", async () => {
      const doc = (await t.as.poster.get("/api/openapi.json")).body;
      assert.ok(doc.paths["/api/practices/{practiceId}/inbox"].get);
      assert.ok(doc.paths["/api/practices/{practiceId}/inbox/import"].post);
      assert.equal(
        doc.paths["/api/practices/{practiceId}/inbox/{conversationId}"].patch["x-safepost-action"],
        "manage-inbox",
      );
    });
  });
}
