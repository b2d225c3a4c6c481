import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { buildServer } from "../../src/server/app";
import { policyCaller, seedPolicyPractice, sessionHeaders, type Who } from "./fixtures";
import { pdfText, docxText } from "./pdf-text";

type Method = "GET" | "POST" | "PUT";

for (const kind of databaseKinds) {
  describe(`policy API (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    let practiceId: string;
    let otherPracticeId: string;
    const h = {} as Record<Who | "outsider", Record<string, string>>;
    let versionId = "";

    const call = policyCaller(() => app, h);
    const api = (path: string): string => `/api/practices/${practiceId}/policy${path}`;

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      app = await buildServer(ctx, { logLevel: "silent", checkResponses: true });
      const a = await seedPolicyPractice(ctx, "api");
      const b = await seedPolicyPractice(ctx, "elsewhere");
      practiceId = a.practice.id;
      otherPracticeId = b.practice.id;
      for (const who of ["admin", "approver", "staff", "rep", "poster"] as Who[])
        h[who] = await sessionHeaders(ctx, a.users[who].id);
      h.outsider = await sessionHeaders(ctx, b.users.admin.id);
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("runs the whole path over HTTP: draft, comment, staff-rep agreement, approval, publication, acknowledgement", async () => {
      let r = await call("admin", "POST", api("/drafts"), { from: "template" });
      assert.equal(r.status, 201, r.text);
      versionId = r.body.id;
      assert.equal(r.body.version, "1.0");
      assert.equal(r.headers.etag, '"rev-1"');

      // two editors from revision 1: the second gets 409 and nothing of the first is lost
      const clause = r.body.document.sections[0].clauses[0];
      r = await call(
        "admin",
        "PUT",
        api(`/versions/${versionId}/clauses/${clause.key}`),
        { clause: { ...clause, text: "First save." } },
        { "if-match": '"rev-1"' },
      );
      assert.equal(r.status, 200, r.text);
      assert.equal(r.headers.etag, '"rev-2"');
      r = await call("admin", "PUT", api(`/versions/${versionId}/clauses/${clause.key}`), {
        revision: 1,
        clause: { ...clause, text: "Second save." },
      });
      assert.equal(r.status, 409);
      assert.equal(r.body.error.code, "conflict");
      assert.match(r.body.error.message, /Someone else saved this draft/);
      r = await call("staff", "GET", api(`/versions/${versionId}`));
      assert.equal(r.body.document.sections[0].clauses[0].text, "First save.");

      r = await call("admin", "POST", api(`/versions/${versionId}/consultation`));
      assert.equal(r.status, 200, r.text);
      r = await call("staff", "POST", api(`/versions/${versionId}/comments`), {
        clauseKey: "breaks-only",
        body: "Could lunchtime be named?",
      });
      assert.equal(r.status, 201, r.text);
      r = await call("rep", "POST", api(`/versions/${versionId}/staff-rep`), { decision: "agree" });
      assert.equal(r.status, 200, r.text);
      r = await call("admin", "POST", api(`/versions/${versionId}/approve`));
      assert.equal(r.status, 403, "the admin is not an approver");
      r = await call("approver", "POST", api(`/versions/${versionId}/approve`));
      assert.equal(r.status, 200, r.text);
      r = await call("admin", "POST", api(`/versions/${versionId}/publish`), {});
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.status, "published");

      r = await call("staff", "GET", api("/summary"));
      assert.equal(r.body.me.mustAcknowledge, true);
      assert.equal(r.body.links.embedSnippet, undefined, "staff do not see the developer options");
      assert.equal(r.body.links.json, undefined);
      assert.match(r.body.links.page, /\/p\/api\/social-media-policy$/);
      r = await call("admin", "GET", api("/summary"));
      assert.match(
        r.body.links.embedSnippet,
        /^<iframe src="http:\/\/localhost:3000\/p\/api\/social-media-policy\/embed"/,
      );
      r = await call("staff", "POST", api(`/versions/${versionId}/acknowledge`));
      assert.equal(r.status, 200, r.text);
      r = await call("staff", "GET", api("/summary"));
      assert.equal(r.body.me.mustAcknowledge, false);
      assert.deepEqual(r.body.acknowledgements, { acknowledged: 1, total: 5 });

      r = await call("admin", "GET", api("/acknowledgements.csv"));
      assert.equal(r.status, 200);
      assert.match(r.text, /"staff api","staff@api.example","staff","acknowledged"/);
      assert.match(r.text, /"rep api","rep@api.example","staff-rep staff","not yet"/);

      // editing the published version is refused
      r = await call("admin", "PUT", api(`/versions/${versionId}`), { revision: 2, changelog: "x" });
      assert.equal(r.status, 409);
      assert.match(r.body.error.message, /Start a new draft/);
    });

    it("shows the patient-facing clauses on the public page with version and date, no scripts, escaped text", async () => {
      // a new minor version whose patient-facing clause tries script and HTML injection
      let r = await call("admin", "POST", api("/drafts"), {
        from: versionId,
        changeKind: "minor",
        changelog: "Tidy wording",
      });
      assert.equal(r.status, 201, r.text);
      const draftId = r.body.id;
      const doc = r.body.document;
      const sec = doc.sections.find((s: { key: string }) => s.key === "what-we-ask-of-patients");
      sec.clauses[0].text =
        'Be kind. <script>alert("x")</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">link</a>';
      sec.clauses[0].title = "Photos <b>bold</b>";
      r = await call("admin", "PUT", api(`/versions/${draftId}`), {
        revision: r.body.revision,
        document: doc,
      });
      assert.equal(r.status, 200, r.text);
      await call("admin", "POST", api(`/versions/${draftId}/consultation`));
      await call("rep", "POST", api(`/versions/${draftId}/staff-rep`), { decision: "agree" });
      await call("approver", "POST", api(`/versions/${draftId}/approve`));
      r = await call("admin", "POST", api(`/versions/${draftId}/publish`), { reviewDue: "2027-06-30" });
      assert.equal(r.status, 200, r.text);

      const pageRes = await call(null, "GET", "/p/api/social-media-policy");
      assert.equal(pageRes.status, 200);
      const page = pageRes.text;
      assert.match(page, /Version 1\.1, published 21 November 2026/);
      assert.match(page, /Social media is not for appointments, prescriptions or medical questions/);
      assert.match(page, /01234 567890/);
      assert.match(page, /<a href="https:\/\/nhs\.uk\/">nhs\.uk<\/a> website/);
      assert.ok(!page.includes("Jigsaw identification"), "staff-only clauses stay off the public page");
      assert.ok(!/<script/i.test(page), "no script element at all");
      assert.ok(!page.includes("<img"), "no injected element");
      assert.ok(!page.includes('<a href="javascript'));
      assert.ok(page.includes("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;"));
      assert.ok(page.includes("Photos &#60;b&#62;bold&#60;/b&#62;"));
      assert.match(page, /<link rel="stylesheet" href="\/p\/assets\/nhsuk.css">/);
      assert.match(String(pageRes.headers["x-frame-options"]), /SAMEORIGIN/i);

      const embed = await call(null, "GET", "/p/api/social-media-policy/embed");
      assert.equal(embed.status, 200);
      assert.equal(embed.headers["x-frame-options"], undefined);
      assert.match(String(embed.headers["content-security-policy"]), /frame-ancestors \*/);
      assert.match(String(embed.headers["content-security-policy"]), /default-src 'none'/);

      const json = await call(null, "GET", "/p/api/social-media-policy.json");
      assert.equal(json.body.version, "1.1");
      assert.ok(json.body.sections.every((s: { clauses: unknown[] }) => s.clauses.length > 0));

      const css = await call(null, "GET", "/p/assets/nhsuk.css");
      assert.equal(css.status, 200);
      assert.match(String(css.headers["content-type"]), /text\/css/);
      assert.ok(css.text.length > 10_000);

      assert.equal((await call(null, "GET", "/p/nobody/social-media-policy")).status, 404);
      assert.equal(
        (await call(null, "GET", "/p/elsewhere/social-media-policy")).status,
        404,
        "a practice with nothing published",
      );
    });

    it("exports the published policy as a PDF and a DOCX that open and read correctly, with injected markup as plain text", async () => {
      const pdf = await call("staff", "GET", api("/export.pdf"));
      assert.equal(pdf.status, 200);
      assert.match(String(pdf.headers["content-disposition"]), /api-social-media-policy-1\.1\.pdf/);
      const text = await pdfText(pdf.raw);
      assert.match(text, /Social media policy/);
      assert.match(text, /Version 1\.1, published 21 November 2026/);
      assert.match(text, /4\.2 Jigsaw identification/);
      assert.match(text, /<script>alert\("x"\)<\/script>/);
      assert.match(text, /Version history/);
      assert.match(text, /1\.0 \(major\)/);

      const docx = await call("staff", "GET", api("/export.docx"));
      assert.equal(docx.status, 200);
      const { xml, text: dtext } = docxText(docx.raw);
      assert.match(dtext, /4\.2 Jigsaw identification/);
      assert.match(dtext, /Tidy wording/);
      assert.ok(!xml.includes("<script>"), "markup in clause text is escaped in the Word XML");
      assert.ok(dtext.includes('<script>alert("x")</script>'));

      const evidence = await call("admin", "GET", api("/evidence.pdf"));
      assert.equal(evidence.status, 200);
      const etext = await pdfText(evidence.raw);
      assert.match(etext, /Evidence record/);
      assert.match(etext, /Approved by approver api/);
      assert.match(etext, /staff api: acknowledged/);
      assert.match(etext, /rep api: not yet acknowledged/);
      const head = (await ctx.db.selectFrom("audit_heads").selectAll().execute()).find(
        (row) => row.chain === practiceId,
      );
      assert.ok(
        etext.replace(/\s+/g, "").includes(`${head!.seq}:${head!.hash}`),
        "the pack prints the audit chain head",
      );
      const first = await call("admin", "GET", api(`/evidence.pdf?version=${versionId}`));
      assert.match(await pdfText(first.raw), /Could lunchtime be named\?/);
    });

    it("refuses bad input with a code and a sentence, writing nothing", async () => {
      let r = await call("admin", "POST", api("/drafts"), { from: "not-a-version" });
      assert.equal(r.status, 404);
      r = await call("admin", "POST", api("/drafts"), { changeKind: "huge" });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, "invalid-input");
      r = await call("admin", "POST", api("/drafts"));
      assert.equal(r.status, 201, r.text);
      const id = r.body.id;
      r = await call("admin", "PUT", api(`/versions/${id}`), { revision: 1, document: { sections: [] } });
      assert.equal(r.status, 400);
      assert.ok(r.body.error.message.length > 10);
      r = await call("admin", "PUT", api(`/versions/${id}`), "{not json", {
        "content-type": "application/json",
      });
      assert.equal(r.status, 400);
      r = await call("admin", "PUT", api(`/versions/${id}`), {
        revision: 1,
        changelog: "x".repeat(2 * 1024 * 1024),
      });
      assert.equal(r.status, 413);
      r = await call("staff", "POST", api(`/versions/${id}/comments`), { clauseKey: "venting", body: "" });
      assert.equal(r.status, 400);
      r = await call("admin", "PUT", api("/review-date"), { reviewDue: "2020-01-01" });
      assert.equal(r.status, 400);
      r = await call("staff", "GET", api(`/versions/${id}`));
      assert.equal(r.body.revision, 1, "nothing was written");
      assert.equal(r.body.comments.length, 0);
      r = await call("admin", "POST", api(`/versions/${id}/discard`));
      assert.equal(r.status, 200);
    });

    it("guards every route: signed out 401, wrong role 403, another practice 404", async () => {
      const v = versionId;
      const routes: { method: Method; path: string; roles?: Who[]; body?: unknown }[] = [
        { method: "GET", path: "/summary" },
        { method: "GET", path: "/versions" },
        { method: "GET", path: `/versions/${v}` },
        { method: "POST", path: "/drafts", roles: ["admin"], body: {} },
        { method: "PUT", path: `/versions/${v}`, roles: ["admin"], body: { revision: 1 } },
        { method: "PUT", path: `/versions/${v}/clauses/venting`, roles: ["admin"], body: { revision: 1 } },
        { method: "POST", path: `/versions/${v}/consultation`, roles: ["admin"] },
        { method: "POST", path: `/versions/${v}/comments`, body: { clauseKey: "venting", body: "x" } },
        { method: "POST", path: `/versions/${v}/staff-rep`, roles: ["rep"], body: { decision: "agree" } },
        { method: "POST", path: `/versions/${v}/approve`, roles: ["approver"] },
        { method: "POST", path: `/versions/${v}/publish`, roles: ["admin"] },
        { method: "POST", path: `/versions/${v}/discard`, roles: ["admin"] },
        { method: "POST", path: `/versions/${v}/acknowledge` },
        { method: "GET", path: `/diff?from=${v}&to=${v}` },
        { method: "GET", path: "/acknowledgements", roles: ["admin"] },
        { method: "GET", path: "/acknowledgements.csv", roles: ["admin"] },
        { method: "PUT", path: "/review-date", roles: ["admin"], body: { reviewDue: "2030-01-01" } },
        { method: "GET", path: "/export.pdf" },
        { method: "GET", path: "/export.docx" },
        { method: "GET", path: "/evidence.pdf", roles: ["admin"] },
      ];
      for (const route of routes) {
        const url = api(route.path);
        const out = await call(null, route.method, url, route.body);
        assert.equal(out.status, 401, `${route.method} ${route.path} signed out`);
        const other = await call("outsider", route.method, url, route.body);
        assert.equal(other.status, 404, `${route.method} ${route.path} from another practice`);
        if (route.roles) {
          const wrong = (["staff", "poster"] as Who[]).find((w) => !route.roles!.includes(w))!;
          const res = await call(wrong, route.method, url, route.body);
          assert.equal(res.status, 403, `${route.method} ${route.path} as ${wrong}`);
        }
      }
      // another practice's version id through this practice's routes is 404 too
      const theirs = await call("outsider", "POST", `/api/practices/${otherPracticeId}/policy/drafts`, {});
      assert.equal(theirs.status, 201);
      const res = await call("admin", "GET", api(`/versions/${theirs.body.id}`));
      assert.equal(res.status, 404);
    });
  });
}
