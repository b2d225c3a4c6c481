import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../../../test/support/databases";
import { testContext } from "../../../test/support/context";
import { Client, testServer } from "../../../test/support/http";
import { ensureDemo } from "../demo/ensure-demo";
import { check } from "../../core/checker/index";
import type { OpenDatabase } from "../../store/database";

for (const kind of databaseKinds) {
  describe(`the checker knows the practice (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let practiceId: string;
    before(async () => {
      database = await kind.open();
      const ctx = testContext(database);
      await ensureDemo(ctx, "demo-password-1", () => {});
      app = await testServer(ctx);
      practiceId = (
        await database.db
          .selectFrom("practices")
          .select("id")
          .where("slug", "=", "riverside")
          .executeTakeFirstOrThrow()
      ).id;
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("the profile carries the practice's settings, staff names and published policy clauses", async () => {
      const staff = new Client(app, "10.6.0.1");
      await staff.signIn("reception@riverside.example", "demo-password-1");
      const res = await staff.get(`/api/practices/${practiceId}/checker-profile`);
      assert.equal(res.status, 200);
      assert.ok(res.body.staffNames.includes("Priya Shah"));
      assert.deepEqual(res.body.phones, ["01234 567890"]);
      assert.ok(res.body.practiceNames.includes("Riverside Surgery"));
      const published = await database.db
        .selectFrom("policy_versions")
        .select("id")
        .where("practice_id", "=", practiceId)
        .where("status", "=", "published")
        .execute();
      assert.equal(published.length, 1, "the demo publishes the template");
      assert.match(res.body.clauses["patient-identifier"].number, /^\d+\.\d+$/);
    });

    it("a practice post giving the practice's own number is fine; a personal sale post with it is not", async () => {
      const staff = new Client(app, "10.6.0.2");
      await staff.signIn("reception@riverside.example", "demo-password-1");
      const profile = (await staff.get(`/api/practices/${practiceId}/checker-profile`)).body;
      const practicePost = check(
        { text: "Flu clinics start on Saturday: call us on 01234 567890 to book.", context: "practice" },
        profile,
      );
      assert.ok(!practicePost.findings.some((f) => f.rule === "work-contact-details"));
      const personal = check(
        { text: "Selling my old bike, £50, ring me at work on 01234 567890", context: "personal" },
        profile,
      );
      assert.ok(personal.findings.some((f) => f.rule === "work-contact-details"));
    });
  });
}
