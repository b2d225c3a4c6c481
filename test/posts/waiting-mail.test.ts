// "Waiting for you" by email: what newly waits for a member is mailed once (also when two instances look at
// once), again only if it comes back, and the optional ones only while the member keeps them on.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { notifyWaiting } from "../../src/app/waiting/notify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { Client } from "../support/http";
import { postingPractice, SAFE_TEXT } from "./support";

for (const kind of databaseKinds) {
  describe(`waiting items by email (${kind.name})`, () => {
    let database: OpenDatabase;
    let ctx: ReturnType<typeof testContext>;
    let t: Awaited<ReturnType<typeof postingPractice>>;
    const mailsTo = async (email: string) =>
      ctx.db
        .selectFrom("outbox")
        .select(["subject", "body"])
        .where("to_address", "=", email)
        .orderBy("created_at")
        .execute();
    const submitted = async () => {
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
      return id;
    };

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      t = await postingPractice(ctx, "ash");
    });
    after(async () => {
      await t.app.close();
      await database.close();
    });

    it("mails a post to approve to the approvers once, never its text, even when two instances look at once", async () => {
      const approver = t.seed.people.approver.email;
      const before = (await mailsTo(approver)).length;
      const id = await submitted();
      const [a, b] = await Promise.all([notifyWaiting(ctx), notifyWaiting(ctx)]);
      const mails = (await mailsTo(approver)).slice(before);
      assert.equal(mails.length, 1, "one mail across both runs");
      assert.ok(a.mailed + b.mailed >= 2, "the approver and the member who is poster and approver");
      assert.match(mails[0]!.subject, /Approve a post by poster of ash/);
      assert.ok(mails[0]!.body.includes(`/practice/${t.seed.practice.id}/posts/${id}`));
      assert.ok(!mails[0]!.body.includes(SAFE_TEXT), "the post's text stays in safepost");
      assert.equal((await mailsTo(t.seed.people.poster.email)).length, 0, "the author is not asked");
      assert.equal((await mailsTo(t.seed.people.staff.email)).length, 0);
      await notifyWaiting(ctx);
      assert.equal((await mailsTo(approver)).length - before, 1, "not mailed again while it still waits");

      const changes = await t.as.approver.post(`${t.base}/posts/${id}/request-changes`, {
        note: "Which Saturdays?",
      });
      assert.equal(changes.status, 200, changes.text);
      await notifyWaiting(ctx);
      assert.equal((await mailsTo(approver)).length - before, 1);
      assert.equal((await t.as.poster.post(`${t.base}/posts/${id}/submit`, {})).status, 200);
      await notifyWaiting(ctx);
      assert.equal((await mailsTo(approver)).length - before, 2, "sent for approval again: mailed again");
    });

    it("a member who turns the optional emails off still gets the essential ones", async () => {
      const prefs = await t.as.admin.get("/api/account/emails");
      assert.equal(prefs.status, 200, prefs.text);
      assert.deepEqual(prefs.body, { optionalEmails: true });
      const bad = await t.as.admin.put("/api/account/emails", { optionalEmails: "no" });
      assert.equal(bad.status, 400);
      assert.match(bad.body.error.message, /not essential/);
      const off = await t.as.admin.put("/api/account/emails", { optionalEmails: false });
      assert.deepEqual(off.body, { optionalEmails: false });

      const admin = t.seed.people.admin.email;
      const before = (await mailsTo(admin)).length;
      const now = ctx.now();
      const channel = await ctx.db
        .insertInto("channels")
        .values({
          practice_id: t.seed.practice.id,
          kind: "mastodon",
          name: "Mastodon: @ash",
          status: "connected",
          footer: null,
          max_chars: 500,
          security: null,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await notifyWaiting(ctx);
      assert.equal((await mailsTo(admin)).length, before, "a security review due is optional: not mailed");
      await ctx.db
        .updateTable("channels")
        .set({ status: "reconnect-needed" })
        .where("id", "=", channel.id)
        .execute();
      await notifyWaiting(ctx);
      const mails = (await mailsTo(admin)).slice(before);
      assert.equal(mails.length, 1);
      assert.match(mails[0]!.subject, /Reconnect Mastodon: @ash/);
      assert.match(mails[0]!.body, /this one is essential/);
      assert.ok(!mails[0]!.body.includes("security"), "the optional review is not in it");
    });

    it("your email choice needs you signed in", async () => {
      const r = await t.as.admin.get("/api/account/emails");
      assert.equal(r.status, 200);
      const anonymous = new Client(t.app, "10.9.250.1");
      assert.equal((await anonymous.get("/api/account/emails")).status, 401);
    });
  });
}
