// A new practice's first steps: ticked from the practice's state, shown only to members who may take them.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { buildServer } from "../../src/server/app";
import { createPractice } from "../../src/app/practices/create-practice";
import { addMembership, createUser } from "../../src/app/users/create-user";
import { getPracticeSettings, updatePracticeSettings } from "../../src/app/practices/settings";
import { inviteMember } from "../../src/app/invites/invite-member";
import { changeRoles } from "../../src/app/members/members";
import { publishTemplateForDemo } from "../../src/app/policy";
import { DEMO_SETTINGS } from "../../src/app/demo/ensure-demo";
import { sessionHeaders } from "../policy/fixtures";

for (const kind of databaseKinds) {
  describe(`the onboarding checklist (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      app = await buildServer(ctx, { logLevel: "silent" });
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("ticks each step from what the practice has done, for the admin only, and never for another practice", async () => {
      const practice = await createPractice(ctx.db, { slug: "firstday", name: "First Day Surgery" });
      const admin = await createUser(ctx.db, {
        email: "admin@firstday.example",
        name: "Ada Admin",
        password: "a long password 1",
      });
      await addMembership(ctx.db, practice.id, admin.id, ["admin", "staff"], ctx.now());
      const asAdmin = await sessionHeaders(ctx, admin.id);
      const steps = async (headers: Record<string, string>, id = practice.id) => {
        const res = await app.inject({ method: "GET", url: `/api/practices/${id}/onboarding`, headers });
        return {
          status: res.statusCode,
          steps: (res.json() as { steps?: { id: string; done: boolean; path: string }[] }).steps,
        };
      };
      const doneOf = async () => Object.fromEntries((await steps(asAdmin)).steps!.map((s) => [s.id, s.done]));

      const first = await steps(asAdmin);
      assert.equal(first.status, 200);
      assert.deepEqual(
        first.steps!.map((s) => [s.id, s.path, s.done]),
        [
          ["details", "settings", false],
          ["policy", "policy", false],
          ["invite", "staff/invite", false],
          ["staff-rep", "staff", false],
          ["channels", "channels", false],
        ],
      );

      await updatePracticeSettings(ctx, {
        practiceId: practice.id,
        actorId: admin.id,
        revision: (await getPracticeSettings(ctx, practice.id)).revision,
        name: "First Day Surgery",
        settings: DEMO_SETTINGS,
      });
      await publishTemplateForDemo(ctx, practice.id);
      await inviteMember(ctx, {
        practiceId: practice.id,
        invitedBy: admin.id,
        email: "new.starter@firstday.example",
        name: "New Starter",
        roles: ["staff"],
      });
      assert.deepEqual(await doneOf(), {
        details: true,
        policy: true,
        invite: true,
        "staff-rep": false,
        channels: false,
      });

      const staff = await createUser(ctx.db, {
        email: "sam@firstday.example",
        name: "Sam Staff",
        password: "a long password 2",
      });
      await addMembership(ctx.db, practice.id, staff.id, ["staff"], ctx.now());
      const asStaff = await sessionHeaders(ctx, staff.id);
      assert.deepEqual(
        (await steps(asStaff)).steps,
        [],
        "a member of staff is offered none of the admin's steps",
      );
      await changeRoles(ctx, practice.id, staff.id, ["staff", "staff-rep"], admin.id);
      assert.equal((await doneOf())["staff-rep"], true);

      const other = await createPractice(ctx.db, { slug: "elsewhere-od", name: "Elsewhere" });
      assert.equal((await steps(asAdmin, other.id)).status, 404, "another practice's list is not found");
      assert.equal(
        (await app.inject({ method: "GET", url: `/api/practices/${practice.id}/onboarding` })).statusCode,
        401,
      );
    });
  });
}
