import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { runDueJobs } from "../../src/jobs/runner";
import { postResponse, postListResponse, channelListResponse } from "../../src/contracts";
import type { OpenDatabase } from "../../src/store/database";
import { postingPractice, RISKY_TEXT, rowCount, SAFE_TEXT } from "./support";

for (const kind of databaseKinds) {
  describe(`composing and approving practice posts (${kind.name})`, () => {
    let database: OpenDatabase;
    let ctx: ReturnType<typeof testContext>;
    let t: Awaited<ReturnType<typeof postingPractice>>;
    const input = (over: Record<string, unknown> = {}) => ({
      text: SAFE_TEXT,
      link: null,
      channelIds: [t.website.id],
      images: [],
      overrideReason: null,
      ...over,
    });

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      t = await postingPractice(ctx, "larch");
    });
    after(async () => {
      await t.app.close();
      await database.close();
    });

    it("a new practice has its website channel, and the channel list answers its contract", async () => {
      const r = await t.as.admin.get(`${t.base}/channels`);
      assert.equal(r.status, 200, r.text);
      const list = channelListResponse.parse(r.body);
      assert.deepEqual(
        list.channels.map((c) => c.kind),
        ["website"],
      );
      assert.deepEqual(r.body.channels[0].allowed, ["manage-channel"]);
      assert.equal((await t.as.staff.get(`${t.base}/channels`)).status, 403);
    });

    it("the author drafts, submits, and a second person approves; the answers match the contract", async () => {
      const created = await t.as.poster.post(`${t.base}/posts`, input());
      assert.equal(created.status, 201, created.text);
      const post = postResponse.strict().parse(created.body);
      assert.equal(post.state, "draft");
      assert.ok(post.allowed.includes("edit-post") && post.allowed.includes("submit-post"));
      assert.ok(!post.allowed.includes("approve-post"));
      const submitted = await t.as.poster.post(`${t.base}/posts/${post.id}/submit`, { overrideReason: null });
      assert.equal(submitted.status, 200, submitted.text);
      assert.equal(submitted.body.state, "awaiting-approval");
      assert.equal(submitted.body.verdict, "ok");
      const seen = await t.as.approver.get(`${t.base}/posts/${post.id}`);
      assert.ok(seen.body.allowed.includes("approve-post"));
      const approved = await t.as.approver.post(`${t.base}/posts/${post.id}/approve`);
      assert.equal(approved.status, 200, approved.text);
      postResponse.strict().parse(approved.body);
      assert.equal(approved.body.state, "approved");
      assert.equal(approved.body.approver.name, "approver of larch");
      assert.deepEqual(
        approved.body.timeline.map((e: { event: string }) => e.event),
        ["created", "submitted", "approved"],
      );
      const list = await t.as.approver.get(`${t.base}/posts?state=approved`);
      postListResponse.parse(list.body);
      assert.deepEqual(
        list.body.posts.map((p: { id: string }) => p.id),
        [post.id],
      );
    });

    it("an author cannot approve their own post", async () => {
      const created = await t.as.both.post(`${t.base}/posts`, input());
      const id = created.body.id as string;
      await t.as.both.post(`${t.base}/posts/${id}/submit`, {});
      const mine = await t.as.both.get(`${t.base}/posts/${id}`);
      assert.ok(!mine.body.allowed.includes("approve-post"));
      const r = await t.as.both.post(`${t.base}/posts/${id}/approve`);
      assert.equal(r.status, 403);
      assert.match(r.body.error.message, /You wrote this post/);
      assert.equal((await t.as.both.get(`${t.base}/posts/${id}`)).body.state, "awaiting-approval");
    });

    it("the last editor cannot approve, even when someone else wrote the post", async () => {
      const id = (await t.as.poster.post(`${t.base}/posts`, input())).body.id as string;
      const edited = await t.as.both.patch(
        `${t.base}/posts/${id}`,
        input({ text: `${SAFE_TEXT} Walk in too.` }),
      );
      assert.equal(edited.status, 200, edited.text);
      assert.equal(edited.body.lastEditedBy.name, "both of larch");
      await t.as.poster.post(`${t.base}/posts/${id}/submit`, {});
      const r = await t.as.both.post(`${t.base}/posts/${id}/approve`);
      assert.equal(r.status, 403);
      assert.match(r.body.error.message, /last change/);
      assert.equal((await t.as.approver.post(`${t.base}/posts/${id}/approve`)).status, 200);
    });

    it("an edit after approval voids it, and the timeline says so", async () => {
      const id = (await t.as.poster.post(`${t.base}/posts`, input())).body.id as string;
      await t.as.poster.post(`${t.base}/posts/${id}/submit`, {});
      await t.as.approver.post(`${t.base}/posts/${id}/approve`);
      const edited = await t.as.poster.patch(
        `${t.base}/posts/${id}`,
        input({ text: `${SAFE_TEXT} Parking is free.` }),
      );
      assert.equal(edited.status, 200, edited.text);
      assert.equal(edited.body.state, "draft");
      assert.equal(edited.body.approvalVoided, true);
      assert.equal(edited.body.approver, null);
      assert.equal(edited.body.verdict, null);
      const events = edited.body.timeline.map((e: { event: string }) => e.event);
      assert.deepEqual(events.slice(-2), ["edited", "approval-voided"]);
      assert.equal((await t.as.approver.post(`${t.base}/posts/${id}/approve`)).status, 409);
    });

    it("a do-not-post verdict needs the author's reason; the approver reads it and the audit keeps only that there was one", async () => {
      const id = (await t.as.poster.post(`${t.base}/posts`, input({ text: RISKY_TEXT }))).body.id as string;
      const audits = await rowCount(ctx, "audit_log");
      const refused = await t.as.poster.post(`${t.base}/posts/${id}/submit`, { overrideReason: null });
      assert.equal(refused.status, 400);
      assert.ok(refused.body.error.fields.overrideReason);
      assert.equal(await rowCount(ctx, "audit_log"), audits);
      assert.equal((await t.as.poster.get(`${t.base}/posts/${id}`)).body.state, "draft");
      const reason = "She asked us to thank her publicly and signed the consent form.";
      const sent = await t.as.poster.post(`${t.base}/posts/${id}/submit`, { overrideReason: reason });
      assert.equal(sent.status, 200, sent.text);
      assert.equal(sent.body.verdict, "do-not-post");
      const seen = await t.as.approver.get(`${t.base}/posts/${id}`);
      assert.equal(seen.body.overrideReason, reason);
      const entry = await ctx.db
        .selectFrom("audit_log")
        .select(["details"])
        .where("action", "=", "post.submitted")
        .where("target_id", "=", id)
        .executeTakeFirstOrThrow();
      const details = typeof entry.details === "string" ? JSON.parse(entry.details) : entry.details;
      assert.equal(details.overrideReason, true);
      assert.ok(!JSON.stringify(details).includes("consent"));
      assert.ok(!JSON.stringify(details).includes("Pennington"));
    });

    it("request changes with a note: the author is mailed the note and sees it; resubmitting clears it", async () => {
      const id = (await t.as.poster.post(`${t.base}/posts`, input())).body.id as string;
      await t.as.poster.post(`${t.base}/posts/${id}/submit`, {});
      const empty = await t.as.approver.post(`${t.base}/posts/${id}/request-changes`, { note: "  " });
      assert.equal(empty.status, 400);
      const note = "Please add the surgery's opening hours for Saturday.";
      const r = await t.as.approver.post(`${t.base}/posts/${id}/request-changes`, { note });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.state, "changes-requested");
      assert.equal(r.body.changesRequestedNote, note);
      assert.ok(r.body.allowed.length === 0 || !r.body.allowed.includes("approve-post"));
      ctx.sent.length = 0;
      await runDueJobs(ctx);
      const mail = ctx.sent.find((m) => m.to === t.seed.people.poster.email);
      assert.ok(mail, "the author was mailed");
      assert.ok(mail.text.includes(note));
      const author = await t.as.poster.get(`${t.base}/posts/${id}`);
      assert.deepEqual(
        author.body.allowed.filter((a: string) => a === "edit-post" || a === "submit-post"),
        ["edit-post", "submit-post"],
      );
      const again = await t.as.poster.post(`${t.base}/posts/${id}/submit`, {});
      assert.equal(again.body.state, "awaiting-approval");
      assert.equal(again.body.changesRequestedNote, null);
    });

    it("another practice's post and channel ids answer 404, and its members see none of ours", async () => {
      const id = (await t.as.poster.post(`${t.base}/posts`, input())).body.id as string;
      const otherBase = `/api/practices/${t.other.practice.id}`;
      assert.equal((await t.as.outsider.get(`${otherBase}/posts/${id}`)).status, 404);
      assert.equal((await t.as.outsider.patch(`${otherBase}/posts/${id}`, input())).status, 404);
      assert.equal((await t.as.outsider.post(`${otherBase}/posts/${id}/submit`, {})).status, 404);
      assert.equal((await t.as.outsider.get(`${t.base}/posts/${id}`)).status, 404);
      assert.equal((await t.as.outsider.get(`${otherBase}/posts`)).body.posts.length, 0);
      const theirs = (await t.as.outsider.get(`${otherBase}/channels`)).body.channels[0].id as string;
      const r = await t.as.poster.post(`${t.base}/posts`, input({ channelIds: [theirs] }));
      assert.equal(r.status, 400);
      assert.ok(r.body.error.fields.channelIds);
      const patch = await t.as.admin.patch(`${t.base}/channels/${theirs}`, {
        footer: null,
        security: { twoFactor: true, peopleWithAccess: "", recoveryEmail: "", lastReviewedOn: null },
      });
      assert.equal(patch.status, 404);
    });

    it("bad input gets a plain message and writes nothing: empty post, unknown channel, over the limit", async () => {
      const before = [
        await rowCount(ctx, "posts"),
        await rowCount(ctx, "post_events"),
        await rowCount(ctx, "audit_log"),
      ];
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ text: "   " }, "text", /Write the text/],
        [{ channelIds: [] }, "channelIds", /Choose at least one channel/],
        [{ channelIds: ["7d1f4c7e-0000-4000-8000-000000000000"] }, "channelIds", /not one of this practice/],
        [{ channelIds: ["not-an-id"] }, "channelIds", /not one of this practice/],
        [
          { images: [{ id: "7d1f4c7e-0000-4000-8000-000000000001", altText: "A poster" }] },
          "images",
          /not found/,
        ],
        [
          { images: [{ id: "7d1f4c7e-0000-4000-8000-000000000001", altText: "" }] },
          "images.0.altText",
          /Describe the image/,
        ],
        [{ link: "not a link" }, "link", /full web address/],
      ];
      for (const [over, field, message] of cases) {
        const r = await t.as.poster.post(`${t.base}/posts`, input(over));
        assert.equal(r.status, 400, `${field}: ${r.text}`);
        assert.ok(r.body.error.fields[field], `${field}: ${JSON.stringify(r.body.error)}`);
        assert.match(r.body.error.message, message);
      }
      assert.deepEqual(
        [await rowCount(ctx, "posts"), await rowCount(ctx, "post_events"), await rowCount(ctx, "audit_log")],
        before,
      );
    });

    it("text over a chosen channel's limit, footer included, is refused with that channel's count", async () => {
      // A channel with a short limit: a Mastodon instance that allows 100 characters.
      const now = ctx.now();
      const masto = await ctx.db
        .insertInto("channels")
        .values({
          practice_id: t.seed.practice.id,
          kind: "mastodon",
          name: "Mastodon",
          footer: "",
          max_chars: 100,
          security: null,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const posts = await rowCount(ctx, "posts");
      const long = "Our new phlebotomy room is open. ".repeat(4);
      const r = await t.as.poster.post(
        `${t.base}/posts`,
        input({ text: long, channelIds: [t.website.id, masto.id] }),
      );
      assert.equal(r.status, 400, r.text);
      assert.match(r.body.error.fields.text, /on Mastodon, \d+ over its limit of 100/);
      assert.equal(await rowCount(ctx, "posts"), posts);
      const ok = await t.as.poster.post(`${t.base}/posts`, input({ text: long, channelIds: [t.website.id] }));
      assert.equal(ok.status, 201, ok.text);
      // An edit that takes it over the limit is refused too, and leaves the post as it was.
      const edit = await t.as.poster.patch(
        `${t.base}/posts/${ok.body.id}`,
        input({ text: long, channelIds: [masto.id] }),
      );
      assert.equal(edit.status, 400);
      const still = await t.as.poster.get(`${t.base}/posts/${ok.body.id}`);
      assert.deepEqual(
        still.body.channels.map((c: { id: string }) => c.id),
        [t.website.id],
      );
    });

    it("only the comms group writes posts; staff cannot see them", async () => {
      assert.equal((await t.as.approver.post(`${t.base}/posts`, input())).status, 403);
      assert.equal((await t.as.staff.get(`${t.base}/posts`)).status, 403);
      assert.equal((await t.as.staff.post(`${t.base}/posts`, input())).status, 403);
    });

    it("lists filter by state, channel and words", async () => {
      const id = (
        await t.as.poster.post(`${t.base}/posts`, input({ text: "Hedgehog awareness walk on the green." }))
      ).body.id;
      const q = await t.as.poster.get(`${t.base}/posts?q=${encodeURIComponent("hedgehog")}`);
      assert.deepEqual(
        q.body.posts.map((p: { id: string }) => p.id),
        [id],
      );
      const pct = await t.as.poster.get(`${t.base}/posts?q=${encodeURIComponent("%")}`);
      assert.equal(pct.body.posts.length, 0);
      const byChannel = await t.as.poster.get(`${t.base}/posts?channel=${t.website.id}&state=draft`);
      assert.ok(byChannel.body.posts.some((p: { id: string }) => p.id === id));
      const bad = await t.as.poster.get(`${t.base}/posts?state=lost`);
      assert.equal(bad.status, 400);
    });
  });
}
