import { describe, it, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { runDueJobs } from "../../src/jobs/runner";
import { ukWallClockToInstant } from "../../src/core/dates";
import {
  approvePost,
  cancelPost,
  createPost,
  publishNow,
  resolveDelivery,
  schedulePost,
  submitPost,
  sweepDeliveries,
  updatePost,
} from "../../src/app/posts";
import { claimDelivery } from "../../src/app/posts/publish";
import { loadPost } from "../../src/app/posts/post-store";
import { postResponse } from "../../src/contracts";
import type { TestDatabase } from "../support/databases";
import { postingPractice, SAFE_TEXT } from "./support";
import { fail, fakeChannel, FakePlatform } from "./fake-platform";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

for (const kind of databaseKinds) {
  describe(`scheduling and publishing posts (${kind.name})`, () => {
    let database: TestDatabase;
    let ctx: ReturnType<typeof testContext>;
    let t: Awaited<ReturnType<typeof postingPractice>>;
    let fake: FakePlatform;
    let linkedin: string;
    let pid: string;
    const poster = () => ({ userId: t.seed.people.poster.id });
    const approver = () => ({ userId: t.seed.people.approver.id });

    /** A post written, sent and approved, to the channels given. */
    async function approved(channelIds: string[], text = SAFE_TEXT) {
      const p = await createPost(ctx, pid, poster(), {
        text,
        link: null,
        channelIds,
        images: [],
        overrideReason: null,
      });
      await submitPost(ctx, pid, p.id, poster(), null);
      return approvePost(ctx, pid, p.id, approver());
    }
    const deliveries = (postId: string) =>
      ctx.db
        .selectFrom("deliveries")
        .selectAll()
        .where("post_id", "=", postId)
        .orderBy("channel_id")
        .execute();
    const inFuture = (ms: number) => new Date(ctx.now().getTime() + ms).toISOString();

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      t = await postingPractice(ctx, "alder");
      pid = t.seed.practice.id;
      fake = new FakePlatform();
      linkedin = await fakeChannel(ctx, pid);
    });
    after(async () => {
      fake.restore();
      await t.app.close();
      await database.close();
    });
    beforeEach(async () => {
      await t.signInAgain();
      fake.calls = [];
      fake.behave = (post) => ({
        platformId: `p-${post.deliveryId}`,
        url: `https://fake.example/${post.deliveryId}`,
      });
      fake.find = null;
    });

    it("approval of a scheduled post makes one delivery per channel, published at its time with the platform's address", async () => {
      const p = await createPost(ctx, pid, poster(), {
        text: SAFE_TEXT,
        link: "https://alder.example/flu",
        channelIds: [t.website.id, linkedin],
        images: [],
        overrideReason: null,
      });
      await schedulePost(ctx, pid, p.id, poster(), inFuture(2 * HOUR));
      assert.equal((await deliveries(p.id)).length, 0, "nothing is armed before approval");
      await submitPost(ctx, pid, p.id, poster(), null);
      const a = await approvePost(ctx, pid, p.id, approver());
      assert.equal(a.state, "scheduled");
      const ds = await deliveries(p.id);
      assert.equal(ds.length, 2);
      assert.ok(ds.every((d) => d.state === "scheduled"));
      ctx.clock.advance(HOUR);
      await runDueJobs(ctx);
      assert.equal(fake.calls.length, 0, "nothing goes out before its time");
      ctx.clock.advance(HOUR + 1000);
      await runDueJobs(ctx);
      assert.equal(fake.calls.length, 1);
      assert.match(fake.calls[0]!.text, /^Flu clinics/);
      assert.equal(fake.calls[0]!.link, "https://alder.example/flu", "LinkedIn gets the link as its article");
      assert.ok(!fake.calls[0]!.text.includes("https://alder.example/flu"), "and not again in the text");
      const after = await deliveries(p.id);
      assert.ok(
        after.every((d) => d.state === "published"),
        JSON.stringify(after.map((d) => d.state)),
      );
      const li = after.find((d) => d.channel_id === linkedin)!;
      assert.equal(li.url, `https://fake.example/${li.id}`);
      assert.equal(li.platform_id, `p-${li.id}`);
      const web = after.find((d) => d.channel_id === t.website.id)!;
      assert.match(web.url ?? "", /\/p\/alder\/news#post-/);
      const view = await t.as.poster.get(`${t.base}/posts/${p.id}`);
      postResponse.strict().parse(view.body);
      assert.equal(view.body.state, "published");
      assert.ok(view.body.publishedAt);
    });

    for (const [label, day, time, utc] of [
      ["the last Sunday of March (clocks go forward)", "2027-03-28", "09:30", "2027-03-28T08:30:00.000Z"],
      ["the last Sunday of October (clocks go back)", "2027-10-31", "09:30", "2027-10-31T09:30:00.000Z"],
    ] as const)
      it(`a post scheduled for 09:30 UK time on ${label} goes out at 09:30 on the UK clock`, async () => {
        const at = ukWallClockToInstant(day, time)!;
        assert.equal(at.toISOString(), utc);
        const a = await approved([linkedin]);
        const r = await t.as.poster.post(`${t.base}/posts/${a.id}/schedule`, {
          scheduledAt: at.toISOString(),
        });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.body.scheduledAt, utc);
        const stored = await loadPost(ctx.db, pid, a.id);
        assert.equal(stored.scheduled_at?.toISOString(), utc);
        ctx.clock.current = new Date(at.getTime() - MINUTE);
        await runDueJobs(ctx);
        assert.equal(fake.calls.length, 0);
        ctx.clock.current = new Date(at.getTime() + 1000);
        await runDueJobs(ctx);
        assert.equal(fake.calls.length, 1);
        assert.equal((await loadPost(ctx.db, pid, a.id)).state, "published");
      });

    it("a time in the past is refused with a plain message and changes nothing", async () => {
      const a = await approved([linkedin]);
      const r = await t.as.poster.post(`${t.base}/posts/${a.id}/schedule`, {
        scheduledAt: inFuture(-MINUTE),
      });
      assert.equal(r.status, 400);
      assert.match(r.body.error.message, /future/);
      assert.equal((await deliveries(a.id)).length, 0);
      const bad = await t.as.poster.post(`${t.base}/posts/${a.id}/schedule`, { scheduledAt: "next Tuesday" });
      assert.equal(bad.status, 400);
    });

    it("rescheduling moves the post: the old time passes quietly, the new one publishes", async () => {
      const a = await approved([linkedin]);
      await schedulePost(ctx, pid, a.id, poster(), inFuture(HOUR));
      await schedulePost(ctx, pid, a.id, poster(), inFuture(3 * HOUR));
      ctx.clock.advance(HOUR + 1000);
      await runDueJobs(ctx);
      assert.equal(fake.calls.length, 0);
      ctx.clock.advance(2 * HOUR);
      await runDueJobs(ctx);
      assert.equal(fake.calls.length, 1);
      const events = (await t.as.poster.get(`${t.base}/posts/${a.id}`)).body.timeline.map(
        (e: { event: string }) => e.event,
      );
      assert.ok(events.includes("rescheduled"));
    });

    it("a cancelled post, and a post edited after approval, are not published at their time", async () => {
      const a = await approved([linkedin]);
      await schedulePost(ctx, pid, a.id, poster(), inFuture(HOUR));
      const cancelled = await cancelPost(ctx, pid, a.id, poster());
      assert.equal(cancelled.state, "cancelled");
      const b = await approved([linkedin]);
      await schedulePost(ctx, pid, b.id, poster(), inFuture(HOUR));
      const edited = await updatePost(ctx, pid, b.id, poster(), {
        text: `${SAFE_TEXT} Bring your red book.`,
        link: null,
        channelIds: [linkedin],
        images: [],
        overrideReason: null,
      });
      assert.equal(edited.state, "draft");
      ctx.clock.advance(2 * HOUR);
      await runDueJobs(ctx);
      assert.equal(fake.calls.length, 0);
      assert.ok((await deliveries(b.id)).every((d) => d.state === "cancelled"));
    });

    it("publish now sends an approved post at once; a draft cannot be published", async () => {
      const a = await approved([linkedin]);
      const r = await t.as.approver.post(`${t.base}/posts/${a.id}/publish-now`);
      assert.equal(r.status, 200, r.text);
      await runDueJobs(ctx);
      assert.equal(fake.calls.length, 1);
      const draft = await createPost(ctx, pid, poster(), {
        text: SAFE_TEXT,
        link: null,
        channelIds: [linkedin],
        images: [],
        overrideReason: null,
      });
      const refused = await t.as.poster.post(`${t.base}/posts/${draft.id}/publish-now`);
      assert.equal(refused.status, 409);
    });

    it("a platform that says try later is tried again after the time it asked for", async () => {
      fake.behave = (post, call) =>
        call === 1
          ? fail("retry", { retryAfterSeconds: 120 })
          : { platformId: "x1", url: `https://fake.example/${post.deliveryId}` };
      const a = await approved([linkedin]);
      await publishNow(ctx, pid, a.id, poster());
      await runDueJobs(ctx);
      const [d] = await deliveries(a.id);
      assert.equal(d!.state, "scheduled");
      assert.equal(d!.due_at.getTime(), ctx.now().getTime() + 120_000);
      ctx.clock.advance(60_000);
      await runDueJobs(ctx);
      assert.equal(fake.calls.length, 1);
      ctx.clock.advance(61_000);
      await runDueJobs(ctx);
      assert.equal(fake.calls.length, 2);
      assert.equal((await deliveries(a.id))[0]!.state, "published");
    });

    it("an expired sign-in holds the post and marks the channel for reconnecting; a refusal fails with the platform's reason", async () => {
      fake.behave = () => fail("reconnect");
      const a = await approved([linkedin]);
      await publishNow(ctx, pid, a.id, poster());
      await runDueJobs(ctx);
      assert.equal((await deliveries(a.id))[0]!.state, "held");
      const ch = await ctx.db
        .selectFrom("channels")
        .select("status")
        .where("id", "=", linkedin)
        .executeTakeFirstOrThrow();
      assert.equal(ch.status, "reconnect-needed");
      await ctx.db.updateTable("channels").set({ status: "connected" }).where("id", "=", linkedin).execute();

      fake.behave = () => fail("rejected", { platformReason: "Duplicate content is not allowed." });
      const b = await approved([linkedin]);
      await publishNow(ctx, pid, b.id, poster());
      await runDueJobs(ctx);
      const [d] = await deliveries(b.id);
      assert.equal(d!.state, "failed");
      assert.match(d!.error ?? "", /Duplicate content is not allowed/);
      assert.equal((await loadPost(ctx.db, pid, b.id)).state, "failed");
    });

    it("an unknown outcome is never sent again blindly: found on the platform it is published, else a person checks", async () => {
      fake.behave = () => fail("unknown-outcome");
      fake.find = (post) => ({ platformId: "found-1", url: `https://fake.example/found/${post.deliveryId}` });
      const a = await approved([linkedin]);
      await publishNow(ctx, pid, a.id, poster());
      await runDueJobs(ctx);
      const [found] = await deliveries(a.id);
      assert.equal(found!.state, "published");
      assert.equal(found!.platform_id, "found-1");
      assert.equal(fake.calls.length, 1);

      fake.find = () => null;
      const b = await approved([linkedin]);
      await publishNow(ctx, pid, b.id, poster());
      await runDueJobs(ctx);
      ctx.clock.advance(HOUR);
      await runDueJobs(ctx);
      assert.equal(fake.callsFor((await deliveries(b.id))[0]!.id), 1, "sent once, never repeated");
      const view = await t.as.poster.get(`${t.base}/posts/${b.id}`);
      assert.equal(view.body.state, "needs-check");
      assert.ok(view.body.allowed.includes("resolve-delivery"));
      const d = view.body.deliveries[0];
      assert.equal(d.state, "needs-check");
      assert.match(d.error, /could not tell whether this was posted/);
      const noUrl = await t.as.poster.post(`${t.base}/posts/${b.id}/deliveries/${d.id}/resolve`, {
        posted: true,
        url: null,
      });
      assert.equal(noUrl.status, 400);
      const ok = await t.as.poster.post(`${t.base}/posts/${b.id}/deliveries/${d.id}/resolve`, {
        posted: true,
        url: "https://fake.example/seen-by-hand",
      });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.state, "published");
      assert.equal(ok.body.deliveries[0].url, "https://fake.example/seen-by-hand");
      const other = `/api/practices/${t.other.practice.id}`;
      assert.equal(
        (await t.as.outsider.post(`${other}/posts/${b.id}/deliveries/${d.id}/resolve`, { posted: false }))
          .status,
        404,
      );
    });

    it("a runner killed mid-publish leaves no duplicate: the delivery waits as publishing, then a person checks it", async () => {
      const a = await approved([linkedin]);
      await publishNow(ctx, pid, a.id, poster());
      const [d] = await deliveries(a.id);
      // The first half of a run: the claim is committed, then the runner dies before the platform call returns.
      const claimed = await claimDelivery(ctx, pid, d!.id);
      assert.equal(typeof claimed, "object");
      assert.equal((await deliveries(a.id))[0]!.state, "publishing");
      // The job is run again (pg-boss retries a job whose runner vanished) and by the sweep: nothing is sent.
      await runDueJobs(ctx);
      ctx.clock.advance(5 * MINUTE);
      await sweepDeliveries(ctx);
      await runDueJobs(ctx);
      assert.equal(fake.calls.length, 0);
      assert.equal((await deliveries(a.id))[0]!.state, "publishing");
      ctx.clock.advance(15 * MINUTE);
      const swept = await sweepDeliveries(ctx);
      assert.equal(swept.stuck, 1);
      assert.equal((await deliveries(a.id))[0]!.state, "needs-check");
      assert.equal(fake.calls.length, 0);
      // A person looked and it was not there: publish again, once.
      await resolveDelivery(ctx, pid, a.id, d!.id, poster(), { posted: false, url: null });
      await runDueJobs(ctx);
      assert.equal(fake.calls.length, 1);
      assert.equal((await deliveries(a.id))[0]!.state, "published");
    });

    it("an approval that could not be published within 24 hours of its time goes back for review", async () => {
      const a = await approved([linkedin]);
      await schedulePost(ctx, pid, a.id, poster(), inFuture(HOUR));
      ctx.clock.advance(26 * HOUR);
      await runDueJobs(ctx);
      assert.equal(fake.calls.length, 0);
      const back = await t.as.approver.get(`${t.base}/posts/${a.id}`);
      assert.equal(back.body.state, "awaiting-approval");
      assert.equal(back.body.approver, null);
      assert.ok(back.body.timeline.some((e: { event: string }) => e.event === "approval-expired"));
      assert.ok(back.body.allowed.includes("approve-post"));
    });

    it("two runners on one database, many posts due at once, duplicate jobs: each delivery is published exactly once", async () => {
      const second = await database.another();
      const ctx2 = testContext(second, ctx.clock);
      try {
        fake.behave = async (post) => {
          await new Promise((r) => setTimeout(r, 2));
          return { platformId: `p-${post.deliveryId}`, url: `https://fake.example/${post.deliveryId}` };
        };
        const at = new Date(ctx.now().getTime() + HOUR);
        const ids: string[] = [];
        const n = kind.name === "postgres" ? 60 : 15;
        for (let i = 0; i < n; i++) {
          const a = await approved([linkedin, t.website.id], `${SAFE_TEXT} Session ${i + 1}.`);
          await schedulePost(ctx, pid, a.id, poster(), at.toISOString());
          ids.push(a.id);
        }
        const all = await ctx.db
          .selectFrom("deliveries")
          .select(["id", "practice_id"])
          .where("post_id", "in", ids)
          .execute();
        // A second job for every delivery, as a sweep or a retry would add.
        for (const d of all)
          await ctx.jobs.enqueue(
            ctx.db,
            "posts.publish",
            { practiceId: d.practice_id, deliveryId: d.id },
            { startAfter: at, key: `dup:${d.id}` },
          );
        ctx.clock.current = new Date(at.getTime() + 1000);
        await Promise.all([
          runDueJobs(ctx, 200),
          runDueJobs(ctx2, 200),
          runDueJobs(ctx, 200),
          runDueJobs(ctx2, 200),
        ]);
        const li = all.filter((d) => fake.callsFor(d.id) > 0);
        assert.equal(fake.calls.length, n, "one platform call per LinkedIn delivery");
        assert.equal(li.length, n);
        assert.ok(li.every((d) => fake.callsFor(d.id) === 1));
        const states = await ctx.db.selectFrom("posts").select("state").where("id", "in", ids).execute();
        assert.ok(
          states.every((s) => s.state === "published"),
          JSON.stringify(states),
        );
      } finally {
        if (kind.name === "postgres") await second.close();
      }
    });
  });
}
