// Comments from a Facebook Page (the Graph contract server): polled through the job, stored once also when two
// pollers run at once, pushed by the signed feed webhook; hidden and shown again through the API with an
// immutable, hash-chained evidence record exported as PDF; the text of closed conversations purged after the
// practice's retention period while evidence stays. On PGlite and, with DATABASE_URL, PostgreSQL.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { sql } from "kysely";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { errorBody, moderationResponse } from "../../src/contracts";
import { pollChannel, enqueueCommentPolls } from "../../src/app/inbox/poll";
import { verifyEvidenceChain } from "../../src/app/inbox/evidence";
import { purgeCommentText } from "../../src/app/inbox/retention";
import { runDueJobs } from "../../src/jobs/runner";
import { postingPractice } from "../posts/support";
import { pdfText } from "../policy/pdf-text";
import { FacebookServer } from "../channels/support/facebook-server";
import { connectChannel, recordPublished } from "../channels/support/practice-channel";
import { COMMENTS } from "./support";

const APP_SECRET = "0123456789abcdef0123456789abcdef";

for (const kind of databaseKinds) {
  describe(`comments from the platform, hiding with evidence, retention (${kind.name})`, () => {
    let database: OpenDatabase;
    let ctx: ReturnType<typeof testContext>;
    let t: Awaited<ReturnType<typeof postingPractice>>;
    let fb: FacebookServer;
    let channelId: string;
    let postPlatformId: string;
    const inbox = () => `${t.base}/inbox`;

    const count = async (table: "inbox_comments" | "inbox_evidence") =>
      Number(
        (
          await ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const commentByPlatformId = (id: string) =>
      ctx.db.selectFrom("inbox_comments").selectAll().where("platform_id", "=", id).executeTakeFirst();

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      ctx.clock.current = new Date();
      ctx.secretKey = randomBytes(32);
      ctx.platformApps = { facebook: { clientId: "1234", clientSecret: APP_SECRET } };
      ctx.facebookWebhookVerifyToken = "verify-me-please";
      t = await postingPractice(ctx, "birch");
      fb = await new FacebookServer().start();
      channelId = await connectChannel(ctx, {
        practiceId: t.seed.practice.id,
        kind: "facebook",
        name: "Birch Facebook Page",
        apiBase: fb.url,
        accountId: fb.pageId,
        token: fb.token(),
      });
      // A post published through safepost on the Page.
      const { facebookAdapter } = await import("../../src/channels/facebook");
      const conn = {
        kind: "facebook" as const,
        apiBase: fb.url,
        accountId: fb.pageId,
        credentials: { accessToken: [...fb.pageTokens][0]! },
      };
      const ref = await facebookAdapter.publish(conn, {
        deliveryId: crypto.randomUUID(),
        text: "Flu clinics this Saturday",
        link: null,
        images: [],
      });
      postPlatformId = ref.platformId;
      await recordPublished(ctx, {
        practiceId: t.seed.practice.id,
        channelId,
        authorId: t.seed.people.poster.id,
        approverId: t.seed.people.approver.id,
        text: "Flu clinics this Saturday",
        ref,
      });
    });
    after(async () => {
      await t.app.close();
      await fb.close();
      await database.close();
    });

    it("the scheduled poll stores a comment under the practice's post, triaged, with the platform's record", async () => {
      const c = fb.visitorComment(postPlatformId, COMMENTS.threat, "Angry Person");
      assert.ok((await enqueueCommentPolls(ctx)) >= 1);
      await runDueJobs(ctx);
      const row = await commentByPlatformId(c.id);
      assert.ok(row, "stored");
      assert.equal(row.source, "poll");
      assert.equal(row.author_handle, "Angry Person");
      assert.equal(row.text, COMMENTS.threat);
      assert.equal(row.platform_post_id, postPlatformId);
      assert.ok(row.post_id, "under the practice's post");
      assert.equal(row.category, "abuse");
      const state = await ctx.db
        .selectFrom("inbox_poll_state")
        .selectAll()
        .where("channel_id", "=", channelId)
        .executeTakeFirstOrThrow();
      assert.equal(state.outcome, "ok");
      assert.ok(state.cursor);
    });

    it("two pollers at once store each comment once", async () => {
      const a = fb.visitorComment(postPlatformId, COMMENTS.question, "Q Person");
      const b = fb.visitorComment(postPlatformId, COMMENTS.appointment, "A Person");
      await ctx.db.deleteFrom("inbox_poll_state").execute(); // both start from the beginning
      const before = await count("inbox_comments");
      const p = { practiceId: t.seed.practice.id, channelId };
      const results = await Promise.all([pollChannel(ctx, p), pollChannel(ctx, p), pollChannel(ctx, p)]);
      for (const r of results) assert.equal(r.status, "polled");
      assert.equal(await count("inbox_comments"), before + 2);
      for (const id of [a.id, b.id]) {
        const n = await ctx.db
          .selectFrom("inbox_comments")
          .select("id")
          .where("platform_id", "=", id)
          .execute();
        assert.equal(n.length, 1);
      }
    });

    it("the webhook's subscription check answers the challenge only with the verify token", async () => {
      const ok = await t.as.poster.get(
        "/api/webhooks/facebook?hub.mode=subscribe&hub.verify_token=verify-me-please&hub.challenge=12345",
      );
      assert.equal(ok.status, 200);
      assert.equal(ok.text, "12345");
      const bad = await t.as.poster.get(
        "/api/webhooks/facebook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=12345",
      );
      assert.equal(bad.status, 403);
    });

    it("a signed feed webhook stores its comment once; a bad or missing signature is 401 and stores nothing", async () => {
      const id = `${postPlatformId.split("_")[1]}_777000111`;
      const body = JSON.stringify({
        object: "page",
        entry: [
          {
            id: fb.pageId,
            time: Math.floor(Date.now() / 1000),
            changes: [
              {
                field: "feed",
                value: {
                  item: "comment",
                  verb: "add",
                  comment_id: id,
                  post_id: postPlatformId,
                  message: COMMENTS.prescription,
                  created_time: Math.floor(Date.now() / 1000),
                  from: { id: "555", name: "Webhook Person" },
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
      const before = await count("inbox_comments");
      for (const s of [undefined, sign("not-the-app-secret-at-all"), `${sign(APP_SECRET).slice(0, -2)}00`]) {
        const r = await send(s);
        assert.equal(r.statusCode, 401, r.body);
        errorBody.parse(JSON.parse(r.body));
      }
      assert.equal(await count("inbox_comments"), before, "nothing stored");
      const good = await send(sign(APP_SECRET));
      assert.equal(good.statusCode, 200, good.body);
      assert.equal(JSON.parse(good.body).stored, 1);
      assert.equal((await send(sign(APP_SECRET))).statusCode, 200);
      assert.equal(await count("inbox_comments"), before + 1, "stored once");
      const row = await commentByPlatformId(id);
      assert.equal(row?.source, "webhook");
      assert.equal(row?.category, "prescription-request");
    });

    it("hiding keeps an evidence record first, hides on the platform, and audits the hash but never the words", async () => {
      const fbComment = fb.visitorComment(
        postPlatformId,
        "The receptionist Karen Smith is a liar and a thief.",
        "Named Staff",
      );
      await pollChannel(ctx, { practiceId: t.seed.practice.id, channelId });
      const row = (await commentByPlatformId(fbComment.id))!;
      const url = `${inbox()}/${row.conversation_id}/comments/${row.id}`;
      const r = await t.as.poster.post(`${url}/hide`, {
        reason: "names-staff",
        note: "Names our receptionist",
      });
      assert.equal(r.status, 200, r.text);
      const result = moderationResponse.parse(r.body);
      assert.equal(result.hidden, true);
      assert.equal(fb.comments.find((c) => c.id === fbComment.id)!.hidden, true, "hidden on Facebook");
      const evidence = await ctx.db
        .selectFrom("inbox_evidence")
        .selectAll()
        .where("id", "=", result.evidence.id)
        .executeTakeFirstOrThrow();
      assert.ok(evidence.rendered.includes("Karen Smith is a liar"));
      assert.equal(evidence.author_handle, "Named Staff");
      assert.equal(evidence.actor_name, "poster of birch");
      assert.equal(JSON.stringify(evidence.platform_raw).includes("liar"), true);
      assert.match(evidence.hash, /^[0-9a-f]{64}$/);
      const audit = await ctx.db
        .selectFrom("audit_log")
        .selectAll()
        .where("action", "=", "inbox.comment-hidden")
        .executeTakeFirstOrThrow();
      const details = JSON.stringify(audit.details);
      assert.ok(details.includes(evidence.hash), "the audit carries the evidence hash");
      assert.ok(
        !details.includes("liar") && !details.includes("receptionist"),
        "and never the words or the note",
      );

      const view = await t.as.poster.get(`${inbox()}/${row.conversation_id}`);
      const seen = view.body.comments.find((m: { id: string }) => m.id === row.id);
      assert.ok(seen.hiddenAt && seen.canHide);
      assert.equal(seen.evidenceRecords, 1);
      assert.ok(view.body.actions.includes("hidden"));

      const shown = await t.as.admin.post(`${url}/unhide`, { reason: "hidden-by-mistake" });
      assert.equal(shown.status, 200, shown.text);
      assert.equal(fb.comments.find((c) => c.id === fbComment.id)!.hidden, false);
      const chain = await verifyEvidenceChain(ctx.db, t.seed.practice.id);
      assert.deepEqual(chain, { ok: true, records: 2, brokenAt: null });
      const second = await ctx.db
        .selectFrom("inbox_evidence")
        .selectAll()
        .where("seq", "=", 2)
        .executeTakeFirstOrThrow();
      assert.equal(second.prev_hash, evidence.hash, "each record carries the previous record's hash");

      const pdf = await t.as.poster.request("GET", `${url}/evidence.pdf`);
      assert.equal(pdf.status, 200);
      const text = await pdfText(pdf.raw);
      assert.ok(text.includes(evidence.hash.slice(0, 32)), "the PDF shows the hash");
      assert.ok(text.includes("Names or singles out a member of staff"));
      assert.ok(text.includes("checked"));
    });

    it("evidence records cannot be changed or deleted, even straight in the database", async () => {
      await assert.rejects(
        sql`update inbox_evidence set reason = 'spam'`.execute(ctx.db),
        /cannot be changed or deleted/,
      );
      await assert.rejects(sql`delete from inbox_evidence`.execute(ctx.db), /cannot be changed or deleted/);
      assert.equal((await verifyEvidenceChain(ctx.db, t.seed.practice.id)).ok, true);
    });

    it("refuses plainly: another practice's ids 404, staff 403, a bad reason 400, a pasted comment cannot be hidden", async () => {
      const row = await ctx.db
        .selectFrom("inbox_comments")
        .selectAll()
        .where("source", "=", "poll")
        .executeTakeFirstOrThrow();
      const url = `${inbox()}/${row.conversation_id}/comments/${row.id}/hide`;
      const before = await count("inbox_evidence");
      assert.equal((await t.as.staff.post(url, { reason: "abuse" })).status, 403);
      const other = await t.as.outsider.post(
        `/api/practices/${t.other.practice.id}/inbox/${row.conversation_id}/comments/${row.id}/hide`,
        { reason: "abuse" },
      );
      assert.equal(other.status, 404);
      const bad = await t.as.poster.post(url, { reason: "because" });
      assert.equal(bad.status, 400);
      assert.match(bad.body.error.message, /Choose why the comment is hidden/);
      const pasted = await t.as.poster.post(inbox(), {
        channel: "facebook",
        text: COMMENTS.threat,
        author: "Pasted",
      });
      assert.equal(pasted.status, 201, pasted.text);
      const p = await ctx.db
        .selectFrom("inbox_comments")
        .selectAll()
        .where("author_handle", "=", "Pasted")
        .executeTakeFirstOrThrow();
      const refused = await t.as.poster.post(`${inbox()}/${p.conversation_id}/comments/${p.id}/hide`, {
        reason: "threat",
      });
      assert.equal(refused.status, 409);
      assert.match(refused.body.error.message, /pasted or imported/);
      assert.equal(await count("inbox_evidence"), before, "no evidence written for a refusal");
      assert.equal(
        (
          await t.as.outsider.request(
            "GET",
            `${inbox()}/${row.conversation_id}/comments/${row.id}/evidence.pdf`,
          )
        ).status,
        404,
      );
    });

    it("retention removes the text of conversations closed over 12 months ago and keeps evidence records", async () => {
      const hidden = (
        await ctx.db.selectFrom("inbox_evidence").select("comment_id").executeTakeFirstOrThrow()
      ).comment_id;
      const row = await ctx.db
        .selectFrom("inbox_comments")
        .selectAll()
        .where("id", "=", hidden)
        .executeTakeFirstOrThrow();
      const closed = await t.as.poster.patch(`${inbox()}/${row.conversation_id}`, { status: "closed" });
      assert.equal(closed.status, 200, closed.text);
      ctx.clock.advance(364 * 86_400_000);
      await purgeCommentText(ctx);
      assert.ok((await commentByPlatformId(row.platform_id!))?.text, "kept before 12 months");
      ctx.clock.advance(3 * 86_400_000);
      const purged = await purgeCommentText(ctx);
      assert.ok((purged[t.seed.practice.id] ?? 0) >= 1);
      const after = (await commentByPlatformId(row.platform_id!))!;
      assert.equal(after.text, null);
      assert.equal(after.platform_raw, null);
      assert.ok(after.text_purged_at);
      const evidence = await ctx.db
        .selectFrom("inbox_evidence")
        .selectAll()
        .where("comment_id", "=", hidden)
        .execute();
      assert.equal(evidence.length, 2, "the evidence records stay");
      assert.ok(evidence[0]!.rendered.includes("Karen Smith"));
      const open = await ctx.db
        .selectFrom("inbox_comments")
        .select("text")
        .where("author_handle", "=", "Q Person")
        .executeTakeFirstOrThrow();
      assert.ok(open.text, "an open conversation's text stays");
      ctx.clock.current = new Date();
      await t.signInAgain();
    });
  });
}
