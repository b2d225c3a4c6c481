import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { testServer } from "../support/http";
import type { OpenDatabase } from "../../src/store/database";
import { inviteMember } from "../../src/app/invites/invite-member";
import type { Role } from "../../src/core/roles";
import { JarClient, seedTwoFactorPractice } from "./support";

for (const kind of databaseKinds) {
  describe(`accepting an invitation in a practice that needs two-step sign-in (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    let seed: Awaited<ReturnType<typeof seedTwoFactorPractice>>;
    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      app = await testServer(ctx);
      seed = await seedTwoFactorPractice(ctx, "larch");
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    async function invitationToken(email: string, roles: Role[]): Promise<string> {
      await inviteMember(ctx, {
        practiceId: seed.practice.id,
        invitedBy: seed.people.admin.id,
        email,
        name: "New Person",
        roles,
      });
      const mail = ctx.sent.findLast((m) => m.to === email);
      const token = /token=([\w-]+)/.exec(mail?.text ?? "")?.[1];
      assert.ok(token, "the invitation mail carries its link");
      return token;
    }

    it("a new poster sets up two-step sign-in before their first session", async () => {
      const token = await invitationToken("new.poster@larch.example", ["poster", "staff"]);
      const c = new JarClient(app, "10.5.0.1");
      const res = await c.post("/api/invites/accept", {
        token,
        name: "New Poster",
        password: "a long new password",
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.secondFactor?.enrol, true);
      assert.equal((await c.get("/api/session")).status, 401);
      assert.equal((await c.post("/api/auth/two-factor/enrol/totp")).status, 200);
    });

    it("a new staff member is signed in at once", async () => {
      const token = await invitationToken("new.staff@larch.example", ["staff"]);
      const c = new JarClient(app, "10.5.0.2");
      const res = await c.post("/api/invites/accept", {
        token,
        name: "New Staff",
        password: "a long new password",
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.user.email, "new.staff@larch.example");
      assert.equal((await c.get("/api/session")).status, 200);
    });
  });
}
