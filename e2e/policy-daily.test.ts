// The policy in daily use, in Chromium at desktop and phone widths: the page for patients, a new practice's
// first day (the onboarding checklist), the phone header, and the check page on a phone.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { startServer, type TestServer } from "./support/server";
import { assertNoPageProblems, launchBrowser, newWatchedPage, signIn, type Watched } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { seedPractice, type SeededPractice } from "./support/seed";
import { publishTemplateForDemo } from "../src/app/policy";
import { getPracticeSettings, updatePracticeSettings } from "../src/app/practices/settings";
import { DEMO_SETTINGS } from "../src/app/demo/ensure-demo";

const WIDTHS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 375, height: 740 },
] as const;

/** The page is exactly as wide as the window: nothing to scroll sideways. */
async function assertNoSidewaysScroll(page: Page, label: string): Promise<void> {
  const { scroll, viewport } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  assert.equal(scroll, viewport, `${label}: the page is ${scroll}px wide in a ${viewport}px window`);
}

describe("the policy in daily use, at desktop and phone widths", () => {
  let server: TestServer;
  let browser: Browser;
  let practice: SeededPractice;
  const pages: Watched[] = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    practice = await seedPractice(server.ctx, [
      { name: "Pat Manager", roles: ["admin", "staff"] },
      { name: "Sam Reception", roles: ["staff"] },
    ]);
    const admin = practice.user("admin");
    await updatePracticeSettings(server.ctx, {
      practiceId: practice.id,
      actorId: admin.id,
      revision: (await getPracticeSettings(server.ctx, practice.id)).revision,
      name: "Willow Tree Surgery",
      settings: { ...DEMO_SETTINGS, nhsWebsiteUrl: "https://www.nhs.uk/services/gp-surgery/willow-tree/X2" },
    });
    await publishTemplateForDemo(server.ctx, practice.id);
  });

  after(async () => {
    for (const w of pages) await w.context.close();
    await browser?.close();
    await server?.close();
  });

  const open = async (): Promise<Watched> => {
    const w = await newWatchedPage(browser, server.url);
    pages.push(w);
    return w;
  };

  it("a patient reads the practice's page: urgent help first, working links, no script, no sideways scrolling at 320 px", async () => {
    const w = await open();
    const { page } = w;
    for (const size of [...WIDTHS, { name: "small phone", width: 320, height: 640 }]) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`/p/${practice.slug}`);
      await page.getByRole("heading", { level: 1, name: "Willow Tree Surgery" }).waitFor();
      const first = await page.locator("main > *").first().getAttribute("id");
      assert.equal(first, "urgent-help", `${size.name}: the urgent help box comes first`);
      await assertNoSidewaysScroll(page, `practice page, ${size.name}`);
      await assertAccessible(page, `practice page, ${size.name}`);
    }
    const urgent = page.locator("#urgent-help");
    assert.equal(await urgent.getByRole("link", { name: "call 999" }).getAttribute("href"), "tel:999");
    assert.equal(await urgent.getByRole("link", { name: "call 111" }).getAttribute("href"), "tel:111");
    assert.equal(
      await urgent.getByRole("link", { name: "NHS 111 online" }).getAttribute("href"),
      "https://111.nhs.uk/",
    );
    const contact = page.locator("#contact");
    assert.equal(
      await contact.getByRole("link", { name: "01234 567890" }).getAttribute("href"),
      "tel:01234567890",
    );
    assert.match(
      (await contact.getByRole("link", { name: /NHS website/ }).getAttribute("href")) ?? "",
      /^https:\/\/www\.nhs\.uk\/services\/gp-surgery\/willow-tree\/X2$/,
    );
    assert.ok(await contact.getByRole("link", { name: "How to make a complaint" }).isVisible());
    assert.ok(await contact.getByRole("link", { name: "Ask the practice for help online" }).isVisible());
    const numbers = await page.locator(".policy-clause h4").allInnerTexts();
    assert.match(numbers[0] ?? "", /^1\.1 /);
    assert.equal(await page.locator("script").count(), 0);

    await page.getByRole("link", { name: "The policy on a page of its own" }).click();
    await page.getByRole("heading", { level: 1, name: "How we use social media" }).waitFor();
    assert.equal(await page.locator("main > *").first().getAttribute("id"), "urgent-help");
    await assertNoSidewaysScroll(page, "policy page, small phone");
    assertNoPageProblems(w);
  });

  it("a new practice's admin follows the getting-started list, which ticks itself and can be hidden; staff never see it", async () => {
    const fresh = await seedPractice(server.ctx, [
      { name: "Nia New", roles: ["admin", "staff"] },
      { name: "Tom Staff", roles: ["staff"] },
    ]);
    const w = await open();
    const { page } = w;
    await signIn(page, fresh.user("admin").email, fresh.user("admin").password);
    const list = page.getByTestId("onboarding");
    await list.getByRole("heading", { name: "Getting started" }).waitFor();
    // Tom is a member already, so "invite staff" is done; the rest wait.
    await list.getByText("1 of 5 done").waitFor();
    const status = (step: string) =>
      list.locator(`[data-step="${step}"] .nhsuk-task-list__status`).innerText();
    assert.equal(await status("invite"), "Done");
    assert.equal(await status("details"), "To do");
    for (const size of WIDTHS) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await assertNoSidewaysScroll(page, `home with checklist, ${size.name}`);
      await assertAccessible(page, `home with checklist, ${size.name}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await list.getByRole("link", { name: "Add the practice's details" }).click();
    await page.getByRole("heading", { level: 1, name: "Practice settings" }).waitFor();

    // Done elsewhere (settings, the policy): the list ticks itself from the practice's state.
    await updatePracticeSettings(server.ctx, {
      practiceId: fresh.id,
      actorId: fresh.user("admin").id,
      revision: (await getPracticeSettings(server.ctx, fresh.id)).revision,
      name: fresh.name,
      settings: DEMO_SETTINGS,
    });
    await publishTemplateForDemo(server.ctx, fresh.id);
    await page.goto(`/practice/${fresh.id}`);
    await list.getByText("3 of 5 done").waitFor();
    assert.equal(await status("details"), "Done");
    assert.equal(await status("policy"), "Done");
    assert.equal(
      await list.getByRole("link", { name: "Choose a staff representative" }).getAttribute("href"),
      `/practice/${fresh.id}/staff`,
    );

    await list.getByRole("button", { name: "Hide this list for everyone" }).click();
    await page.getByRole("button", { name: "Show the first steps again (3 of 5 done)" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { level: 1, name: /Welcome/ }).waitFor();
    await page
      .getByTestId("onboarding-hidden")
      .getByText(/hidden for everyone \(by /)
      .waitFor();
    assert.equal(await list.count(), 0, "hidden stays hidden, for the whole practice");

    const staff = await open();
    await signIn(staff.page, fresh.users[1]!.email, fresh.users[1]!.password);
    await staff.page.getByTestId("waiting").waitFor();
    assert.equal(await staff.page.getByTestId("onboarding").count(), 0, "staff have none of these steps");
    assertNoPageProblems(w);
    assertNoPageProblems(staff);
  });

  it("on a phone the header folds into a Menu button that works by keyboard, and the acknowledgements read as stacked rows", async () => {
    const w = await open();
    const { page } = w;
    await signIn(page, practice.user("admin").email, practice.user("admin").password);
    const nav = page.getByRole("navigation", { name: "Menu" });
    const menu = nav.getByRole("button", { name: "Menu" });

    // Desktop: every link shows, no menu button.
    await nav.getByRole("link", { name: "Policy" }).waitFor();
    assert.equal(await menu.isVisible(), false);
    assert.ok(await page.getByRole("navigation", { name: "Account" }).isVisible());

    await page.setViewportSize({ width: 375, height: 740 });
    await menu.waitFor();
    assert.equal(await nav.getByRole("link", { name: "Policy" }).count(), 0, "the links fold away");
    assert.equal(await page.getByRole("navigation", { name: "Account" }).isVisible(), false);
    const headerHeight = await page.locator("header").evaluate((h) => h.getBoundingClientRect().height);
    assert.ok(headerHeight < 200, `the header is compact on a phone (${headerHeight}px)`);
    assert.equal(await menu.getAttribute("aria-expanded"), "false");
    await assertNoSidewaysScroll(page, "home, phone");

    await menu.focus();
    await page.keyboard.press("Enter");
    assert.equal(await menu.getAttribute("aria-expanded"), "true");
    const list = page.locator("#sp-phone-menu");
    await list.getByRole("link", { name: "Policy" }).waitFor();
    await list.getByRole("button", { name: "Sign out" }).waitFor();
    await assertAccessible(page, "phone menu open");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Escape");
    assert.equal(await menu.getAttribute("aria-expanded"), "false");
    assert.equal(await list.count(), 0);
    assert.ok(await menu.evaluate((b) => b === document.activeElement), "Escape returns focus to the button");

    await menu.click();
    await list.getByRole("link", { name: "Policy" }).click();
    await page
      .getByRole("heading", { level: 1, name: /policy/i })
      .first()
      .waitFor();
    assert.equal(await menu.getAttribute("aria-expanded"), "false", "choosing a link closes the menu");

    await page.goto(`/practice/${practice.id}/policy/acknowledgements`);
    const table = page.getByTestId("acknowledgements");
    await table.getByText("Sam Reception").waitFor();
    const row = table.locator("tbody tr").filter({ hasText: "Sam Reception" });
    assert.equal(await row.evaluate((r) => getComputedStyle(r).display), "block", "rows stack on a phone");
    assert.ok(await row.getByText("Email", { exact: true }).isVisible(), "each cell names its column");
    assert.match(await row.innerText(), /Not yet/);
    // Stacked by CSS, it is still a table to a screen reader: rows, column headers and cells in the browser's
    // accessibility tree (read through the DevTools protocol, as assistive technology sees it).
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as {
      nodes: { role?: { value?: string }; name?: { value?: string } }[];
    };
    const roles = (role: string) => nodes.filter((n) => n.role?.value === role);
    assert.ok(roles("table").length >= 1, "a table");
    assert.ok(
      roles("columnheader").some((n) => n.name?.value === "Email"),
      "its column headers",
    );
    assert.ok(
      roles("cell").some((n) => (n.name?.value ?? "").includes("Sam Reception")),
      `its cells (roles seen: ${[...new Set(nodes.map((n) => n.role?.value))].join(", ")})`,
    );
    await cdp.detach();
    await assertNoSidewaysScroll(page, "acknowledgements, phone");
    await assertAccessible(page, "acknowledgements, phone");
    await page.setViewportSize({ width: 1280, height: 900 });
    assert.equal(await row.evaluate((r) => getComputedStyle(r).display), "table-row");
    assert.equal(await row.getByText("Email", { exact: true }).isVisible(), false);
    assertNoPageProblems(w);
  });

  it("on a phone the check page keeps the text on this device, keeps the verdict in view, and copies a suggested reply", async () => {
    const w = await open();
    const { page, context } = w;
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    const sent: string[] = [];
    page.on("request", (r) => sent.push(`${r.url()} ${r.postData() ?? ""}`));
    await page.setViewportSize({ width: 375, height: 740 });
    await signIn(page, practice.users[1]!.email, practice.users[1]!.password);
    await page.goto(`/practice/${practice.id}/check`);
    const box = page.getByLabel("Your post or the comment");
    await page.getByLabel("A comment from the public").check();
    const comment = "Can I book a blood test for next week please?";
    await box.fill(comment);
    const result = page.getByTestId("check-result");
    await result.getByText("Suggested reply:").waitFor();

    await result.getByRole("button", { name: "Copy the suggested reply" }).click();
    await result.getByTestId("copy-status").getByText("Copied").waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(
      copied.length > 20 && ((await result.textContent()) ?? "").includes(copied),
      `copied: ${copied}`,
    );

    // The verdict stays at the top of the screen while the page scrolls under it.
    await page.getByLabel("My personal account").check();
    await box.fill("Lovely walk by the river this morning.\n".repeat(30));
    // Whatever the verdict (the learned model, once loaded, may read this text differently from the rules
    // alone), it is shown in the sticky bar, the same as the full result below it.
    const sticky = page.getByTestId("sticky-verdict");
    await sticky.waitFor();
    assert.match((await sticky.innerText()).trim(), /^(OK to post|Review before posting|Do not post)$/);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
    const top = await sticky.evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(Math.abs(top) < 2, `the verdict is at the top of the screen (top ${top}px)`);
    await assertNoSidewaysScroll(page, "check page, phone");
    await assertAccessible(page, "check page, phone");

    // Away and back: the text is still there (this device only), until cleared.
    const kept = await box.inputValue();
    await page.goto(`/practice/${practice.id}/policy`);
    await page.goto(`/practice/${practice.id}/check`);
    assert.equal(await box.inputValue(), kept);
    await page.getByRole("button", { name: "Clear the text" }).click();
    assert.equal(await box.inputValue(), "");
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Check a post" }).waitFor();
    assert.equal(await box.inputValue(), "", "cleared text is gone from the device too");
    assert.deepEqual(
      sent.filter((s) => s.includes("blood test") || s.includes("river")),
      [],
      "the text is never sent",
    );
    assertNoPageProblems(w);
  });
});
