import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { buildServer } from "../../src/server/app";
import { policyCaller, seedPolicyPractice, sessionHeaders, type Method, type Who } from "./fixtures";

const DAY = 86_400_000;

for (const kind of databaseKinds) {
  describe(`editing a draft's clauses and sections over HTTP (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    let practiceId: string;
    let draftId = "";
    const h = {} as Record<Who | "outsider", Record<string, string>>;

    const call = policyCaller(() => app, h);
    const api = (path: string): string => `/api/practices/${practiceId}/policy${path}`;
    const draft = (rest = ""): string => api(`/versions/${draftId}${rest}`);
    const current = async () => (await call("admin", "GET", draft())).body;
    const flat = (body: { document: { sections: { key: string; clauses: { key: string }[] }[] } }) =>
      body.document.sections.flatMap((s) => s.clauses.map((c) => `${s.key}/${c.key}`));
    const clause = (title: string, text = `${title}: the text.`) => ({ title, text, patientFacing: true });

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      app = await buildServer(ctx, { logLevel: "silent", checkResponses: true });
      const a = await seedPolicyPractice(ctx, "editing");
      const b = await seedPolicyPractice(ctx, "other");
      practiceId = a.practice.id;
      for (const who of ["admin", "approver", "staff", "rep", "poster"] as Who[])
        h[who] = await sessionHeaders(ctx, a.users[who].id);
      h.outsider = await sessionHeaders(ctx, b.users.admin.id);
      const r = await call("admin", "POST", api("/drafts"), { from: "template" });
      assert.equal(r.status, 201, r.text);
      draftId = r.body.id;
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("adds, moves and removes clauses and sections, each with the revision check and an audit entry without text", async () => {
      let v = await current();
      const section = v.document.sections[1].key;
      const count = v.document.sections[1].clauses.length;
      let r = await call("admin", "POST", draft("/clauses"), {
        revision: v.revision,
        sectionKey: section,
        clause: clause("Flu season", "Do not share claims that the flu vaccine gives you flu."),
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.headers.etag, `"rev-${v.revision + 1}"`);
      const added = r.body.document.sections[1].clauses[count];
      assert.equal(added.key, "flu-season");
      assert.equal(r.body.rendered[1].clauses[count].number, `2.${count + 1}`);

      r = await call(
        "admin",
        "POST",
        draft("/clauses/flu-season/move"),
        { direction: "up" },
        {
          "if-match": r.headers.etag as string,
        },
      );
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.document.sections[1].clauses[count - 1].key, "flu-season");

      // a stale revision: 409, and nothing written
      const before = flat(r.body);
      const stale = await call("admin", "POST", draft("/clauses/flu-season/move"), {
        revision: v.revision,
        direction: "up",
      });
      assert.equal(stale.status, 409);
      assert.match(stale.body.error.message, /Someone else saved this draft/);
      assert.deepEqual(flat(await current()), before);

      v = await current();
      r = await call("admin", "POST", draft("/sections"), {
        revision: v.revision,
        title: "Seasonal topics",
        clause: clause("Winter pressures"),
      });
      assert.equal(r.status, 201, r.text);
      const last = r.body.document.sections.at(-1);
      assert.equal(last.key, "seasonal-topics");
      assert.equal(last.clauses[0].key, "winter-pressures");

      r = await call("admin", "PUT", draft("/sections/seasonal-topics"), {
        revision: r.body.revision,
        title: "Seasonal and hot topics",
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.document.sections.at(-1).title, "Seasonal and hot topics");

      r = await call("admin", "DELETE", draft("/clauses/winter-pressures"), undefined, {
        "if-match": r.headers.etag as string,
      });
      assert.equal(r.status, 409, "the only clause in its section");
      assert.match(r.body.error.message, /Remove the whole section instead/);

      r = await call("admin", "DELETE", draft("/sections/seasonal-topics"), {
        revision: (await current()).revision,
      });
      assert.equal(r.status, 200, r.text);
      assert.ok(!flat(r.body).some((k) => k.startsWith("seasonal-topics/")));

      r = await call("admin", "DELETE", draft("/clauses/flu-season"), { revision: r.body.revision });
      assert.equal(r.status, 200, r.text);
      assert.ok(!flat(r.body).includes(`${section}/flu-season`));

      const audit = await database.db
        .selectFrom("audit_log")
        .select(["action", "details"])
        .where("practice_id", "=", practiceId)
        .where("action", "like", "policy.%")
        .orderBy("seq")
        .execute();
      const actions = audit.map((a) => a.action);
      for (const a of [
        "policy.clause-added",
        "policy.clause-moved",
        "policy.section-added",
        "policy.section-renamed",
        "policy.section-removed",
        "policy.clause-removed",
      ])
        assert.ok(actions.includes(a), `${a} audited`);
      const details = JSON.stringify(audit.map((a) => a.details));
      assert.ok(!details.includes("flu vaccine"), "no clause text in the audit log");
      assert.ok(!details.includes("Seasonal and hot"), "no titles in the audit log");
      assert.match(details, /flu-season/);
    });

    it("refuses bad input in plain English beside the field, writing nothing", async () => {
      const v = await current();
      const section = v.document.sections[0].key;
      const cases: [unknown, string, RegExp][] = [
        [{ clause: { title: "  ", text: "x" } }, "clause.title", /Give the clause a title/],
        [{ clause: { title: "T", text: "" } }, "clause.text", /A clause needs some text/],
        [
          { clause: { title: "T", text: "x".repeat(6001) } },
          "clause.text",
          /Keep a clause to 6,000 characters/,
        ],
        [
          {
            clause: {
              title: "T",
              text: "x",
              hotTopic: { label: "L", start: "2026-12-01", end: "2026-11-01" },
            },
          },
          "clause.hotTopic.end",
          /The end date must not be before the start date/,
        ],
        [
          { clause: { title: "T", text: "x", hotTopic: { label: "", end: "2026-11-01" } } },
          "clause.hotTopic.label",
          /Give the hot topic a short label/,
        ],
        [
          { clause: { title: "T", text: "x", hotTopic: { label: "L", end: "2026-02-30" } } },
          "clause.hotTopic.end",
          /not a real date/,
        ],
        [
          { clause: { key: v.document.sections[1].clauses[0].key, title: "T", text: "x" } },
          "clause.key",
          /already uses that key/,
        ],
      ];
      for (const [body, field, message] of cases) {
        const r = await call("admin", "POST", draft("/clauses"), {
          revision: v.revision,
          sectionKey: section,
          ...(body as object),
        });
        assert.equal(r.status, 400, `${field}: ${r.text}`);
        assert.ok(r.body.error.fields?.[field], `${field} named: ${r.text}`);
        assert.match(r.body.error.message, message);
        assert.doesNotMatch(r.body.error.message, /clause\.|Please check/, "plain English");
      }
      // the same rules on the clause editor's PUT, and on a whole document (which names the clause)
      const first = v.document.sections[0].clauses[0];
      let r = await call("admin", "PUT", draft(`/clauses/${first.key}`), {
        revision: v.revision,
        clause: { ...first, hotTopic: { label: "L", start: "2026-05-02", end: "2026-05-01" } },
      });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.error.message, "The end date must not be before the start date.");
      const doc = structuredClone(v.document);
      doc.sections[2].clauses[1].title = "";
      doc.sections[0].key = doc.sections[1].key;
      r = await call("admin", "PUT", draft(), { revision: v.revision, document: doc });
      assert.equal(r.status, 400, r.text);
      assert.ok(r.body.error.fields["document.sections.2.clauses.1.title"]);
      assert.ok(r.body.error.fields["document.sections.1.key"]);
      const one = structuredClone(v.document);
      one.sections[2].clauses[1].text = " ";
      r = await call("admin", "PUT", draft(), { revision: v.revision, document: one });
      assert.equal(r.body.error.message, "Clause 3.2: A clause needs some text.");
      assert.equal((await current()).revision, v.revision, "nothing was written");
    });

    it("keeps comments on a removed clause, shown as clause removed", async () => {
      let v = await current();
      const key = v.document.sections[3].clauses[1].key;
      let r = await call("staff", "POST", draft("/comments"), {
        clauseKey: key,
        body: "Please keep this one.",
      });
      assert.equal(r.status, 201, r.text);
      r = await call("admin", "DELETE", draft(`/clauses/${key}`), { revision: v.revision });
      assert.equal(r.status, 200, r.text);
      v = r.body;
      const c = v.comments.find((x: { clauseKey: string }) => x.clauseKey === key);
      assert.equal(c.clauseRemoved, true);
      assert.equal(c.clauseNumberWhenWritten, "4.2");
      assert.equal(c.body, "Please keep this one.");
    });

    it("authorises: signed out 401, not an admin 403, another practice 404, and only drafts change", async () => {
      const v = await current();
      const key = v.document.sections[0].clauses[0].key;
      const routes: [Method, string, unknown][] = [
        ["POST", draft("/clauses"), { revision: v.revision, sectionKey: "x", clause: clause("T") }],
        ["DELETE", draft(`/clauses/${key}`), { revision: v.revision }],
        ["POST", draft(`/clauses/${key}/move`), { revision: v.revision, direction: "down" }],
        ["POST", draft("/sections"), { revision: v.revision, title: "T", clause: clause("T") }],
        ["PUT", draft(`/sections/${v.document.sections[0].key}`), { revision: v.revision, title: "T" }],
        ["DELETE", draft(`/sections/${v.document.sections[0].key}`), { revision: v.revision }],
      ];
      for (const [method, url, body] of routes) {
        assert.equal((await call(null, method, url, body)).status, 401, `${method} ${url}`);
        for (const who of ["staff", "approver", "rep", "poster"] as Who[])
          assert.equal((await call(who, method, url, body)).status, 403, `${who} ${method} ${url}`);
        assert.equal((await call("outsider", method, url, body)).status, 404, `outsider ${method} ${url}`);
        // membership is checked before the body: a non-admin with nonsense still gets 403
        assert.equal((await call("staff", method, url, { nonsense: true })).status, 403);
      }
      assert.equal((await current()).revision, v.revision, "nothing was written");
    });

    it("a hot-topic clause shows on the public page while active and drops out after its end date", async () => {
      let v = await current();
      const section = v.document.sections.find((s: { key: string }) => s.key === "what-we-ask-of-patients");
      const today = ctx.now().toISOString().slice(0, 10);
      const end = new Date(ctx.now().getTime() + 10 * DAY).toISOString().slice(0, 10);
      let r = await call("admin", "POST", draft("/clauses"), {
        revision: v.revision,
        sectionKey: section.key,
        clause: {
          title: "Pandemic misinformation",
          text: "Please do not post claims about the vaccine that go against NHS advice.",
          patientFacing: true,
          hotTopic: { label: "Winter vaccines", claims: ["vaccine causes flu"], start: today, end },
        },
      });
      assert.equal(r.status, 201, r.text);
      await call("admin", "POST", draft("/consultation"));
      await call("rep", "POST", draft("/staff-rep"), { decision: "agree" });
      r = await call("approver", "POST", draft("/approve"));
      assert.equal(r.status, 200, r.text);
      r = await call("admin", "POST", draft("/publish"), {});
      assert.equal(r.status, 200, r.text);

      let page = (await call(null, "GET", "/p/editing/social-media-policy")).text;
      assert.match(page, /Pandemic misinformation/);
      ctx.clock.advance(11 * DAY);
      page = (await call(null, "GET", "/p/editing/social-media-policy")).text;
      assert.doesNotMatch(page, /Pandemic misinformation/);
      // still in the document, editable in the next draft, marked as ended
      r = await call("admin", "POST", api("/drafts"), { from: draftId, changeKind: "minor" });
      assert.equal(r.status, 201, r.text);
      const ended = r.body.renderedAll
        .flatMap((s: { clauses: { key: string; notInForce?: boolean }[] }) => s.clauses)
        .find((c: { key: string }) => c.key === "pandemic-misinformation");
      assert.equal(ended.notInForce, true);
      v = r.body;
      const raw = v.document.sections
        .flatMap((s: { clauses: unknown[] }) => s.clauses)
        .find((c: { key: string }) => c.key === "pandemic-misinformation");
      r = await call("admin", "PUT", api(`/versions/${v.id}/clauses/pandemic-misinformation`), {
        revision: v.revision,
        clause: { ...raw, hotTopic: { ...raw.hotTopic, end: "2099-01-01" } },
      });
      assert.equal(r.status, 200, r.text);
      assert.ok(
        r.body.rendered
          .flatMap((s: { clauses: { key: string }[] }) => s.clauses)
          .some((c: { key: string }) => c.key === "pandemic-misinformation"),
      );
    });
  });
}
