import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { testServer } from "../support/http";
import type { OpenDatabase } from "../../src/store/database";
import { addMembership } from "../../src/app/users/create-user";
import { JarClient, seedTwoFactorPractice, totpCode } from "./support";

for (const kind of databaseKinds) {
  describe(`an admin resets a member's two-step sign-in (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    let a: Awaited<ReturnType<typeof seedTwoFactorPractice>>;
    let b: Awaited<ReturnType<typeof seedTwoFactorPractice>>;

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      app = await testServer(ctx);
      a = await seedTwoFactorPractice(ctx, "rowan");
      b = await seedTwoFactorPractice(ctx, "willow");
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    let adminSecret = "";

    /** Signs in as someone who must set up an app, sets it up; returns the signed-in client and secret. */
    async function enrolled(email: string, address: string) {
      const c = new JarClient(app, address);
      await c.signIn(email);
      const setup = await c.post("/api/auth/two-factor/enrol/totp");
      const done = await c.post("/api/auth/two-factor/enrol/totp/confirm", {
        code: await totpCode(setup.body.secret, ctx.now()),
      });
      assert.equal(done.status, 200);
      ctx.clock.advance(30_000);
      return { c, secret: setup.body.secret as string };
    }

    it("clears the app and codes and signs the person out; they set it up again at the next sign-in", async () => {
      const { c: admin, secret } = await enrolled(a.people.admin.email, "10.8.0.1");
      adminSecret = secret;
      const { c: poster } = await enrolled(a.people.poster.email, "10.8.0.2");
      const url = `/api/practices/${a.practice.id}/members/${a.people.poster.id}/two-factor/reset`;
      assert.equal((await poster.post(url)).status, 403, "a poster may not reset anyone");
      assert.equal((await admin.post(url)).status, 204);
      assert.equal((await poster.get("/api/session")).status, 401, "their sessions ended");
      const again = await new JarClient(app, "10.8.0.3").signIn(a.people.poster.email);
      assert.equal(again.body.secondFactor.enrol, true);
      const own = `/api/practices/${a.practice.id}/members/${a.people.admin.id}/two-factor/reset`;
      assert.equal((await admin.post(own)).status, 403, "not one's own");
    });

    it("refuses when the person also belongs to a practice the admin does not manage", async () => {
      // willow's admin is also staff at rowan; rowan's admin must not be able to weaken willow's admin.
      await addMembership(ctx.db, a.practice.id, b.people.admin.id, ["staff"]);
      const admin = new JarClient(app, "10.8.1.1");
      await admin.signIn(a.people.admin.email);
      assert.equal(
        (await admin.post("/api/auth/two-factor/totp", { code: await totpCode(adminSecret, ctx.now()) }))
          .status,
        200,
      );
      const res = await admin.post(
        `/api/practices/${a.practice.id}/members/${b.people.admin.id}/two-factor/reset`,
      );
      assert.equal(res.status, 403);
      assert.match(res.body.error.message, /another practice/);
      const outsider = `/api/practices/${b.practice.id}/members/${b.people.staff.id}/two-factor/reset`;
      assert.equal((await admin.post(outsider)).status, 404, "another practice's route is not found");
    });
  });
}
