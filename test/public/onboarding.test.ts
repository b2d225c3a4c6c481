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
import { onboardingResponse } from "../../src/contracts/practices";

for (const kind of databaseKinds) {
  describe(`the onboarding checklist (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      app = await buildServer(ctx, { logLevel: "silent", checkResponses: true });
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

    it("is hidden for everyone by an admin, shown again, audited, and refused plainly to anyone else", async () => {
      const practice = await createPractice(ctx.db, { slug: "hideday", name: "Hide Day Surgery" });
      const person = async (key: string, roles: ("admin" | "approver" | "staff")[]) => {
        const u = await createUser(ctx.db, {
          email: `${key}@hideday.example`,
          name: `${key[0]!.toUpperCase()}${key.slice(1)} Person`,
          password: "a long password 3",
        });
        await addMembership(ctx.db, practice.id, u.id, roles, ctx.now());
        return { id: u.id, headers: await sessionHeaders(ctx, u.id) };
      };
      const first = await person("first", ["admin", "staff"]);
      const second = await person("second", ["admin", "staff"]);
      const approver = await person("approving", ["approver", "staff"]);
      const call = (
        who: { headers: Record<string, string> },
        method: "GET" | "PUT",
        body?: unknown,
        id = practice.id,
      ) =>
        app.inject({
          method,
          url: `/api/practices/${id}/onboarding${method === "PUT" ? "/hidden" : ""}`,
          headers: who.headers,
          ...(body === undefined ? {} : { payload: body as object }),
        });

      const before = onboardingResponse.strict().parse((await call(second, "GET")).json());
      assert.equal(before.hidden, null);
      assert.equal(before.canHide, true);
      const hidden = await call(first, "PUT", { hidden: true });
      assert.equal(hidden.statusCode, 200, hidden.body);
      const seen = onboardingResponse.strict().parse((await call(second, "GET")).json());
      assert.equal(seen.hidden?.by, "First Person", "the other admin sees it hidden, and by whom");
      assert.equal(seen.steps.length, 5, "the steps are still there to show again");
      const again = await call(second, "PUT", { hidden: true });
      assert.equal(
        onboardingResponse.parse(again.json()).hidden?.by,
        "First Person",
        "hiding twice keeps the first",
      );

      const approverView = onboardingResponse.parse((await call(approver, "GET")).json());
      assert.equal(approverView.canHide, false);
      const refused = await call(approver, "PUT", { hidden: false });
      assert.equal(refused.statusCode, 403);
      assert.equal(onboardingResponse.parse((await call(first, "GET")).json()).hidden?.by, "First Person");
      const bad = await call(first, "PUT", { hidden: "yes please" });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Say whether to hide the list/);
      const other = await createPractice(ctx.db, { slug: "elsewhere-hd", name: "Elsewhere Two" });
      assert.equal((await call(first, "PUT", { hidden: false }, other.id)).statusCode, 404);
      const shown = await call(second, "PUT", { hidden: false });
      assert.equal(onboardingResponse.parse(shown.json()).hidden, null);

      const audit = await ctx.db
        .selectFrom("audit_log")
        .select(["action", "actor_id"])
        .where("practice_id", "=", practice.id)
        .where("action", "like", "practice.onboarding-%")
        .orderBy("seq")
        .execute();
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor_id]),
        [
          ["practice.onboarding-hidden", first.id],
          ["practice.onboarding-shown", second.id],
        ],
      );
    });
  });
}
