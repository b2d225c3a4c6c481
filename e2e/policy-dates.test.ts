import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { startServer, type TestServer } from "./support/server";
import { assertNoPageProblems, launchBrowser, newWatchedPage, signIn, type Watched } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { seedPractice, type SeededPractice } from "./support/seed";
import { publishPolicyVersion } from "./support/policy-versions";
import { dateShown, fillDate } from "./support/dates";
import { acknowledgePolicy, createDraft, startConsultation } from "../src/app/policy";

const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/;

/** No day written the machine's way (2027-11-21) anywhere a person reads on the page. */
async function assertNoIsoDates(page: Page, label: string): Promise<void> {
  const text = await page.locator("main").innerText();
  assert.doesNotMatch(text, ISO_DAY, `${label} shows a date as YYYY-MM-DD`);
}

describe("dates the UK way on the policy pages", () => {
  let server: TestServer;
  let browser: Browser;
  let practice: SeededPractice;
  const pages: Watched[] = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    practice = await seedPractice(server.ctx, [
      { name: "Pat Manager", roles: ["admin", "staff"] },
      { name: "Dr Ada Partner", roles: ["approver", "staff"] },
      { name: "Rita Rep", roles: ["staff-rep", "staff"] },
    ]);
    const v1 = await publishPolicyVersion(server.ctx, practice, "template", "major");
    await acknowledgePolicy(server.ctx, practice.id, v1, { userId: practice.user("approver").id });
    const d = await createDraft(server.ctx, practice.id, { userId: practice.user("admin").id }, { from: v1 });
    await startConsultation(server.ctx, practice.id, d.id, { userId: practice.user("admin").id });
  });

  after(async () => {
    for (const w of pages) await w.context.close();
    await browser?.close();
    await server?.close();
  });

  it("the review date is shown in words and moved with day, month and year boxes; no page shows 2027-11-21", async () => {
    const w = await newWatchedPage(browser, server.url);
    pages.push(w);
    const admin = w.page;
    await signIn(admin, practice.user("admin").email, practice.user("admin").password);
    await admin.goto(`/practice/${practice.id}/policy`);
    const card = admin.getByTestId("published-policy");
    const due = /Review due (\d{1,2}) ([A-Z][a-z]+) (\d{4})\./.exec(await card.innerText());
    assert.ok(due, "the review date is written in words");
    // the boxes start at the current review date, day first
    const [, d, , y] = due;
    assert.match(await dateShown(admin, "Review date"), new RegExp(`^${d} \\d{1,2} ${y}$`));

    // a day that does not exist is refused before anything is sent
    const group = admin.getByRole("group", { name: "Review date" });
    await group.getByLabel("Day").fill("30");
    await group.getByLabel("Month").fill("2");
    await group.getByLabel("Year").fill("2031");
    await admin.getByRole("button", { name: "Change review date" }).click();
    await group.getByText("The review date must be a real date.").waitFor();
    await assertAccessible(admin, "review date with an error");

    const nextYear = new Date().getFullYear() + 2;
    await fillDate(admin, "Review date", `${nextYear}-03-04`);
    await admin.getByRole("button", { name: "Change review date" }).click();
    await card.getByText(`Review due 4 March ${nextYear}.`).waitFor();
    assert.equal(await group.getByText("must be a real date").count(), 0);
    await assertNoIsoDates(admin, "the policy page");
    await assertAccessible(admin, "the policy page");

    // every other policy page a person reads
    for (const [path, ready] of [
      ["policy/diff", /^From 1\.0 to \d\.\d$/],
      ["policy/acknowledgements", "Acknowledgements"],
    ] as const) {
      await admin.goto(`/practice/${practice.id}/${path}`);
      await admin.getByRole("heading", { name: ready }).first().waitFor();
      await assertNoIsoDates(admin, path);
    }
    await admin.goto(`/practice/${practice.id}/policy`);
    await admin.getByRole("link", { name: /^version 2\.0/ }).click();
    await admin.getByRole("heading", { level: 1, name: /version 2\.0/ }).waitFor();
    await admin.getByText(/Comments are invited until \d{1,2} [A-Z][a-z]+ \d{4}\./).waitFor();
    await assertNoIsoDates(admin, "the draft out for consultation");

    await admin.setViewportSize({ width: 375, height: 800 });
    await admin.goto(`/practice/${practice.id}/policy`);
    await admin.getByRole("group", { name: "Review date" }).waitFor();
    await assertAccessible(admin, "the policy page at 375 px");
    assertNoPageProblems(w);
  });
});
