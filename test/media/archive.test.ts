import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { testServer } from "../support/http";
import type { OpenDatabase } from "../../src/store/database";
import { HOSTILE, seedPublished } from "./published-fixture";
import { parse as parseCsv } from "csv-parse/sync";
import { pdfText } from "../policy/pdf-text";

for (const kind of databaseKinds) {
  describe(`the archive of published posts (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let s: Awaited<ReturnType<typeof seedPublished>>;

    before(async () => {
      database = await kind.open();
      const ctx = testContext(database);
      app = await testServer(ctx);
      s = await seedPublished(database, ctx, app);
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("the archive CSV parses back: every published post once per channel, as sent, with its people and verdict", async () => {
      const r = await s.approverA.get(`/api/practices/${s.a.practice.id}/posts/archive.csv`);
      assert.equal(r.status, 200);
      assert.match(String(r.headers["content-type"]), /^text\/csv/);
      assert.match(
        String(r.headers["content-disposition"]),
        /attachment; filename="larch-published-posts\.csv"/,
      );
      const rows: Record<string, string>[] = parseCsv(r.text, { columns: true });
      assert.equal(rows.length, 3, "two channels of the first post and the Facebook-only post");
      assert.deepEqual(
        rows.map((x) => x["Post id"]),
        [s.ids.facebookOnly, s.ids.websitePost, s.ids.websitePost],
      );
      const fb = rows.find((x) => x["Post id"] === s.ids.websitePost && x.Channel === "facebook")!;
      assert.equal(fb["Text as published"], `${HOSTILE}\n\nLiking is not endorsement.`);
      assert.equal(fb["Address on the platform"], "https://facebook.example/larch/posts/1");
      assert.equal(fb["Image SHA-256"], s.hashes.image);
      assert.equal(fb.Author, "poster of larch");
      assert.equal(fb["Approved by"], "approver of larch");
      assert.equal(fb["Checker verdict at approval"], "Check before posting");
      assert.equal(fb["Published at (UTC)"], "2026-11-10T09:00:00.000Z");
      for (const row of rows)
        assert.ok(!row["Text as published"]!.includes("Yew"), "no other practice's post");
    });
    it("the archive searches the text, and the PDF holds the same posts", async () => {
      const r = await s.approverA.get(`/api/practices/${s.a.practice.id}/posts/archive.csv?q=car%20park`);
      const rows: Record<string, string>[] = parseCsv(r.text, { columns: true });
      assert.deepEqual(
        rows.map((x) => x["Post id"]),
        [s.ids.facebookOnly],
      );
      const wild = await s.approverA.get(`/api/practices/${s.a.practice.id}/posts/archive.csv?q=%25`);
      assert.equal(parseCsv(wild.text, { columns: true }).length, 0, "% is searched for, not a wildcard");

      const pdf = await app.inject({
        method: "GET",
        url: `/api/practices/${s.a.practice.id}/posts/archive.pdf`,
        headers: { cookie: s.approverA.cookie! },
      });
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers["content-type"], "application/pdf");
      const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, " ");
      assert.match(text, /Archive of published posts/);
      assert.match(text, /Only on Facebook: the car park/);
      assert.match(text, /Winter vaccines: book now <script>/);
      assert.match(text, new RegExp(s.hashes.image));
      assert.ok(!text.includes("Yew news"));
    });

    it("another practice's members get 404 and staff without the posts role 403; nothing of another practice leaks", async () => {
      const other = await s.adminB.get(`/api/practices/${s.a.practice.id}/posts/archive.csv`);
      assert.equal(other.status, 404);
      const staff = await s.staffA.get(`/api/practices/${s.a.practice.id}/posts/archive.csv`);
      assert.equal(staff.status, 403);
      const own = await s.adminB.get(`/api/practices/${s.b.practice.id}/posts/archive.csv`);
      const rows: Record<string, string>[] = parseCsv(own.text, { columns: true });
      assert.deepEqual(
        rows.map((x) => x["Post id"]),
        [s.ids.otherPractice],
      );
      const poster = await s.posterA.get(`/api/practices/${s.a.practice.id}/posts/archive.pdf`);
      assert.equal(poster.status, 200);
    });
  });
}
