// A practice post from draft to the practice's channels, in the browser (issue 9): the comms member drafts a post
// with a flagged word, fixes it, schedules it and sends it for approval; the partner asks for a change; the comms
// member edits it; the partner approves; the server's clock passes the time and the publishing job runs. The post
// is then read back from a real Bluesky server (the atproto reference PDS, started here) and from the practice's
// website feed, and the calendar and the archive show it published. axe checks each page on the way.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { AtpAgent } from "@atproto/api";
import type { TestNetworkNoAppView } from "@atproto/dev-env";
import type { Browser, Page } from "playwright-core";
import { addDays, ukIsoDay, ukWallClockToInstant } from "../src/core/dates";
import { startPds } from "../test/channels/support/pds";
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

describe("a practice post from draft to Bluesky and the website", () => {
  let server: TestServer;
  let browser: Browser;
  let net: TestNetworkNoAppView;
  let practice: SeededPractice;
  let appPassword = "";
  let did = "";
  const pages: Watched[] = [];

  before(async () => {
    [server, net, browser] = await Promise.all([
      startServer({ testClock: true }),
      startPds(),
      launchBrowser(),
    ]);
    const owner = new AtpAgent({ service: net.pds.url });
    await owner.createAccount({
      handle: HANDLE,
      email: "comms@oakfield.test",
      password: `owner-${randomUUID()}`,
    });
    did = owner.session!.did;
    appPassword = (await owner.com.atproto.server.createAppPassword({ name: "safepost" })).data.password;
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
