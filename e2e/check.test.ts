import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { startServer, type TestServer } from "./support/server";
import { assertNoPageProblems, launchBrowser, newWatchedPage, signIn } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { seedPractice } from "./support/seed";

describe("checking a post in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("a staff member checks a post as they type; the words at fault are marked and nothing typed leaves the page", async () => {
    const practice = await seedPractice(server.ctx, [
      { name: "Ann Admin", roles: ["admin", "staff"] },
      { name: "Rob Reception", roles: ["staff"] },
    ]);
    const staff = practice.user("staff");
    const w = await newWatchedPage(browser, server.url);
    const { page } = w;
    const sent: string[] = [];
    page.on("request", (r) => sent.push(`${r.url()} ${r.postData() ?? ""}`));

    await signIn(page, staff.email, staff.password);
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Check a post" }).click();
    await page.getByRole("heading", { level: 1, name: "Check a post" }).waitFor();

    const story = "Saw Mrs Jenkins from Orchard Road this morning, her diabetes is all over the place again";
    await page.getByLabel("Your post or the comment").fill(story);
    const result = page.getByTestId("check-result");
    await result.getByRole("heading", { name: "Do not post" }).waitFor();
    const marked = await result.locator("mark").allTextContents();
    assert.ok(
      marked.some((m) => m.includes("Jenkins")),
      `marked: ${marked.join(" | ")}`,
    );
    assert.ok(
      marked.some((m) => /Orchard Road/.test(m)),
      `marked: ${marked.join(" | ")}`,
    );
    assert.match((await result.textContent()) ?? "", /Policy clause \d+\.\d+/);
    await assertAccessible(page, "check a post with findings");

    await page.getByLabel("A comment from the public").check();
    await page.getByLabel("Your post or the comment").fill("Can I book a blood test for next week please?");
    await result.getByText("Suggested reply:").waitFor();
    assert.match((await result.textContent()) ?? "", /appointment request/i);

    await page.getByLabel("My personal account").check();
    await page
      .getByLabel("Your post or the comment")
      .fill("Lovely walk by the river with the dog this morning.");
    await result.getByRole("heading", { name: "OK to post" }).waitFor();
    const lengths = page.getByTestId("lengths");
    assert.match((await lengths.textContent()) ?? "", /51 characters/);
    assert.match((await lengths.textContent()) ?? "", /X: 51 of 280/);

    // Over a channel's limit the page says by how much; over the checker's limit it says nothing was
    // checked, instead of cutting the text and calling it ok.
    await page.getByLabel("Your post or the comment").fill("Lovely walk. ".repeat(30));
    await lengths.getByText("X: 390 of 280 — 110 over the limit").waitFor();
    const huge = "Lovely walk. ".repeat(7_700) + "Mrs Jenkins from Orchard Road has diabetes";
    await page.getByLabel("Your post or the comment").fill(huge);
    await page
      .getByTestId("too-long")
      .getByText(/too long to check: it has 100,142 characters/)
      .waitFor();
    assert.equal((await page.getByLabel("Your post or the comment").inputValue()).length, huge.length);
    assert.equal(await result.getByRole("heading", { name: "OK to post" }).count(), 0);

    assert.deepEqual(
      sent.filter((s) => s.includes("Jenkins") || s.includes("blood test") || s.includes("river")),
      [],
      "the text typed is never sent to the server",
    );
    assertNoPageProblems(w);
    await w.context.close();
  });
});
