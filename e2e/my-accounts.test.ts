// My accounts in the browser: a receptionist works through a platform (how-to in a details element, an answer
// per item), agrees to share completion; the practice manager sees only "Completed on DATE" and adds a platform.
// axe finds nothing serious on either page.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { startServer, type TestServer } from "./support/server";
import { assertNoPageProblems, launchBrowser, newWatchedPage, signIn } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { seedPractice, type SeededPractice } from "./support/seed";
import { saveMyAccountsPlatform } from "../src/app/my-accounts";
import { SEED_PLATFORMS } from "../src/core/my-accounts";

describe("My accounts", () => {
  let server: TestServer;
  let browser: Browser;
  let practice: SeededPractice;
  before(async () => {
    server = await startServer();
    practice = await seedPractice(server.ctx, [
      { name: "Priya Manager", roles: ["admin", "staff"] },
      { name: "Rob Reception", roles: ["staff"] },
    ]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("a receptionist answers a platform and agrees to share that they completed the check", async () => {
    const rob = practice.users.find((u) => u.name === "Rob Reception")!;
    const w = await newWatchedPage(browser, server.url);
    await signIn(w.page, rob.email, rob.password);
    await w.page.goto(`/practice/${practice.id}`);
    await w.page.getByRole("link", { name: "My accounts" }).first().click();
    await w.page.getByRole("heading", { level: 1, name: "My accounts" }).waitFor();
    await w.page.getByText("Your answers are private").waitFor();
    await assertAccessible(w.page);

    await w.page.getByRole("link", { name: "Strava" }).click();
    await w.page.getByRole("heading", { level: 2, name: "Strava" }).waitFor();
    await w.page.getByLabel("Yes").check();
    const location = w.page.getByRole("region", {
      name: "Turn off location sharing near your home and the surgery",
    });
    await location.getByText("How to do it on Strava").click();
    await location
      .getByText(/Map Visibility/)
      .first()
      .waitFor();
    await assertAccessible(w.page);
    for (const radio of await w.page.getByLabel("Done", { exact: true }).all()) await radio.check();
    await w.page.getByRole("button", { name: "Save" }).click();
    await w.page.getByText("Your answers for Strava are saved.").waitFor();
    // Strava is the last platform, so saving goes back to the list, where it shows as done.
    await w.page.getByRole("listitem").filter({ hasText: "Strava" }).getByText("Done").waitFor();

    // The other platforms are answered as not used (quicker than clicking through each).
    for (const p of SEED_PLATFORMS.filter((p) => p.key !== "strava"))
      await saveMyAccountsPlatform(server.ctx, practice.id, { userId: rob.id }, p.key, {
        uses: false,
        items: {},
      });
    await w.page.reload();
    await w.page.getByText("You completed the check on").waitFor();
    assert.equal(await w.page.getByText("See who has completed the check").count(), 0, "not for staff");
    await w.page.getByLabel("Let the practice manager see that I completed it").check();
    await w.page.getByRole("button", { name: "Save my choice" }).click();
    await w.page
      .getByText("The practice manager can see whether and when you completed the check.")
      .waitFor();
    assertNoPageProblems(w);
    await w.context.close();
  });

  it("the practice manager sees only who completed it, and adds a platform", async () => {
    const manager = practice.users.find((u) => u.name === "Priya Manager")!;
    const w = await newWatchedPage(browser, server.url);
    await signIn(w.page, manager.email, manager.password);
    await w.page.goto(`/practice/${practice.id}/my-accounts`);
    await w.page.getByRole("link", { name: /See who has completed the check/ }).waitFor();
    await w.page.goto(`/practice/${practice.id}/staff`);
    await w.page.getByRole("link", { name: /Who has completed the personal-account check/ }).click();
    await w.page.getByRole("heading", { level: 1, name: "My accounts: who has completed it" }).waitFor();
    const rob = w.page.getByRole("row", { name: /Rob Reception/ });
    await rob.getByText("Completed").waitFor();
    assert.match((await rob.textContent()) ?? "", /on \d{1,2} \w+ \d{4}/);
    await w.page
      .getByRole("row", { name: /Priya Manager/ })
      .getByText("Not shared")
      .waitFor();
    assert.doesNotMatch((await w.page.textContent("main")) ?? "", /Map Visibility|Not yet/);
    await assertAccessible(w.page);

    await w.page.getByLabel("Add a platform").fill("Mastodon");
    await w.page.getByRole("button", { name: "Add platform" }).click();
    await w.page.getByText("Mastodon is on the check now.").waitFor();
    await w.page
      .getByRole("row", { name: /Rob Reception/ })
      .getByText("Not completed")
      .waitFor();
    assertNoPageProblems(w);
    await w.context.close();
  });
});
