// A practice post from draft to the practice's channels, in the browser (issue 9): the comms member drafts a post
// with a flagged word, fixes it, schedules it and sends it for approval; the partner asks for a change; the comms
// member edits it; the partner approves; the server's clock passes the time and the publishing job runs. The post
// is then read back from a real Bluesky server (the atproto reference PDS, started here) and from the practice's
// website feed, and the calendar and the archive show it published. axe checks each page on the way.
// Then two patients reply to it on Bluesky (issue 10): the inbox's scheduled poll brings both in, triaged; the
// manager hides the abusive one (its evidence record kept first and exported as a PDF) and the server's
// threadgate is read back; the complaint is answered with the complaints route after a second person
// approves, and the patient reads the answer in the thread on the server.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { AtpAgent } from "@atproto/api";
import type { TestNetworkNoAppView } from "@atproto/dev-env";
import type { Browser, Page } from "playwright-core";
import { addDays, ukIsoDay, ukWallClockToInstant } from "../src/core/dates";
import { practiceAccount, startPds } from "../test/channels/support/pds";
import { NotificationIndex } from "../test/channels/support/bsky-notifications";
import { pdfText } from "../test/policy/pdf-text";
import { startServer, type TestServer } from "./support/server";
import { assertNoPageProblems, launchBrowser, newWatchedPage, signIn, type Watched } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { seedPractice, type SeededPractice } from "./support/seed";

const HANDLE = "oakfield-surgery.test";
const FLAGGED =
  "Flu clinics open on Saturday mornings this month; patients who keep missing appointments are idiots.";
const FIXED = "Flu clinics open on Saturday mornings this month; book through the NHS App.";
const EDITED = "Flu clinics open on Saturday 12 and 19 December, 9am to 1pm; book through the NHS App.";
const NOTE = "Please say which Saturdays, and the hours.";
const PATIENT = "a-patient.test";
const ANGRY = "cross-patient.test";
const COMPLAINT_REPLY =
  "I sat in the waiting room for an hour past my time on Tuesday and nobody said why. I want to complain about it.";
const ABUSIVE_REPLY = "Gary on reception is a useless idiot and a disgrace, sack him.";

