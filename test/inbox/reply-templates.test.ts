// Reply templates over HTTP: a practice starts with the built-in replies (seeded once, also when two people look
// at once), filled from its settings; the admin writes, changes, archives and pre-approves them; everyone else
// is refused plainly, another practice's template is a 404, and bad input writes nothing.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { errorBody, templateListResponse, templateResponse } from "../../src/contracts";
import { DEFAULT_REPLY_TEMPLATES } from "../../src/core/inbox";
import { postingPractice } from "../posts/support";

for (const kind of databaseKinds) {
  describe(`reply templates (${kind.name})`, () => {
    let database: OpenDatabase;
    let ctx: ReturnType<typeof testContext>;
    let t: Awaited<ReturnType<typeof postingPractice>>;
    let templates: string;
    const count = async () =>
      Number(
        (
          await ctx.db
            .selectFrom("inbox_reply_templates")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .where("practice_id", "=", t.seed.practice.id)
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      t = await postingPractice(ctx, "yew");
      templates = `${t.base}/inbox/templates`;
      await ctx.db
        .updateTable("practices")
        .set({
          settings: JSON.stringify({
            phone: "01632 960 444",
            complaintsProcedureUrl: "https://yew.example/complaints",
          }),
        })
        .where("id", "=", t.seed.practice.id)
        .execute();
    });
    after(async () => {
      await t.app.close();
      await database.close();
    });

    it("a practice starts with the built-in replies, seeded once even when two people look at once", async () => {
      const [a, b] = await Promise.all([t.as.poster.get(templates), t.as.approver.get(templates)]);
      assert.equal(a.status, 200, a.text);
      assert.equal(b.status, 200, b.text);
      const list = templateListResponse.strict().parse(a.body);
      for (const x of list.templates) templateResponse.strict().parse(x);
      assert.equal(list.templates.length, DEFAULT_REPLY_TEMPLATES.length);
      assert.equal(await count(), DEFAULT_REPLY_TEMPLATES.length);
      const complaint = list.templates.find((x) => x.category === "complaint")!;
      assert.equal(complaint.builtIn, true);
      assert.equal(complaint.preApproved, false);
      assert.match(complaint.text, /\{complaints\}/);
      assert.match(complaint.filled, /complaints procedure \(https:\/\/yew\.example\/complaints\)/);
      assert.match(complaint.filled, /call us on 01632 960 444/);
      assert.deepEqual(list.allowed, [], "a poster may not write templates");
      assert.ok(list.placeholders.some((p) => p.name === "complaintsRoute"));
      const mine = await t.as.admin.get(templates);
      assert.deepEqual(mine.body.allowed, ["create"]);
    });

    it("the admin writes a pre-approved template, changes it, archives it and brings it back", async () => {
      const made = await t.as.admin.post(templates, {
        category: "appointment-request",
        name: "Book online",
        text: "Thanks! Book through {nhsApp} or {onlineConsultation}, or {callUs}.",
        preApproved: true,
      });
      assert.equal(made.status, 201, made.text);
      const view = templateResponse.strict().parse(made.body);
      assert.equal(view.preApproved, true);
      assert.equal(
        view.filled,
        "Thanks! Book through the NHS App or our online consultation form, or call us on 01632 960 444.",
      );
      const id = view.id;
      const changed = await t.as.admin.patch(`${templates}/${id}`, {
        name: "Book with the NHS App",
        preApproved: false,
      });
      assert.equal(changed.status, 200, changed.text);
      assert.equal(changed.body.name, "Book with the NHS App");
      assert.equal(changed.body.preApproved, false);
      const archived = await t.as.admin.patch(`${templates}/${id}`, { archived: true });
      assert.equal(archived.body.archived, true);
      const current = await t.as.poster.get(templates);
      assert.ok(
        !current.body.templates.some((x: { id: string }) => x.id === id),
        "archived ones are not offered",
      );
      const all = await t.as.admin.get(`${templates}?archived=true`);
      assert.ok(all.body.templates.some((x: { id: string }) => x.id === id));
      const back = await t.as.admin.patch(`${templates}/${id}`, { archived: false });
      assert.equal(back.body.archived, false);
      // The audit records what was done to which template, never its words.
      const audit = await ctx.db
        .selectFrom("audit_log")
        .select(["action", "details"])
        .where("target_id", "=", id)
        .execute();
      assert.equal(audit.length, 4);
      assert.ok(!JSON.stringify(audit).includes("NHS App"));
    });

    it("only the admin manages templates; staff cannot see them; another practice's template is a 404", async () => {
      const body = { category: "review", name: "Thanks", text: "Thank you!" };
      const poster = await t.as.poster.post(templates, body);
      assert.equal(poster.status, 403, poster.text);
      errorBody.parse(poster.body);
      assert.match(poster.body.error.message, /practice manager/);
      assert.equal((await t.as.approver.post(templates, body)).status, 403);
      assert.equal((await t.as.staff.get(templates)).status, 403);
      const id = (await t.as.admin.get(templates)).body.templates[0].id;
      assert.equal((await t.as.outsider.get(`${templates}`)).status, 404);
      const otherAdmin = await t.as.outsider.get(`/api/practices/${t.other.practice.id}/inbox/templates`);
      assert.equal(otherAdmin.status, 200, "their own practice's templates");
      assert.ok(!otherAdmin.body.templates.some((x: { id: string }) => x.id === id));
      assert.equal(
        (await t.as.admin.patch(`${templates}/${crypto.randomUUID()}`, { name: "x" })).status,
        404,
      );
      assert.equal((await t.as.admin.patch(`${templates}/not-an-id`, { name: "x" })).status, 404);
      const stranger = await t.as.admin.patch(`/api/practices/${t.other.practice.id}/inbox/templates/${id}`, {
        name: "x",
      });
      assert.equal(stranger.status, 404);
    });

    it("bad input gets a plain sentence and writes nothing", async () => {
      const before = await count();
      const cases: [unknown, RegExp][] = [
        [{ category: "complaint", name: "x", text: "" }, /empty/],
        [{ category: "complaint", name: "", text: "Hello" }, /name/],
        [{ category: "gossip", name: "x", text: "Hello" }, /kind of comment/],
        [{ category: "complaint", name: "x", text: "Ring {fone}" }, /\{fone\} is not a placeholder/],
        [{ category: "complaint", name: "x", text: "a".repeat(2_001) }, /2,000 characters/],
      ];
      for (const [b, message] of cases) {
        const r = await t.as.admin.post(templates, b);
        assert.equal(r.status, 400, r.text);
        assert.match(r.body.error.message, message);
      }
      const huge = await t.as.admin.post(templates, {
        category: "complaint",
        name: "x",
        text: "a".repeat(1024 * 1024),
      });
      assert.equal(huge.status, 413);
      assert.match(huge.body.error.message, /too large/);
      const id = (await t.as.admin.get(templates)).body.templates[0].id;
      const empty = await t.as.admin.patch(`${templates}/${id}`, {});
      assert.equal(empty.status, 400);
      assert.equal(await count(), before);
    });
  });
}
