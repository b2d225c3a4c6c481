import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { testServer } from "../support/http";
import type { OpenDatabase } from "../../src/store/database";
import { purgeExpired } from "../../src/app/retention/purge-expired";
import { JarClient, seedTwoFactorPractice } from "./support";

for (const kind of databaseKinds) {
  describe(`the daily purge clears spent sign-in steps (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      app = await testServer(ctx);
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("deletes sign-in challenges after an hour, and spent or expired NHSmail states", async () => {
      const seed = await seedTwoFactorPractice(ctx, "yew");
      await new JarClient(app, "10.6.0.1").signIn(seed.people.admin.email);
      await ctx.db
        .insertInto("oidc_states")
        .values({
          state_hash: "spent",
          practice_id: seed.practice.id,
          code_verifier: "v",
          nonce: "n",
          expires_at: new Date(ctx.now().getTime() + 600_000),
          used_at: ctx.now(),
        })
        .execute();
      const rows = () => ctx.db.selectFrom("sign_in_challenges").select("id").execute();
      assert.equal((await rows()).length, 1);
      const early = await purgeExpired(ctx, { outboxBodyDays: 90 });
      assert.equal(early.signInSteps, 1, "only the spent NHSmail state");
      assert.equal((await rows()).length, 1, "a fresh challenge stays");
      ctx.clock.advance(61 * 60_000);
      const later = await purgeExpired(ctx, { outboxBodyDays: 90 });
      assert.equal(later.signInSteps, 1);
      assert.equal((await rows()).length, 0);
    });
  });
}