describe("a practice post from draft to Bluesky and the website, and the patients' replies", () => {
  let server: TestServer;
  let browser: Browser;
  let net: TestNetworkNoAppView;
  let index: NotificationIndex;
  let practice: SeededPractice;
  let appPassword = "";
  let did = "";
  const pages: Watched[] = [];

  before(async () => {
    // The PDS proxies the inbox's notification reads to a small index of its own records (no AppView here).
    index = await new NotificationIndex().start();
    [server, net, browser] = await Promise.all([
      startServer({ testClock: true }),
      startPds({ url: index.url, did: index.did }),
      launchBrowser(),
    ]);
    index.pdsUrl = net.pds.url;
    ({ did, appPassword } = await practiceAccount(net.pds.url, HANDLE, "comms@oakfield.test"));
    practice = await seedPractice(
      server.ctx,
      [
        { name: "Maya Manager", roles: ["admin", "staff"] },
        { name: "Dr Priya Partner", roles: ["approver", "staff"] },
        { name: "Colin Comms", roles: ["poster", "staff"] },
      ],
      "Oakfield Surgery",
    );
  });
  after(async () => {
    for (const w of pages) await w.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
    await net?.close();
    await index?.close();
  });

  /** A signed-in person's page. */
  const as = async (role: "admin" | "approver" | "poster"): Promise<Page> => {
    const w = await newWatchedPage(browser, server.url);
    pages.push(w);
    await signIn(w.page, practice.user(role).email, practice.user(role).password);
    return w.page;
  };
  const home = () => `/practice/${practice.id}`;

  it("is drafted, checked, approved after one change, published on time and shown as published", async () => {
    // The practice manager connects the Bluesky account with an app password.
    const manager = await as("admin");
    await manager.goto(`${home()}/channels`);
    await manager.getByLabel("The account's handle").fill(HANDLE);
    await manager.getByLabel("App password", { exact: true }).fill(appPassword);
    await manager.getByLabel(/^Server/).fill(net.pds.url);
    await manager.getByRole("button", { name: "Connect Bluesky" }).click();
    await manager
      .getByText(/is connected|connected/i)
      .first()
      .waitFor();
    await manager.getByRole("heading", { name: new RegExp(HANDLE.replace(/\./g, "\\.")) }).waitFor();

    // The comms member drafts a post with a flagged word: the checker marks it as they type.
    const comms = await as("poster");
    await comms.goto(`${home()}/posts`);
    await comms.getByRole("link", { name: "New post" }).click();
    await comms.getByRole("heading", { level: 1, name: "New post" }).waitFor();
    await comms.getByLabel("Text of the post").fill(FLAGGED);
    const check = comms.getByTestId("check-result");
    await check.getByText("Review before posting").waitFor();
    await check.locator("mark", { hasText: "idiots" }).first().waitFor();
    await comms.getByLabel("Practice website").check();
    await comms.getByLabel(HANDLE).check();
    await assertAccessible(comms, "the composer with the checker's findings");
    // … and fixes it before sending it for approval.
    await comms.getByLabel("Text of the post").fill(FIXED);
    await check.getByText("OK to post").waitFor();
    assert.equal(await check.locator("mark").count(), 0);
    await comms.getByRole("button", { name: "Send for approval" }).click();
    await comms.getByText("Sent for approval").first().waitFor();
    const postPath = new URL(comms.url()).pathname;
    assert.match(postPath, /\/posts\/[0-9a-f-]{36}$/);

    // Tomorrow at 09:30 on the UK clock.
    const day = addDays(ukIsoDay(new Date()), 1);
    const at = ukWallClockToInstant(day, "09:30")!;
    const [year, month, date] = day.split("-").map(Number) as [number, number, number];
    await comms.locator("#schedule-day").fill(String(date));
    await comms.locator("#schedule-day-month").fill(String(month));
    await comms.locator("#schedule-day-year").fill(String(year));
    await comms.getByLabel(/^Time \(UK time/).fill("09:30");
    await comms.getByRole("button", { name: "Schedule", exact: true }).click();
    await comms.getByText("Scheduled", { exact: true }).first().waitFor();

    // The partner asks for a change.
    const partner = await as("approver");
    await partner.goto(home());
    await partner.getByRole("link", { name: /Approve a post by Colin Comms/ }).click();
    await partner.getByRole("heading", { name: "Your decision" }).waitFor();
    await assertAccessible(partner, "the post as the approver sees it");
    await partner.getByLabel("What should change?").fill(NOTE);
    await partner.getByRole("button", { name: "Request changes" }).click();
    await partner.getByText("Changes requested", { exact: true }).first().waitFor();

    // The comms member reads the note, edits and sends it again.
    await comms.goto(home());
    await comms.getByRole("link", { name: /Change your post as the approver asked/ }).click();
    await comms.getByText(NOTE).first().waitFor();
    await comms.getByRole("link", { name: "Edit post" }).click();
    await comms.getByLabel("Text of the post").fill(EDITED);
    await comms.getByTestId("check-result").getByText("OK to post").waitFor();
    await comms.getByRole("button", { name: "Send for approval" }).click();
    await comms.getByText("Sent for approval").first().waitFor();

    // The partner approves: the post waits for its time.
    await partner.goto(postPath);
    await partner.getByRole("button", { name: "Approve" }).click();
    await partner.getByText("Approved", { exact: true }).first().waitFor();
    await partner.reload();
    await partner.getByRole("heading", { level: 1 }).getByText("Scheduled").waitFor();

    // Nothing goes out before the time; once the server's clock passes it, the job publishes.
    await server.runDueJobs();
    assert.equal(await blueskyPosts().then((p) => p.length), 0, "nothing on Bluesky before its time");
    server.advance(at.getTime() - Date.now() + 60_000);
    await server.runDueJobs();

    // On the Bluesky server, exactly once, with the footer.
    const onBluesky = await blueskyPosts();
    assert.equal(onBluesky.length, 1, "published once");
    assert.ok(onBluesky[0]!.startsWith(`${EDITED}\n\n`), onBluesky[0]);
    // In the website's JSON feed.
    const feed = (await (await fetch(`${server.url}/p/${practice.slug}/news.json`)).json()) as {
      version: string;
      items: { content_text?: string; content_html?: string; url: string }[];
    };
    assert.match(feed.version, /jsonfeed\.org\/version\/1\.1/);
    assert.equal(feed.items.length, 1);
    assert.ok(
      (feed.items[0]!.content_text ?? feed.items[0]!.content_html ?? "").includes(
        "Saturday 12 and 19 December",
      ),
    );

    // The post's page, the calendar and the archive show it published.
    await comms.goto(postPath);
    await comms.getByRole("heading", { level: 1 }).getByText("Published").waitFor();
    await comms.goto(`${home()}/posts?day=${day}`);
    const cell = comms.locator(`td[data-day="${day}"]`);
    await cell.locator('li[data-state="published"]').waitFor();
    assert.match((await cell.locator('li[data-state="published"]').textContent()) ?? "", /Published/);
    await assertAccessible(comms, "the calendar");
    await comms.getByRole("link", { name: "Archive of published posts" }).click();
    const row = comms.getByTestId("archive").getByRole("row", { name: /Saturday 12 and 19 December/ });
    await row.waitFor();
    assert.match((await row.textContent()) ?? "", /Colin Comms.*Dr Priya Partner/);
    assert.equal(await row.getByRole("link", { name: HANDLE }).count(), 1, "the Bluesky address is linked");
    await assertAccessible(comms, "the archive");
    for (const w of pages) assertNoPageProblems(w);
  });

  it("brings patients' replies into the inbox: the abusive one hidden with evidence, the complaint answered", async () => {
    const [post] = await blueskyRecords();
    assert.ok(post, "the first test published a post");
    const root = { uri: post.uri, cid: post.cid };
    const reply = async (handle: string, text: string): Promise<string> => {
      const patient = new AtpAgent({ service: net.pds.url });
      await patient.createAccount({ handle, email: `${handle}@example.test`, password: `p-${randomUUID()}` });
      return (await patient.post({ text, reply: { root, parent: root } })).uri;
    };
    const complaintUri = await reply(PATIENT, COMPLAINT_REPLY);
    const abusiveUri = await reply(ANGRY, ABUSIVE_REPLY);

    // The five-minute schedule queues a poll of each connected channel; the poll reads the notifications.
    await server.ctx.jobs.enqueue(server.ctx.db, "inbox.poll-due", {});
    await server.runDueJobs();

    const manager = await as("admin");
    await manager.goto(`${home()}/inbox`);
    const list = manager.getByTestId("conversations");
    await list.getByRole("link", { name: new RegExp(`${ANGRY.replace(/\./g, "\\.")}.*Bluesky`) }).click();
    await manager
      .getByTestId("comment-findings")
      .getByText(/names or singles out a member of staff/)
      .waitFor();
    await manager.getByLabel("Why hide it").selectOption({ label: "Names or singles out a member of staff" });
    await manager.getByRole("button", { name: "Hide", exact: true }).click();
    await manager
      .getByText("The comment was hidden on the platform. An evidence record was kept first.")
      .waitFor();
    assert.ok(
      (await hiddenReplies(post.uri)).includes(abusiveUri),
      "hidden in the post's threadgate on the server",
    );
    assert.ok(!(await hiddenReplies(post.uri)).includes(complaintUri), "the complaint stays shown");
    await assertAccessible(manager, "a hidden comment with its evidence");
    const link = manager.getByRole("link", { name: /Export the evidence \(PDF, 1 record/ });
    const pdf = await manager.request.get(new URL((await link.getAttribute("href"))!, server.url).toString());
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()["content-type"] ?? "", /application\/pdf/);
    const text = (await pdfText(await pdf.body())).replace(/\s+/g, " ");
    assert.ok(text.includes(ANGRY), "the author's handle is in the evidence");
    assert.ok(text.includes("useless idiot"), "the comment's words are in the evidence");
    assert.match(text, /[0-9a-f]{64}/, "with the record's SHA-256 hash");

    // The comms member answers the complaint from the template; the partner approves; the job sends it.
    const comms = await as("poster");
    await comms.goto(`${home()}/inbox?category=complaint`);
    await comms.getByRole("link", { name: new RegExp(`${PATIENT.replace(/\./g, "\\.")}.*Bluesky`) }).click();
    const words = await comms.getByLabel("The reply", { exact: true }).inputValue();
    assert.match(words, /complaints procedure/);
    await comms.getByRole("button", { name: "Send for approval" }).click();
    await comms.getByTestId("reply-state").getByText("Waiting for a second person to approve it").waitFor();
    const partner = await as("approver");
    await partner.goto(comms.url());
    await partner.getByRole("button", { name: "Approve" }).click();
    await partner
      .getByTestId("reply-state")
      .getByText(/Approved, being sent|Being sent|Sent/)
      .first()
      .waitFor();
    await server.runDueJobs();
    await partner.reload();
    await partner.getByTestId("reply-state").getByText("Sent", { exact: true }).waitFor();
    await partner.getByTestId("conversation-summary").getByText("Answered").waitFor();

    // The patient reads the answer in the thread, on the server.
    const answers = (await blueskyRecords()).filter((r) => r.value.reply?.parent.uri === complaintUri);
    assert.equal(answers.length, 1, "answered once");
    assert.equal(answers[0]!.value.text.trim(), words.trim());
    for (const w of pages) assertNoPageProblems(w);
  });

  /** The practice's post records on the Bluesky server, with their addresses. */
  async function blueskyRecords(): Promise<
    { uri: string; cid: string; value: { text: string; reply?: { parent: { uri: string } } } }[]
  > {
    const reader = new AtpAgent({ service: net.pds.url });
    const { data } = await reader.com.atproto.repo.listRecords({
      repo: did,
      collection: "app.bsky.feed.post",
    });
    return data.records.map((r) => ({ uri: r.uri, cid: r.cid, value: r.value as never }));
  }

  /** The replies the post's threadgate hides, read from the server as the public reads it. */
  async function hiddenReplies(postUri: string): Promise<string[]> {
    const reader = new AtpAgent({ service: net.pds.url });
    const rkey = postUri.split("/").pop()!;
    try {
      const { data } = await reader.com.atproto.repo.getRecord({
        repo: did,
        collection: "app.bsky.feed.threadgate",
        rkey,
      });
      return (data.value as { hiddenReplies?: string[] }).hiddenReplies ?? [];
    } catch {
      return [];
    }
  }

  /** The texts of the posts in the practice's Bluesky repository, read from the server itself. */
  async function blueskyPosts(): Promise<string[]> {
    const reader = new AtpAgent({ service: net.pds.url });
    const { data } = await reader.com.atproto.repo.listRecords({
      repo: did,
      collection: "app.bsky.feed.post",
    });
    return data.records.map((r) => (r.value as { text: string }).text);
  }
});
