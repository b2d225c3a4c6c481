// Practice posts on the home page's "waiting for you": each person sees what is theirs to do, and it goes away
// once done.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { ukIsoDay } from "../../src/core/dates";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { postingPractice, SAFE_TEXT } from "./support";

for (const kind of databaseKinds) {
  describe(`practice posts waiting for people (${kind.name})`, () => {
    let database: OpenDatabase;
    let ctx: ReturnType<typeof testContext>;
    let t: Awaited<ReturnType<typeof postingPractice>>;
    const kinds = async (who: keyof typeof t.as) => {
      const r = await t.as[who].get(`${t.base}/waiting`);
      assert.equal(r.status, 200, r.text);
      return (r.body.items as { kind: string; id: string }[]).filter((i) =>
        /^(posts|channels)\./.test(i.kind),
      );
    };

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      t = await postingPractice(ctx, "elm");
    });
    after(async () => {
      await t.app.close();
      await database.close();
    });

    it("a submitted post waits for an approver, not for its author; changes asked for wait for the author", async () => {
      const created = await t.as.poster.post(`${t.base}/posts`, {
        text: SAFE_TEXT,
        link: null,
        channelIds: [t.website.id],
        images: [],
        overrideReason: null,
      });
      assert.equal(created.status, 201, created.text);
      const id = created.body.id as string;
      assert.equal((await t.as.poster.post(`${t.base}/posts/${id}/submit`, {})).status, 200);
      assert.deepEqual(
        (await kinds("approver")).map((i) => i.id),
        [`posts:approve:${id}`],
      );
      assert.deepEqual(await kinds("poster"), [], "the author cannot approve their own post");
      assert.deepEqual(await kinds("staff"), []);
      const changes = await t.as.approver.post(`${t.base}/posts/${id}/request-changes`, {
        note: "Say which Saturdays.",
      });
      assert.equal(changes.status, 200, changes.text);
      assert.deepEqual(await kinds("approver"), []);
      assert.deepEqual(
        (await kinds("poster")).map((i) => i.kind),
        ["posts.changes-requested"],
      );
    });

    it("a channel to reconnect and a security review due wait for the admin; a review recorded clears it", async () => {
      const now = ctx.now();
      const row = await ctx.db
        .insertInto("channels")
        .values({
          practice_id: t.seed.practice.id,
          kind: "x",
          name: "X: @elm",
          status: "reconnect-needed",
          footer: null,
          max_chars: null,
          security: null,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const admin = (await kinds("admin")).map((i) => i.id);
      assert.ok(admin.includes(`channels:reconnect:${row.id}`));
      assert.ok(admin.includes(`channels:security:${row.id}`));
      assert.ok(!admin.some((i) => i.includes(t.website.id)), "the website has no account to review");
      assert.deepEqual(await kinds("staff"), []);
      const reviewed = await t.as.admin.patch(`${t.base}/channels/${row.id}`, {
        footer: null,
        security: {
          twoFactor: true,
          peopleWithAccess: "The practice manager",
          recoveryEmail: "it@elm.example",
          lastReviewedOn: "2026-11-20",
        },
      });
      assert.equal(reviewed.status, 200, reviewed.text);
      assert.deepEqual(
        (await kinds("admin")).map((i) => i.id),
        [`channels:reconnect:${row.id}`],
      );
      ctx.clock.advance(366 * 86_400_000);
      await t.signInAgain();
      assert.ok(
        (await kinds("admin")).some((i) => i.id === `channels:security:${row.id}`),
        "due again a year on",
      );
    });
    it("a member with access to a channel leaves: the admin is asked to change its password and remove them", async () => {
      const now = ctx.now();
      const row = await ctx.db
        .insertInto("channels")
        .values({
          practice_id: t.seed.practice.id,
          kind: "facebook",
          name: "Facebook: Elm Surgery",
          status: "connected",
          footer: null,
          max_chars: null,
          security: null,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const url = `${t.base}/channels/${row.id}`;
      const leaver = t.seed.people["staff-rep"].id;
      const security = {
        twoFactor: true,
        peopleWithAccess: "The practice manager and the comms lead",
        recoveryEmail: "it@elm.example",
        lastReviewedOn: "2026-11-20",
      };
      const set = (membersWithAccess: string[]) =>
        t.as.admin.patch(url, { footer: null, security: { ...security, membersWithAccess } });

      const outsider = await set([t.other.people.admin.id]);
      assert.equal(outsider.status, 400, "another practice's member cannot be named");
      assert.match(outsider.body.error.message, /current members/);
      assert.equal((await set(["not-an-id"])).status, 400);
      const named = await set([leaver, t.seed.people.poster.id]);
      assert.equal(named.status, 200, named.text);
      assert.deepEqual(named.body.security.membersWithAccess, [leaver, t.seed.people.poster.id]);
      const kept = await t.as.admin.patch(url, { footer: "Our footer", security });
      assert.deepEqual(
        kept.body.security.membersWithAccess,
        [leaver, t.seed.people.poster.id],
        "left out: kept",
      );
      assert.ok(!(await kinds("admin")).some((i) => i.kind === "channels.leaver-access"));

      const gone = await t.as.admin.post(`${t.base}/members/${leaver}/deactivate`, {});
      assert.equal(gone.status, 200, gone.text);
      const task = (await kinds("admin")).find((i) => i.kind === "channels.leaver-access") as
        { id: string; kind: string; title: string } | undefined;
      assert.equal(task?.id, `channels:leaver:${row.id}:${leaver}`);
      assert.match(
        task.title,
        /Change the password of Facebook: Elm Surgery and remove staff-rep of elm's access/,
      );
      assert.ok(
        !(await kinds("poster")).some((i) => i.kind === "channels.leaver-access"),
        "only the practice manager is asked",
      );

      const readd = await set([t.seed.people.poster.id, leaver]);
      assert.equal(readd.status, 200, "a leaver already on the list may stay on it until the task is done");
      const doneBy = await t.as.poster.post(`${url}/access-removed`, { userId: leaver });
      assert.equal(doneBy.status, 403);
      const elsewhere = await t.as.outsider.post(`${url}/access-removed`, { userId: leaver });
      assert.equal(elsewhere.status, 404);
      const unlisted = await t.as.admin.post(`${url}/access-removed`, { userId: t.seed.people.staff.id });
      assert.equal(unlisted.status, 404);
      const done = await t.as.admin.post(`${url}/access-removed`, { userId: leaver });
      assert.equal(done.status, 200, done.text);
      assert.deepEqual(done.body.security.membersWithAccess, [t.seed.people.poster.id]);
      assert.equal(done.body.security.passwordChangedOn, ukIsoDay(ctx.now()));
      assert.ok(!(await kinds("admin")).some((i) => i.kind === "channels.leaver-access"));
      assert.equal(
        (await set([t.seed.people.poster.id, leaver])).status,
        400,
        "someone who left cannot be added",
      );
      const audit = await ctx.db
        .selectFrom("audit_log")
        .select(["action", "details"])
        .where("target_id", "=", row.id)
        .where("action", "=", "channel.access-removed")
        .execute();
      assert.equal(audit.length, 1);
    });
  });
}
