import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { provisionMember } from "../../src/app/users/provision-member";
import { AppError } from "../../src/core/errors";
import type { OpenDatabase } from "../../src/store/database";

for (const kind of databaseKinds) {
  describe(`headless set-up of a person and their practice (${kind.name})`, () => {
    let database: OpenDatabase;
    let ctx: ReturnType<typeof testContext>;
    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
    });
    after(async () => {
      await database.close();
    });

    const practiceCount = async (slug: string) =>
      (await ctx.db.selectFrom("practices").select("id").where("slug", "=", slug).execute()).length;

    it("creates the practice, the person and their roles together, and audits it", async () => {
      const made = await provisionMember(ctx, {
        email: "Pat@Ash.example",
        name: "Pat Manager",
        password: "a long enough password",
        practiceSlug: "ash",
        practiceName: "Ash Surgery",
        roles: ["admin", "staff", "admin"],
      });
      assert.equal(made.email, "pat@ash.example");
      assert.equal(made.practice.created, true);
      const membership = await ctx.db
        .selectFrom("memberships")
        .select("roles")
        .where("user_id", "=", made.userId)
        .executeTakeFirstOrThrow();
      assert.deepEqual([...membership.roles].sort(), ["admin", "staff"]);
      const audit = await ctx.db
        .selectFrom("audit_log")
        .select("action")
        .where("practice_id", "=", made.practice.id)
        .execute();
      assert.ok(audit.some((a) => a.action === "member.created-by-cli"));
    });

    it("leaves no half-made practice when the person is refused", async () => {
      await assert.rejects(
        provisionMember(ctx, {
          email: "sam@birch.example",
          name: "Sam",
          password: "short",
          practiceSlug: "birch",
          practiceName: "Birch Surgery",
          roles: ["admin"],
        }),
        (e: unknown) => e instanceof AppError && e.code === "invalid-input",
      );
      assert.equal(await practiceCount("birch"), 0);
      await assert.rejects(
        provisionMember(ctx, {
          email: "pat@ash.example",
          name: "Pat Again",
          password: "a long enough password",
          practiceSlug: "birch",
          practiceName: "Birch Surgery",
          roles: ["staff"],
        }),
        (e: unknown) => e instanceof AppError && e.code === "conflict",
      );
      assert.equal(await practiceCount("birch"), 0);
    });

    it("refuses an unknown role or a missing practice with a plain sentence", async () => {
      const base = { email: "kim@ash.example", name: "Kim", password: "a long enough password" };
      await assert.rejects(
        provisionMember(ctx, { ...base, practiceSlug: "ash", roles: ["boss"] }),
        /Unknown role boss; the roles are admin/,
      );
      await assert.rejects(
        provisionMember(ctx, { ...base, practiceSlug: "nowhere", roles: ["staff"] }),
        /There is no practice "nowhere"; give its full name/,
      );
    });
  });
}
