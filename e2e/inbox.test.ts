// The inbox in the browser: a complaint, a prescription request, an abusive comment naming a receptionist and a
// safeguarding concern arrive (three through the API's use case, one through the paste box); the posting team
// sees them most pressing first, filters them (the filter survives a reload), moves with the keyboard and opens
// a conversation with its triage. The safeguarding lead named in Settings has an email at once, without the
// comment's words, and its link opens the conversation. axe finds nothing serious at desktop width and at 375 px.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { addComment } from "../src/app/inbox";
import { getPracticeSettings, updatePracticeSettings } from "../src/app/practices/settings";
import { commentInputSchema } from "../src/core/inbox";
import { startServer, type TestServer } from "./support/server";
import { assertNoPageProblems, launchBrowser, newWatchedPage, signIn } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { seedPractice, type SeededPractice } from "./support/seed";

const COMPLAINT =
  "Formal complaint: my slot came and went, forty minutes went by and no one explained the wait to anyone.";
const ABUSE = "Karen Holt on reception is a useless idiot and a disgrace, sack her.";
const SAFEGUARDING =
  "My neighbour's little boy is always covered in bruises and left alone at night, I'm worried.";
const PRESCRIPTION =
  "Is it possible to get a repeat of my inhaler prescription sent over to the chemist on the high street?";

