// Comments arriving in the inbox: stored once, in their conversation, triaged on arrival, whoever must know told
// at once, and bad input refused plainly with nothing written.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds, type TestDatabase } from "../support/databases";
import { testContext } from "../support/context";
import { seedPractice } from "../support/http";
import { channel, publishedPost } from "../media/published-fixture";
import { addComment, importCommentsCsv, receiveComments } from "../../src/app/inbox";
import { commentInputSchema, type CommentInput } from "../../src/core/inbox";
import { testContext as contextFor } from "../support/context";
import { COMMENTS, csvOf, inboxCounts } from "./support";

const POST_URL = "https://www.facebook.com/ashgrove/posts/1001";

for (const kind of databaseKinds) {
  describe(`comments arriving in the inbox (${kind.name})`, () => {
    let database: TestDatabase;
    let ctx: ReturnType<typeof testContext>;
    let seed: Awaited<ReturnType<typeof seedPractice>>;
    let other: Awaited<ReturnType<typeof seedPractice>>;
    let pid: string;
    let postId: string;
    const poster = () => ({ userId: seed.people.poster.id });
    const one = (input: CommentInput) => commentInputSchema.parse(input);
    const refused = async (fn: () => Promise<unknown>, message: RegExp) => {
      const before = await inboxCounts(ctx);
      await assert.rejects(fn, (e: Error & { code?: string }) => {
        assert.equal(e.code, "invalid-input", e.message);
        assert.match(e.message, message);
        return true;
      });
      assert.deepEqual(await inboxCounts(ctx), before, "nothing was written");
    };

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      ctx.clock.current = new Date("2026-12-04T12:00:00Z"); // a Friday
      seed = await seedPractice(ctx, "ashgrove");
      other = await seedPractice(ctx, "ashgrove-other");
      pid = seed.practice.id;
      const facebook = await channel(ctx.db, pid, "facebook", "Facebook: Ashgrove", ctx.now());
      postId = (
        await publishedPost(ctx.db, {
          practiceId: pid,
          authorId: seed.people.poster.id,
          approverId: seed.people.approver.id,
          text: "Flu clinics this Saturday.",
          channels: [{ id: facebook, url: POST_URL }],
          publishedAt: new Date("2026-12-01T09:00:00Z"),
        })
      ).postId;
    });
    after(async () => {
      await database.close();
    });

    it("a pasted complaint is stored, triaged, and its conversation shows the acknowledgement deadline", async () => {
      const s = await addComment(
        ctx,
        pid,
        poster(),
        one({ channel: "website", author: "A. Patient", text: COMMENTS.complaint }),
      );
      assert.equal(s.stored, 1);
      assert.deepEqual(s.byCategory, { complaint: 1 });
      const conv = await ctx.db
        .selectFrom("inbox_conversations")
        .selectAll()
        .where("id", "=", s.conversationIds[0]!)
        .executeTakeFirstOrThrow();
      assert.equal(conv.category, "complaint");
      assert.equal(conv.status, "new");
      assert.equal(conv.acknowledge_by, "2026-12-09"); // Friday + 3 working days
      const comment = await ctx.db
        .selectFrom("inbox_comments")
        .selectAll()
        .where("conversation_id", "=", conv.id)
        .executeTakeFirstOrThrow();
      assert.equal(comment.text, COMMENTS.complaint);
      assert.equal(comment.received_at.toISOString(), ctx.now().toISOString());
      const findings = JSON.stringify(comment.findings) + JSON.stringify(comment.route);
      assert.ok(!findings.includes("forty minutes"), "triage results hold codes, not the comment's words");
    });

    it("a second comment from the same person on the same channel joins their conversation", async () => {
      const a = await addComment(
        ctx,
        pid,
        poster(),
        one({ channel: "x", author: "@sam", text: COMMENTS.question }),
      );
      const b = await addComment(
        ctx,
        pid,
        poster(),
        one({ channel: "x", author: "@sam", text: COMMENTS.threat }),
      );
      assert.deepEqual(b.conversationIds, a.conversationIds);
      const conv = await ctx.db
        .selectFrom("inbox_conversations")
        .selectAll()
        .where("id", "=", a.conversationIds[0]!)
        .executeTakeFirstOrThrow();
      assert.equal(conv.priority, "urgent", "the threat raised the conversation");
      assert.equal(conv.category, "abuse");
    });

    it("a platform's comment id is stored once, also when two instances import it at the same moment", async () => {
      const row = one({
        channel: "bluesky",
        author: "@pat.bsky.social",
        text: COMMENTS.review,
        platformId: "at://c/1",
      });
      const second = await database.another();
      try {
        const ctx2 = contextFor(second, ctx.clock);
        const results = await Promise.all([
          receiveComments(ctx, pid, [row], { actorId: null, source: "import" }),
          receiveComments(ctx2, pid, [row], { actorId: null, source: "import" }),
        ]);
        assert.equal(
          results.reduce((n, r) => n + r.stored, 0),
          1,
        );
        assert.equal(
          results.reduce((n, r) => n + r.duplicates, 0),
          1,
        );
      } finally {
        if (second.db !== database.db) await second.close();
      }
      const again = await receiveComments(ctx, pid, [row], { actorId: null, source: "import" });
      assert.equal(again.stored, 0);
      const rows = await ctx.db
        .selectFrom("inbox_comments")
        .select("conversation_id")
        .where("platform_id", "=", "at://c/1")
        .execute();
      assert.equal(rows.length, 1);
      const convs = await ctx.db
        .selectFrom("inbox_conversations")
        .select("id")
        .where("author_handle", "=", "@pat.bsky.social")
        .execute();
      assert.equal(convs.length, 1, "no empty conversation is left behind");
      // Another practice may hold the same platform id (its own copy of a shared thread).
      const theirs = await receiveComments(ctx, other.practice.id, [row], {
        actorId: null,
        source: "import",
      });
      assert.equal(theirs.stored, 1);
    });

    it("a CSV imports every row in one go, linking a comment to the post its address names", async () => {
      const before = await inboxCounts(ctx);
      const s = await importCommentsCsv(
        ctx,
        pid,
        seed.people.poster.id,
        csvOf([
          ["facebook", "Jo Bloggs", COMMENTS.appointment, "2026-12-03 09:30", POST_URL],
          ["Instagram", "@someone", COMMENTS.prescription, "2026-12-03T10:00:00Z", ""],
          ["other", "", "A question, with a comma: is the car park open?", "", ""],
        ]),
      );
      assert.equal(s.stored, 3);
      assert.equal(s.lines, 3);
      const after = await inboxCounts(ctx);
      assert.equal(after.comments, before.comments + 3);
      assert.equal(after.audit, before.audit + 1, "one audit entry for the import");
      const linked = await ctx.db
        .selectFrom("inbox_comments")
        .selectAll()
        .where("author_handle", "=", "Jo Bloggs")
        .executeTakeFirstOrThrow();
      assert.equal(linked.post_id, postId);
      assert.ok(linked.channel_id, "the Facebook channel is known");
      assert.equal(linked.received_at.toISOString(), "2026-12-03T09:30:00.000Z"); // UK winter time = UTC
      const audit = await ctx.db
        .selectFrom("audit_log")
        .selectAll()
        .where("action", "=", "inbox.comments-imported")
        .executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(audit).includes("inhaler"), "the audit holds counts, not comments");
      assert.ok(!JSON.stringify(audit).includes("Jo Bloggs"));
    });

    it("a bad row is refused with its line named, and nothing of the file is stored", async () => {
      const rows = [
        ["facebook", "A", COMMENTS.question, "", ""],
        ["x", "B", COMMENTS.review, "", ""],
        ["fb", "C", COMMENTS.question, "", ""],
      ];
      await refused(
        () => importCommentsCsv(ctx, pid, null, csvOf(rows)),
        /^Line 4: the channel 'fb' is not one of facebook, instagram, x, linkedin, bluesky, mastodon, website, other\.$/,
      );
      await refused(
        () => importCommentsCsv(ctx, pid, null, csvOf([["x", "B", "   ", "", ""]])),
        /^Line 2: paste the words of the comment: it is empty\.$/,
      );
      await refused(
        () => importCommentsCsv(ctx, pid, null, csvOf([["x", "B", COMMENTS.review, "yesterday", ""]])),
        /^Line 2: give the time it was received/,
      );
      await refused(
        () => importCommentsCsv(ctx, pid, null, csvOf([["x", "B", COMMENTS.review, "2026-02-30 10:00", ""]])),
        /^Line 2: 2026-02-30 10:00 is not a real date and time\. Give the time it was received/,
      );
      await refused(
        () => importCommentsCsv(ctx, pid, null, csvOf([["x", "B", COMMENTS.review, "2027-06-01", ""]])),
        /^Line 2: the time it was received is in the future/,
      );
      await refused(
        () =>
          importCommentsCsv(
            ctx,
            pid,
            null,
            csvOf([
              ["x", "B", COMMENTS.review, "", ""],
              ["facebook", "C", COMMENTS.review, "", "https://www.facebook.com/ashgrove/posts/999"],
            ]),
          ),
        /^Line 3: the post address is not one of the practice's published posts/,
      );
      await refused(
        () =>
          importCommentsCsv(ctx, pid, null, 'channel,author,text,received_at,post_url\nx,B,"unclosed,,\n'),
        /^Line \d+: a double quote is not closed/,
      );
      await refused(
        () => importCommentsCsv(ctx, pid, null, "channel,author,words\nx,B,hello\n"),
        /^Line 1 should name the columns channel,author,text,received_at,post_url; it is missing 'text', 'received_at', 'post_url'; safepost does not read 'words'\.$/,
      );
      await refused(
        () => importCommentsCsv(ctx, pid, null, csvOf([["x", "B", "nul \u0000 here", "", ""]])),
        /^Line 2: it holds a character that cannot be saved/,
      );
      await refused(() => importCommentsCsv(ctx, pid, null, ""), /^The file is empty/);
      await refused(
        () => importCommentsCsv(ctx, pid, null, "channel,author,text,received_at,post_url\n"),
        /no comments/,
      );
    });

    it("empty text, a 1 MB text and another practice's post are refused plainly", async () => {
      assert.match(
        commentInputSchema.safeParse({ channel: "x", text: "" }).error!.issues[0]!.message,
        /empty/,
      );
      assert.match(
        commentInputSchema.safeParse({ channel: "x", text: "a".repeat(1024 * 1024) }).error!.issues[0]!
          .message,
        /at most 10,000 characters/,
      );
      await refused(
        () =>
          importCommentsCsv(
            ctx,
            other.practice.id,
            null,
            csvOf([["facebook", "C", COMMENTS.review, "", POST_URL]]),
          ),
        /^Line 2: the post address is not one/,
      );
    });

    it("a member who may not use the inbox is refused, and nothing is stored", async () => {
      const before = await inboxCounts(ctx);
      await assert.rejects(
        () =>
          addComment(
            ctx,
            pid,
            { userId: seed.people.staff.id },
            one({ channel: "x", text: COMMENTS.review }),
          ),
        (e: Error & { code?: string }) => e.code === "forbidden",
      );
      await assert.rejects(
        () =>
          addComment(
            ctx,
            pid,
            { userId: other.people.poster.id },
            one({ channel: "x", text: COMMENTS.review }),
          ),
        (e: Error & { code?: string }) => e.code === "not-found",
      );
      assert.deepEqual(await inboxCounts(ctx), before);
    });

    it("a safeguarding concern mails the safeguarding lead at once, without the comment's words", async () => {
      await ctx.db
        .updateTable("practices")
        .set({ settings: JSON.stringify({ safeguardingLead: "approver of ashgrove" }) })
        .where("id", "=", pid)
        .execute();
      ctx.sent.length = 0;
      const s = await addComment(
        ctx,
        pid,
        poster(),
        one({ channel: "facebook", author: "N", text: COMMENTS.safeguarding }),
      );
      assert.equal(s.alerted, 1);
      const mail = ctx.sent.filter((m) => m.to === seed.people.approver.email);
      assert.equal(mail.length, 1, ctx.sent.map((m) => m.to).join());
      assert.match(mail[0]!.subject, /^Act now/);
      assert.match(mail[0]!.text, /Safeguarding concern/);
      assert.match(mail[0]!.text, new RegExp(`/practice/${pid}/inbox/${s.conversationIds[0]}`));
      for (const m of ctx.sent) assert.ok(!m.text.includes("bruises") && !m.text.includes("neighbour"));
      const stored = await ctx.db
        .selectFrom("inbox_comments")
        .select("notified")
        .where("conversation_id", "=", s.conversationIds[0]!)
        .executeTakeFirstOrThrow();
      assert.ok((stored.notified as string[]).includes("safeguarding-lead"));
    });

    it("with no safeguarding lead on safepost the practice managers are mailed, and told why", async () => {
      await ctx.db.updateTable("practices").set({ settings: "{}" }).where("id", "=", pid).execute();
      ctx.sent.length = 0;
      await addComment(
        ctx,
        pid,
        poster(),
        one({ channel: "other", author: "M", text: COMMENTS.safeguarding }),
      );
      const mail = ctx.sent.find((m) => m.to === seed.people.admin.email);
      assert.ok(mail, ctx.sent.map((m) => m.to).join());
      assert.match(mail.text, /no safeguarding lead in Settings/);
    });

    it("a crisis is urgent and mails the posters and the practice managers at once", async () => {
      ctx.sent.length = 0;
      const s = await addComment(
        ctx,
        pid,
        poster(),
        one({ channel: "instagram", author: "Q", text: COMMENTS.crisis }),
      );
      const conv = await ctx.db
        .selectFrom("inbox_conversations")
        .selectAll()
        .where("id", "=", s.conversationIds[0]!)
        .executeTakeFirstOrThrow();
      assert.equal(conv.priority, "urgent");
      assert.equal(conv.category, "crisis");
      const to = ctx.sent.map((m) => m.to).sort();
      assert.deepEqual(to, [seed.people.admin.email, seed.people.poster.email].sort());
    });
  });
}
