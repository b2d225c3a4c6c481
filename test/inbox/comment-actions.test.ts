// Deleting, blocking and reporting from the inbox (issue 10, part 5), each where the channel's adapter offers it
// and each after an evidence record: Mastodon mentions (block, report; no hiding, said in words) and Instagram
// comments (delete, hide) polled from their contract servers. On PGlite and, with DATABASE_URL, PostgreSQL.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { createHash } from "node:crypto";
import sharp from "sharp";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { commentActionResponse, errorBody } from "../../src/contracts";
import { pollChannel } from "../../src/app/inbox/poll";
import { verifyEvidenceChain } from "../../src/app/inbox/evidence";
import { mastodonAdapter } from "../../src/channels/mastodon";
import { createInstagramAdapter } from "../../src/channels/instagram";
import type { ChannelKind, PublishedRef } from "../../src/channels/adapter";
import { postingPractice } from "../posts/support";
import { MastodonServer } from "../channels/support/mastodon-server";
import { connectChannel, recordPublished } from "../channels/support/practice-channel";
import { ImageHost, InstagramServer } from "../channels/support/instagram-server";

const APP_SECRET = "fedcba9876543210fedcba9876543210";

for (const kind of databaseKinds) {
  describe(`deleting, blocking and reporting comments on their platforms (${kind.name})`, () => {
    let database: OpenDatabase;
    let ctx: ReturnType<typeof testContext>;
    let t: Awaited<ReturnType<typeof postingPractice>>;
    let masto: MastodonServer;
    let ig: InstagramServer;
    let host: ImageHost;
    const channels: Record<string, string> = {};
    const posts: Record<string, PublishedRef> = {};
    const inbox = () => `${t.base}/inbox`;

    const evidenceCount = async () =>
      Number(
        (
          await ctx.db
            .selectFrom("inbox_evidence")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const byPlatformId = (id: string) =>
      ctx.db.selectFrom("inbox_comments").selectAll().where("platform_id", "=", id).executeTakeFirstOrThrow();

    async function connect(kindOf: ChannelKind, apiBase: string, accountId: string, token: string) {
      const practiceId = t.seed.practice.id;
      channels[kindOf] = await connectChannel(ctx, {
        practiceId,
        kind: kindOf,
        name: `Oak ${kindOf}`,
        apiBase,
        accountId,
        token,
      });
    }

    async function published(kindOf: ChannelKind, ref: PublishedRef, text: string) {
      const people = t.seed.people;
      await recordPublished(ctx, {
        practiceId: t.seed.practice.id,
        channelId: channels[kindOf]!,
        authorId: people.poster.id,
        approverId: people.approver.id,
        text,
        ref,
      });
      posts[kindOf] = ref;
    }

    const poll = (kindOf: string) =>
      pollChannel(ctx, { practiceId: t.seed.practice.id, channelId: channels[kindOf]! });
    const url = (row: { conversation_id: string; id: string }) =>
      `${inbox()}/${row.conversation_id}/comments/${row.id}`;

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      ctx.clock.current = new Date();
      ctx.secretKey = randomBytes(32);
      ctx.platformApps = { facebook: { clientId: "1234", clientSecret: APP_SECRET } };
      t = await postingPractice(ctx, "oak");
      masto = await new MastodonServer().start();
      ig = await new InstagramServer().start();
      host = await new ImageHost().start();
      const mToken = masto.token();
      await connect("mastodon", masto.url, masto.accountId, mToken);
      const text = "Flu clinics this Saturday";
      const mConn = {
        kind: "mastodon" as const,
        apiBase: masto.url,
        accountId: masto.accountId,
        credentials: { accessToken: mToken },
      };
      await published(
        "mastodon",
        await mastodonAdapter.publish(mConn, { deliveryId: randomUUID(), text, link: null, images: [] }),
        text,
      );
      // The first poll starts from now.
      await poll("mastodon");

      const iToken = ig.token();
      await connect("instagram", ig.url, ig.accountId, iToken);
      const jpeg = await sharp({
        create: { width: 32, height: 32, channels: 3, background: { r: 9, g: 99, b: 199 } },
      })
        .jpeg()
        .toBuffer();
      const igAdapter = createInstagramAdapter({ pollDelaysMs: [10, 20, 40] });
      const iConn = {
        kind: "instagram" as const,
        apiBase: ig.url,
        accountId: ig.accountId,
        credentials: { accessToken: iToken },
      };
      const ref = await igAdapter.publish(iConn, {
        deliveryId: randomUUID(),
        text,
        link: null,
        images: [
          {
            bytes: jpeg,
            mimeType: "image/jpeg",
            altText: "A flu clinic poster",
            publicUrl: host.put(jpeg, "image/jpeg"),
            sha256: createHash("sha256").update(jpeg).digest("hex"),
          },
        ],
      });
      await published("instagram", ref, text);
    });
    after(async () => {
      await t.app.close();
      await masto.close();
      await ig.close();
      await host.close();
      await database.close();
    });

    it("blocks a Mastodon author and reports the mention, each after an evidence record, never sending the words", async () => {
      const troll = masto.visitor("troll");
      const words = "The receptionist Karen Smith is a liar and a thief.";
      const s = masto.visitorStatus(troll, words, posts.mastodon!.platformId);
      assert.equal((await poll("mastodon")).status, "polled");
      const row = await byPlatformId(s.id);
      assert.equal(row.author_handle, "@troll@elsewhere.example");
      const view = await t.as.poster.get(`${inbox()}/${row.conversation_id}`);
      const seen = view.body.comments.find((m: { id: string }) => m.id === row.id);
      assert.deepEqual(
        [seen.canHide, seen.canDelete, seen.canBlock, seen.canReport],
        [false, false, true, true],
      );

      const before = await evidenceCount();
      const blocked = await t.as.poster.post(`${url(row)}/block`, {
        reason: "names-staff",
        note: "Names Karen",
      });
      assert.equal(blocked.status, 200, blocked.text);
      assert.equal(commentActionResponse.parse(blocked.body).action, "block");
      assert.ok(masto.blocks.has(`${masto.accountId}:${troll}`), "blocked on Mastodon");
      const reported = await t.as.poster.post(`${url(row)}/report`, { reason: "names-staff" });
      assert.equal(reported.status, 200, reported.text);
      const report = masto.reports.find((r) => r.statusIds.includes(s.id));
      assert.ok(report, "reported to the server's moderators");
      assert.equal(report.forward, true, "forwarded to the author's own server");
      assert.ok(!report.comment.includes("Karen") && !report.comment.includes("liar"));
      assert.equal(await evidenceCount(), before + 2, "one evidence record each");
      const records = await ctx.db
        .selectFrom("inbox_evidence")
        .select(["action", "rendered"])
        .where("comment_id", "=", row.id)
        .orderBy("seq")
        .execute();
      assert.deepEqual(
        records.map((r) => r.action),
        ["block", "report"],
      );
      assert.ok(records[0]!.rendered.includes("liar"));
      assert.deepEqual(await verifyEvidenceChain(ctx.db, t.seed.practice.id), {
        ok: true,
        records: before + 2,
        brokenAt: null,
      });
      const audit = await ctx.db
        .selectFrom("audit_log")
        .select(["action", "details"])
        .where("action", "in", ["inbox.author-blocked", "inbox.comment-reported"])
        .execute();
      assert.equal(audit.length, 2);
      for (const a of audit) assert.ok(!JSON.stringify(a.details).match(/Karen|liar/));

      const again = await t.as.poster.post(`${url(row)}/report`, { reason: "names-staff" });
      assert.equal(again.status, 409);
      assert.match(errorBody.parse(again.body).error.message, /reported .* already/);
      const after = await t.as.poster.get(`${inbox()}/${row.conversation_id}`);
      const now = after.body.comments.find((m: { id: string }) => m.id === row.id);
      assert.ok(now.authorBlockedAt && now.reportedAt);
      assert.equal(now.canBlock, false);
    });

    it("says plainly that Mastodon cannot hide or delete, and writes nothing", async () => {
      const s = masto.visitorStatus(masto.visitor("rude"), "You are all useless", posts.mastodon!.platformId);
      await poll("mastodon");
      const row = await byPlatformId(s.id);
      const before = await evidenceCount();
      for (const action of ["hide", "delete"]) {
        const r = await t.as.poster.post(`${url(row)}/${action}`, { reason: "abuse" });
        assert.equal(r.status, 409, r.text);
        assert.match(errorBody.parse(r.body).error.message, /Mastodon does not let safepost/);
      }
      assert.equal(await evidenceCount(), before);
    });

    it("deletes an Instagram comment after an evidence record; then it can be neither hidden nor deleted again", async () => {
      const c = ig.visitorComment(
        posts.instagram!.platformId,
        "Buy cheap followers at spam.example",
        "spam.bot",
      );
      assert.equal((await poll("instagram")).status, "polled");
      const row = await byPlatformId(c.id);
      const r = await t.as.poster.post(`${url(row)}/delete`, { reason: "spam" });
      assert.equal(r.status, 200, r.text);
      assert.ok(!ig.comments.some((x) => x.id === c.id), "gone from Instagram");
      const stored = await byPlatformId(c.id);
      assert.ok(stored.deleted_at);
      assert.ok(stored.text, "the inbox keeps its copy");
      const view = await t.as.poster.get(`${inbox()}/${row.conversation_id}`);
      const seen = view.body.comments.find((m: { id: string }) => m.id === row.id);
      assert.ok(seen.deletedAt);
      assert.equal(seen.canHide, false);
      assert.equal(seen.evidenceRecords, 1);
      const hide = await t.as.poster.post(`${url(row)}/hide`, { reason: "spam" });
      assert.equal(hide.status, 409);
      assert.match(errorBody.parse(hide.body).error.message, /deleted on Instagram/);
      const block = await t.as.poster.post(`${url(row)}/block`, { reason: "spam" });
      assert.equal(block.status, 409);
    });

    it("a signed Instagram comments webhook stores its comment once; a bad signature is 401 and stores nothing", async () => {
      const id = `1790${Date.now()}`;
      const body = JSON.stringify({
        object: "instagram",
        entry: [
          {
            id: ig.accountId,
            time: Math.floor(Date.now() / 1000),
            changes: [
              {
                field: "comments",
                value: {
                  id,
                  text: "Can I get my repeat prescription sent to Boots please?",
                  from: { id: "17841499999", username: "webhook.patient" },
                  media: { id: posts.instagram!.platformId, media_product_type: "FEED" },
                },
              },
            ],
          },
        ],
      });
      const sign = (secret: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
      const send = (signature?: string) =>
        t.app.inject({
          method: "POST",
          url: "/api/webhooks/facebook",
          headers: {
            "content-type": "application/json",
            ...(signature ? { "x-hub-signature-256": signature } : {}),
          },
          payload: body,
        });
      for (const bad of [undefined, sign("not-the-app-secret-at-all")]) {
        const r = await send(bad);
        assert.equal(r.statusCode, 401, r.body);
      }
      assert.equal(
        await ctx.db
          .selectFrom("inbox_comments")
          .select("id")
          .where("platform_id", "=", id)
          .executeTakeFirst(),
        undefined,
        "nothing stored",
      );
      const good = await send(sign(APP_SECRET));
      assert.equal(good.statusCode, 200, good.body);
      assert.equal(JSON.parse(good.body).stored, 1);
      assert.equal(JSON.parse((await send(sign(APP_SECRET))).body).stored, 0, "stored once");
      const row = await byPlatformId(id);
      assert.equal(row.source, "webhook");
      assert.equal(row.channel_kind, "instagram");
      assert.equal(row.author_handle, "@webhook.patient");
      assert.equal(row.platform_post_id, posts.instagram!.platformId);
      assert.ok(row.post_id, "under the practice's post");
      assert.equal(row.category, "prescription-request");
    });

    it("refuses a bad reason, staff without a posting role and another practice, writing nothing", async () => {
      const c = ig.visitorComment(posts.instagram!.platformId, "Not very nice", "someone");
      await poll("instagram");
      const row = await byPlatformId(c.id);
      const before = await evidenceCount();
      const bad = await t.as.poster.post(`${url(row)}/delete`, { reason: "because" });
      assert.equal(bad.status, 400);
      assert.match(errorBody.parse(bad.body).error.message, /Choose why/);
      assert.equal((await t.as.staff.post(`${url(row)}/delete`, { reason: "abuse" })).status, 403);
      const outsider = await t.as.outsider.post(`${url(row)}/delete`, { reason: "abuse" });
      assert.equal(outsider.status, 404, "another practice's comment is not found");
      assert.equal(await evidenceCount(), before);
      assert.ok(
        ig.comments.some((x) => x.id === c.id),
        "still on Instagram",
      );
    });
  });
}
