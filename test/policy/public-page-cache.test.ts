import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { buildServer } from "../../src/server/app";
import { appendAudit } from "../../src/app/audit/audit-log";
import { publishTemplateForDemo } from "../../src/app/policy";
import { cachedPracticeProfile } from "../../src/app/checker/cached-profile";
import { seedPolicyPractice } from "./fixtures";

for (const kind of databaseKinds) {
  describe(`the public policy page is served from memory (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    let practiceId: string;
    const url = "/p/cached/social-media-policy";
    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      app = await buildServer(ctx, { logLevel: "silent", checkResponses: true });
      practiceId = (await seedPolicyPractice(ctx, "cached")).practice.id;
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    /** A change to the practice as the app makes one: the row and its audit entry together. */
    const rename = async (name: string) =>
      database.db.transaction().execute(async (trx) => {
        await trx.updateTable("practices").set({ name }).where("id", "=", practiceId).execute();
        await appendAudit(trx, { practiceId, actorId: null, action: "practice.settings-changed" }, ctx.now());
      });

    it("appears once published, answers 304 to a current ETag, and changes when the practice changes", async () => {
      assert.equal((await app.inject(url)).statusCode, 404);
      await publishTemplateForDemo(ctx, practiceId);
      const first = await app.inject(url);
      assert.equal(first.statusCode, 200, "publication shows at once on this instance");
      const etag = String(first.headers.etag);
      assert.match(etag, /^"[\w-]+"$/);
      assert.ok(first.headers["last-modified"]);
      const again = await app.inject({ url, headers: { "if-none-match": etag } });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, "");
      const json = await app.inject(`${url}.json`);
      assert.equal(
        (await app.inject({ url: `${url}.json`, headers: { "if-none-match": String(json.headers.etag) } }))
          .statusCode,
        304,
      );

      await rename("Renamed Health Centre");
      const changed = await app.inject({ url, headers: { "if-none-match": etag } });
      assert.equal(changed.statusCode, 200);
      assert.match(changed.body, /Renamed Health Centre/);
      assert.notEqual(changed.headers.etag, etag);
    });

    it("rebuilds the checker profile only when the practice changes", async () => {
      const a = await cachedPracticeProfile(ctx, practiceId);
      assert.equal(await cachedPracticeProfile(ctx, practiceId), a, "the same object: not rebuilt");
      await rename("Second Name Surgery");
      const b = await cachedPracticeProfile(ctx, practiceId);
      assert.notEqual(b, a);
      assert.match(JSON.stringify(b), /Second Name Surgery/);
    });
  });
}