describe("the inbox in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let practice: SeededPractice;
  let base = "";
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    practice = await seedPractice(server.ctx, [
      { name: "Priya Shah", roles: ["admin", "staff"] },
      { name: "Dr Tom Okafor", roles: ["approver", "staff"] },
      { name: "Jess Wilde", roles: ["poster", "staff"] },
      { name: "Karen Holt", roles: ["staff"] },
    ]);
    base = `/practice/${practice.id}`;
    const current = await getPracticeSettings(server.ctx, practice.id);
    await updatePracticeSettings(server.ctx, {
      practiceId: practice.id,
      actorId: practice.user("admin").id,
      revision: current.revision,
      name: current.name,
      settings: { ...current.settings, safeguardingLead: "Dr Tom Okafor" },
    });
    const poster = practice.user("poster");
    for (const [channel, author, text] of [
      ["facebook", "Pat Jones", COMPLAINT],
      ["x", "@angrybird", ABUSE],
      ["instagram", "neighbour_k", SAFEGUARDING],
    ] as const)
      await addComment(
        server.ctx,
        practice.id,
        { userId: poster.id },
        commentInputSchema.parse({ channel, author, text, receivedAt: "", postUrl: "" }),
      );
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("a poster pastes a comment, sees the inbox most pressing first, filters it and opens one by keyboard", async () => {
    const w = await newWatchedPage(browser, server.url);
    await signIn(w.page, practice.user("poster").email, practice.user("poster").password);
    await w.page.getByRole("link", { name: "Inbox" }).first().click();
    await w.page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    await w.page.getByTestId("conversations").waitFor();

    await w.page.getByRole("button", { name: "Add the comment" }).click();
    await w.page.getByText("There is a problem").first().waitFor();
    await w.page.getByLabel("Where was it written?").selectOption("website");
    await w.page.getByLabel("Who wrote it (name or handle)").fill("R. Patel");
    await w.page.getByLabel("The comment", { exact: true }).fill(PRESCRIPTION);
    await w.page.getByRole("button", { name: "Add the comment" }).click();
    await w.page.getByText("Read as: Prescription request.").waitFor();
    const items = w.page.getByTestId("conversations").getByRole("listitem");
    await w.page.getByRole("link", { name: /R\. Patel on Website/ }).waitFor();
    assert.equal(await items.count(), 4);
    const first = await items.first().getByRole("link").innerText();
    assert.match(first, /neighbour_k on Instagram/, "the safeguarding concern (urgent) comes first");
    await w.page.getByTestId("inbox-counts").getByText("New: 4").waitFor();
    await assertAccessible(w.page, "inbox list");

    await w.page.getByLabel("Category").selectOption("complaint");
    await w.page.waitForURL(/category=complaint/);
    await w.page.reload();
    await w.page.getByRole("link", { name: /Pat Jones on Facebook/ }).waitFor();
    assert.equal(await items.count(), 1, "only the complaint after a reload");
    assert.equal(await w.page.getByLabel("Category").inputValue(), "complaint");

    await w.page.locator("body").press("j");
    await w.page.keyboard.press("o");
    await w.page.getByRole("heading", { level: 1, name: "Pat Jones on Facebook" }).waitFor();
    const summary = w.page.getByTestId("conversation-summary");
    await summary.getByText("Complaint: acknowledge by").waitFor();
    await w.page.getByText("the complaints procedure").first().waitFor();
    await assertAccessible(w.page, "a conversation");
    await w.page.keyboard.press("u");
    await w.page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    assertNoPageProblems(w);
    await w.context.close();
  });

  it("the abusive comment names the receptionist and works at 375 px", async () => {
    const w = await newWatchedPage(browser, server.url);
    await w.page.setViewportSize({ width: 375, height: 800 });
    await signIn(w.page, practice.user("admin").email, practice.user("admin").password);
    await w.page.goto(`${base}/inbox?category=abuse`);
    await w.page.getByRole("link", { name: /@angrybird on X/ }).click();
    await w.page.getByRole("heading", { level: 1, name: "@angrybird on X" }).waitFor();
    await w.page
      .getByTestId("comment-findings")
      .getByText(/names or singles out a member of staff/)
      .waitFor();
    await w.page.getByTestId("moderation").waitFor();
    await assertAccessible(w.page, "abusive conversation at 375 px");
    const wide = await w.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 375, `no sideways scrolling at 375 px (page is ${wide} px wide)`);
    assertNoPageProblems(w);
    await w.context.close();
  });

  it("the complaint is answered with the complaints route after a second person approves the reply", async () => {
    const w = await newWatchedPage(browser, server.url);
    await signIn(w.page, practice.user("poster").email, practice.user("poster").password);
    await w.page.goto(`${base}/inbox?category=complaint`);
    await w.page.getByRole("link", { name: /Pat Jones on Facebook/ }).click();
    await w.page.getByRole("heading", { level: 1, name: "Pat Jones on Facebook" }).waitFor();
    const reply = w.page.getByLabel("The reply", { exact: true });
    assert.match(await reply.inputValue(), /complaints procedure/, "suggested from the complaint template");
    assert.match(
      await w.page.getByLabel("Start from a template").locator("option:checked").innerText(),
      /^Complaint/,
    );
    await w.page
      .getByTestId("reply-check")
      .getByText(/OK|Check/i)
      .first()
      .waitFor();
    await assertAccessible(w.page, "the reply composer");
    await w.page.getByRole("button", { name: "Send for approval" }).click();
    await w.page.getByText("The reply was sent for approval.").waitFor();
    await w.page.getByTestId("reply-state").getByText("Waiting for a second person to approve it").waitFor();
    assert.equal(
      await w.page.getByRole("button", { name: "Approve" }).count(),
      0,
      "the author cannot approve",
    );
    await w.context.close();

    const a = await newWatchedPage(browser, server.url);
    await signIn(a.page, practice.user("approver").email, practice.user("approver").password);
    await a.page
      .getByText(/Approve a reply to patients/)
      .first()
      .click();
    await a.page.getByRole("heading", { level: 1, name: "Pat Jones on Facebook" }).waitFor();
    await a.page.getByRole("button", { name: "Approve" }).click();
    await a.page.getByTestId("reply-state").getByText("Approved: post it by hand").waitFor();
    await a.page.getByRole("button", { name: "Copy the reply" }).waitFor();
    await a.page.getByRole("button", { name: "I've posted it" }).click();
    await a.page.getByText("The conversation is answered.").waitFor();
    await a.page.getByTestId("conversation-summary").getByText("Answered").waitFor();
    await assertAccessible(a.page, "an answered conversation");
    assertNoPageProblems(a);
    await a.context.close();
  });

  it("the safeguarding lead has an email at once, without the words, whose link opens the conversation", async () => {
    const lead = practice.user("approver");
    const mails = server.mailbox.filter((m) => m.to === lead.email && /Safeguarding concern/.test(m.text));
    assert.equal(mails.length, 1, server.mailbox.map((m) => `${m.to}: ${m.subject}`).join("; "));
    assert.match(mails[0]!.subject, /^Act now/);
    for (const m of server.mailbox) assert.ok(!m.text.includes("bruises"), "no comment words in any mail");
    const link = /https?:\/\/\S+\/inbox\/[0-9a-f-]{36}/.exec(mails[0]!.text)?.[0];
    assert.ok(link, mails[0]!.text);
    const w = await newWatchedPage(browser, server.url);
    await signIn(w.page, lead.email, lead.password);
    await w.page.goto(link);
    await w.page.getByRole("heading", { level: 1, name: "neighbour_k on Instagram" }).waitFor();
    await w.page
      .getByTestId("conversation-summary")
      .getByText(/Safeguarding/)
      .first()
      .waitFor();
    assertNoPageProblems(w);
    await w.context.close();
  });

  it("a member without a posting role has no inbox", async () => {
    const w = await newWatchedPage(browser, server.url);
    const staff = practice.users.find((u) => u.name === "Karen Holt")!;
    await signIn(w.page, staff.email, staff.password);
    await w.page.getByRole("heading", { level: 1 }).first().waitFor();
    assert.equal(await w.page.getByRole("link", { name: "Inbox", exact: true }).count(), 0);
    await w.page.goto(`${base}/inbox`);
    await w.page.getByRole("heading", { level: 1, name: "Not available to your role" }).waitFor();
    await w.context.close();
  });
});
