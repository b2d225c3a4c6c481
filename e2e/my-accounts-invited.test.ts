// My accounts for someone who has just joined: the practice manager invites a new receptionist in the browser,
// she opens the emailed link, sets her password, finds the check under "Waiting for you" on the home page,
// works through every platform (one she uses, coming back to an item she had not done, the rest not), and agrees to share that she completed it.
// A second newcomer completes it without agreeing. On Oversight the manager sees the completion rate and, on
// the summary, the first as completed and the second as not shared, and none of anybody's answers.
// axe finds nothing serious on any page visited.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { startServer, type TestServer } from "./support/server";
import { assertNoPageProblems, launchBrowser, newWatchedPage, signIn, type Watched } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { newEmail, seedPractice, type SeededPractice } from "./support/seed";
import { saveMyAccountsPlatform } from "../src/app/my-accounts";
import { SEED_PLATFORMS } from "../src/core/my-accounts";

const NEW_PASSWORD = "a long new password";

describe("My accounts for a newly invited member", () => {
  let server: TestServer;
  let browser: Browser;
  let practice: SeededPractice;
  let admin: Watched;
  before(async () => {
    server = await startServer();
    practice = await seedPractice(server.ctx, [{ name: "Priya Manager", roles: ["admin", "staff"] }]);
    browser = await launchBrowser();
    admin = await newWatchedPage(browser, server.url);
    await signIn(admin.page, practice.user("admin").email, practice.user("admin").password);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The admin invites someone as a staff member; returns the link from the email in their mailbox. */
  async function invite(name: string, email: string): Promise<string> {
    const { page } = admin;
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Staff" }).click();
    await page.getByRole("link", { name: "Invite someone" }).click();
    await page.getByRole("heading", { level: 1, name: "Invite someone" }).waitFor();
    await page.getByLabel("Full name").fill(name);
    await page.getByLabel("Email address").fill(email);
    assert.equal(await page.getByLabel("Staff member").isChecked(), true, "staff member is ticked already");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByText(`Invitation sent to ${email}.`).waitFor();
    const mail = server.mailbox.filter((m) => m.to === email).at(-1);
    assert.ok(mail, `an invitation email went to ${email}`);
    const link = /https?:\/\/\S+\/invite\?token=[\w-]+/.exec(mail.text)?.[0];
    assert.ok(link, `the invitation email holds a link:\n${mail.text}`);
    assert.ok(link.startsWith(server.url), "the link points at this server");
    return link;
  }

  /** The newcomer opens the link in a browser of their own, chooses a password and lands on the home page. */
  async function join(link: string, name: string): Promise<Watched> {
    const w = await newWatchedPage(browser, server.url);
    await w.page.goto(link);
    await w.page.getByRole("heading", { level: 1, name: `Join ${practice.name} on safepost` }).waitFor();
    await assertAccessible(w.page, "accept invitation");
    await w.page.getByLabel("Choose a password").fill(NEW_PASSWORD);
    await w.page.getByLabel("Type the password again").fill(NEW_PASSWORD);
    await w.page.getByRole("button", { name: "Create account and join" }).click();
    await w.page.getByRole("heading", { level: 1, name: `Welcome, ${name}` }).waitFor();
    return w;
  }

  const waiting = (page: Page) => page.getByRole("region", { name: "Waiting for you" });

  it("a new receptionist finds the check under Waiting for you, completes it and shares that she did", async () => {
    const nia = await join(await invite("Nia Reception", newEmail("nia")), "Nia Reception");
    const { page } = nia;
    const item = waiting(page).getByRole("link", { name: "Check your own social media accounts" });
    await item.waitFor();
    await waiting(page).getByText("Your answers stay private to you.").waitFor();
    await assertAccessible(page, "new member's home");
    await item.click();
    await page.getByRole("heading", { level: 1, name: "My accounts" }).waitFor();
    await page.getByText("Your answers are private").waitFor();
    await assertAccessible(page, "My accounts");

    // The first platform she uses: every item done but the last, which she has not got round to yet.
    const [first, ...rest] = SEED_PLATFORMS;
    await page.getByRole("link", { name: first!.name, exact: true }).click();
    await page.getByRole("heading", { level: 2, name: first!.name }).waitFor();
    await page.getByLabel("Yes").check();
    await assertAccessible(page, `My accounts: ${first!.name}`);
    const done = await page.getByLabel("Done", { exact: true }).all();
    for (const radio of done.slice(0, -1)) await radio.check();
    await page.getByLabel("Not yet", { exact: true }).last().check();
    await page.getByRole("button", { name: `Save and go to ${rest[0]!.name}` }).click();
    // Saving moves on, so the notice says the platform just saved is not finished.
    await page
      .getByText(
        `Your answers for ${first!.name} are saved. 1 item on ${first!.name} is not done yet: come back to it from All platforms.`,
      )
      .waitFor();
    // She looks at the home page part way: the item says how many platforms are left, and leads back.
    await page.getByRole("link", { name: "Home" }).first().click();
    const finish = waiting(page).getByRole("link", {
      name: "Finish the check of your own social media accounts",
    });
    await finish.waitFor();
    await waiting(page).getByText(`${SEED_PLATFORMS.length} platforms are still to finish.`).waitFor();
    await finish.click();
    const firstRow = page.getByRole("list", { name: "Platforms" }).getByRole("listitem").first();
    await firstRow.getByText("In progress").waitFor();
    await firstRow.getByText(`${done.length - 1} of ${done.length} items done`).waitFor();
    // She has done the last one now: back to the first platform, her answers still there, and on down the list.
    await page.getByRole("link", { name: first!.name, exact: true }).click();
    assert.equal(await page.getByLabel("Done", { exact: true }).first().isChecked(), true, "answers kept");
    await page.getByLabel("Done", { exact: true }).last().check();
    await page.getByRole("button", { name: `Save and go to ${rest[0]!.name}` }).click();
    await page.getByText(`Your answers for ${first!.name} are saved.`, { exact: true }).waitFor();
    for (const [i, p] of rest.entries()) {
      await page.getByRole("heading", { level: 2, name: p.name }).waitFor();
      await page.getByLabel("No, I don't use it").check();
      const next = rest[i + 1];
      await page.getByRole("button", { name: next ? `Save and go to ${next.name}` : "Save" }).click();
      await page.getByText(`Your answers for ${p.name} are saved.`, { exact: true }).waitFor();
    }
    // Back on the list: the first platform done, the rest not used, and the check complete.
    const platforms = page.getByRole("list", { name: "Platforms" });
    await platforms.getByRole("listitem").filter({ hasText: first!.name }).getByText("Done").waitFor();
    assert.equal(await platforms.getByText("Not used").count(), rest.length);
    await page.getByText("You completed the check on").waitFor();
    await assertAccessible(page, "My accounts, complete");

    await page.getByLabel("Let the practice manager see that I completed it").check();
    await page.getByRole("button", { name: "Save my choice" }).click();
    await page.getByText("The practice manager can see whether and when you completed the check.").waitFor();

    // Home again: nothing about the check is waiting any more.
    await page.getByRole("link", { name: "Home" }).first().click();
    await waiting(page).waitFor();
    assert.equal(
      await waiting(page)
        .getByRole("link", { name: /social media accounts/ })
        .count(),
      0,
      "a completed check is not waiting",
    );
    assertNoPageProblems(nia);
    await nia.context.close();
  });

  it("a newcomer who completes it without agreeing shows as not shared; the manager sees no answers", async () => {
    const email = newEmail("omar");
    const omar = await join(await invite("Omar Porter", email), "Omar Porter");
    await waiting(omar.page).getByRole("link", { name: "Check your own social media accounts" }).waitFor();
    await omar.context.close();
    // He completes every platform (quicker here than clicking) and never ticks the box to share.
    const user = await server.ctx.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    for (const p of SEED_PLATFORMS)
      await saveMyAccountsPlatform(server.ctx, practice.id, { userId: user.id }, p.key, {
        uses: false,
        items: {},
      });

    const { page } = admin;
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Oversight" }).click();
    await page.getByRole("heading", { level: 1, name: "Oversight" }).waitFor();
    // The rate is of those who share; the card also says how many do not, so 100% is not read as everyone.
    const card = page
      .getByRole("main")
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: "My accounts" }) });
    await card.getByText("1 of 1 member who shares it (100%) has completed the check").waitFor();
    await card.getByText("2 of the 3 active members do not share whether they completed it.").waitFor();
    await assertAccessible(page, "Oversight");

    await card.getByRole("link", { name: "My accounts" }).click();
    await page.getByRole("heading", { level: 1, name: "My accounts: who has completed it" }).waitFor();
    const nia = page.getByRole("row", { name: /Nia Reception/ });
    await nia.getByText("Completed").waitFor();
    assert.match((await nia.textContent()) ?? "", /on \d{1,2} \w+ \d{4}/);
    await page
      .getByRole("row", { name: /Omar Porter/ })
      .getByText("Not shared")
      .waitFor();
    await page
      .getByRole("row", { name: /Priya Manager/ })
      .getByText("Not shared")
      .waitFor();
    // Nothing of what anyone answered: no platform states, no answers, no how-to steps.
    const main = (await page.textContent("main")) ?? "";
    assert.doesNotMatch(main, /Not used|Not yet|Does not apply|How to do it|In progress/);
    await assertAccessible(page, "My accounts summary");
    assertNoPageProblems(admin);
  });
});
