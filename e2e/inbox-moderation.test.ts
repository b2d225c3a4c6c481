// Deleting, blocking and reporting in the browser, on the platforms' contract servers (a Facebook Page, a
// Mastodon account): each asks first, in plain words, what will happen on the platform; Cancel does nothing
// there and keeps no record; Yes keeps an evidence record, acts on the platform (read back from the server)
// and says so on the page. axe finds nothing serious with the question open.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { pollChannel } from "../src/app/inbox/poll";
import { facebookAdapter } from "../src/channels/facebook";
import { mastodonAdapter } from "../src/channels/mastodon";
import { FacebookServer } from "../test/channels/support/facebook-server";
import { MastodonServer } from "../test/channels/support/mastodon-server";
import { connectChannel, recordPublished } from "../test/channels/support/practice-channel";
import { startServer, type TestServer } from "./support/server";
import { assertNoPageProblems, launchBrowser, newWatchedPage, signIn, type Watched } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { seedPractice, type SeededPractice } from "./support/seed";

const POST = "Flu clinics this Saturday, 9 to 12, no appointment needed";

describe("deleting, blocking and reporting a comment in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let practice: SeededPractice;
  let fb: FacebookServer;
  let masto: MastodonServer;
  const channel: Record<"facebook" | "mastodon", string> = { facebook: "", mastodon: "" };
  const postId: Record<"facebook" | "mastodon", string> = { facebook: "", mastodon: "" };

  const evidenceOf = async (commentId: string) =>
    (
      await server.ctx.db
        .selectFrom("inbox_evidence")
        .select("action")
        .where("comment_id", "=", commentId)
        .execute()
    ).map((r) => r.action);

  /** Polls the channel and returns the stored comment that came from `platformId`. */
  async function arrived(kind: "facebook" | "mastodon", platformId: string) {
    const polled = await pollChannel(server.ctx, { practiceId: practice.id, channelId: channel[kind] });
    assert.equal(polled.status, "polled");
    return server.ctx.db
      .selectFrom("inbox_comments")
      .select(["id", "conversation_id"])
      .where("platform_id", "=", platformId)
      .executeTakeFirstOrThrow();
  }

  async function openConversation(conversationId: string): Promise<Watched> {
    const w = await newWatchedPage(browser, server.url);
    await signIn(w.page, practice.user("admin").email, practice.user("admin").password);
    await w.page.goto(`/practice/${practice.id}/inbox/${conversationId}`);
    await w.page.getByTestId("moderation").waitFor();
    return w;
  }

  before(async () => {
    server = await startServer();
    server.ctx.secretKey = randomBytes(32);
    server.ctx.platformApps = {
      facebook: { clientId: "1234", clientSecret: "0123456789abcdef0123456789abcdef" },
    };
    browser = await launchBrowser();
    practice = await seedPractice(server.ctx, [
      { name: "Priya Shah", roles: ["admin", "staff"] },
      { name: "Dr Tom Okafor", roles: ["approver", "staff"] },
    ]);
    fb = await new FacebookServer().start();
    masto = await new MastodonServer().start();
    const people = { authorId: practice.user("admin").id, approverId: practice.user("approver").id };

    const fbToken = fb.token();
    channel.facebook = await connectChannel(server.ctx, {
      practiceId: practice.id,
      kind: "facebook",
      name: "Practice Facebook Page",
      apiBase: fb.url,
      accountId: fb.pageId,
      token: fbToken,
    });
    const fbRef = await facebookAdapter.publish(
      { kind: "facebook", apiBase: fb.url, accountId: fb.pageId, credentials: { accessToken: fbToken } },
      { deliveryId: randomUUID(), text: POST, link: null, images: [] },
    );
    await recordPublished(server.ctx, {
      practiceId: practice.id,
      channelId: channel.facebook,
      text: POST,
      ref: fbRef,
      ...people,
    });
    postId.facebook = fbRef.platformId;

    const mToken = masto.token();
    channel.mastodon = await connectChannel(server.ctx, {
      practiceId: practice.id,
      kind: "mastodon",
      name: "Practice Mastodon",
      apiBase: masto.url,
      accountId: masto.accountId,
      token: mToken,
    });
    const mRef = await mastodonAdapter.publish(
      {
        kind: "mastodon",
        apiBase: masto.url,
        accountId: masto.accountId,
        credentials: { accessToken: mToken },
      },
      { deliveryId: randomUUID(), text: POST, link: null, images: [] },
    );
    await recordPublished(server.ctx, {
      practiceId: practice.id,
      channelId: channel.mastodon,
      text: POST,
      ref: mRef,
      ...people,
    });
    postId.mastodon = mRef.platformId;
    // A channel's first poll starts from now: what is written afterwards arrives.
    await pollChannel(server.ctx, { practiceId: practice.id, channelId: channel.mastodon });
  });
  after(async () => {
    await browser?.close();
    await fb?.close();
    await masto?.close();
    await server?.close();
  });

  it("Delete asks first; Cancel leaves the comment on Facebook and keeps no record; Yes deletes it after an evidence record", async () => {
    const spam = fb.visitorComment(
      postId.facebook,
      "Cheap followers and likes at spam.example",
      "Follower Shop",
    );
    const row = await arrived("facebook", spam.id);
    const w = await openConversation(row.conversation_id);
    const moderation = w.page.getByTestId("moderation");
    await moderation.getByLabel("Why").selectOption("spam");

    await moderation.getByRole("button", { name: "Delete on the platform" }).click();
    const ask = w.page.getByRole("alertdialog", { name: "Delete this comment on Facebook?" });
    await ask.getByText("cannot be brought back").waitFor();
    assert.equal(
      await ask.getByRole("button", { name: "Yes, delete it" }).evaluate((b) => b === document.activeElement),
      true,
      "the question takes the focus",
    );
    await assertAccessible(w.page, "the question before deleting");
    await ask.getByRole("button", { name: "Cancel" }).click();
    await ask.waitFor({ state: "detached" });
    assert.ok(
      fb.comments.some((c) => c.id === spam.id),
      "still on Facebook after Cancel",
    );
    assert.deepEqual(await evidenceOf(row.id), [], "Cancel keeps no evidence record");

    await moderation.getByRole("button", { name: "Delete on the platform" }).click();
    await ask.getByRole("button", { name: "Yes, delete it" }).click();
    await w.page
      .getByText("The comment was deleted on the platform. An evidence record was kept first.")
      .waitFor();
    await moderation.getByText(/^Deleted on the platform /).waitFor();
    assert.ok(!fb.comments.some((c) => c.id === spam.id), "gone from Facebook");
    assert.deepEqual(await evidenceOf(row.id), ["delete"]);
    await moderation.getByRole("link", { name: /Export the evidence \(PDF, 1 record\)/ }).waitFor();
    assertNoPageProblems(w);
    await w.context.close();
  });

  it("Block names the author and the platform before it blocks them on Facebook", async () => {
    const rude = fb.visitorComment(
      postId.facebook,
      "You lot are a useless bunch of clowns",
      "Angry Neighbour",
    );
    const row = await arrived("facebook", rude.id);
    const w = await openConversation(row.conversation_id);
    const moderation = w.page.getByTestId("moderation");
    await moderation.getByRole("button", { name: "Block the author" }).click();
    const ask = w.page.getByRole("alertdialog", { name: "Block Angry Neighbour on Facebook?" });
    await ask.getByText("no longer be able to comment").waitFor();
    assert.equal(fb.blocked.size, 0, "nothing is blocked until Yes");
    await ask.getByRole("button", { name: "Yes, block them" }).click();
    await w.page
      .getByText("The comment's author was blocked on the platform.", { exact: false })
      .first()
      .waitFor();
    assert.ok(fb.blocked.has(rude.from.id), "blocked on the Page");
    assert.deepEqual(await evidenceOf(row.id), ["block"]);
    await assert.rejects(
      moderation.getByRole("button", { name: "Block the author" }).waitFor({ timeout: 500 }),
      "a blocked author cannot be blocked again",
    );
    assertNoPageProblems(w);
    await w.context.close();
  });

  it("Report sends the chosen reason to Mastodon's moderators, never the practice's note", async () => {
    const troll = masto.visitor("troll");
    const status = masto.visitorStatus(
      troll,
      "Everyone at that surgery is a liar and a thief",
      postId.mastodon,
    );
    const row = await arrived("mastodon", status.id);
    const w = await openConversation(row.conversation_id);
    const moderation = w.page.getByTestId("moderation");
    await moderation.getByLabel("Note for the evidence record (optional)").fill("Third time this month");
    await moderation.getByRole("button", { name: "Report to the moderators" }).click();
    const ask = w.page.getByRole("alertdialog", { name: "Report this comment to Mastodon's moderators?" });
    await ask.getByText("your note stays in safepost").waitFor();
    assert.equal(masto.reports.length, 0);
    await ask.getByRole("button", { name: "Yes, report it" }).click();
    await moderation.getByText(/^Reported to the platform's moderators /).waitFor();
    const report = masto.reports.find((r) => r.statusIds.includes(status.id));
    assert.ok(report, "reported on the server");
    assert.ok(!report.comment.includes("Third time"), "the note stays in safepost");
    assert.deepEqual(await evidenceOf(row.id), ["report"]);
    assertNoPageProblems(w);
    await w.context.close();
  });
});
