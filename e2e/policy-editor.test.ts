import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { startServer, type TestServer } from "./support/server";
import { assertNoPageProblems, launchBrowser, newWatchedPage, signIn, type Watched } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { seedPractice, type SeededPractice } from "./support/seed";
import { dateShown, fillDate } from "./support/dates";

const DAY = 86_400_000;
const day = (offset: number): string => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

/** Screenshots for a person to look at, only when E2E_SHOTS names a folder. */
async function shot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SHOTS)
    await page.screenshot({ path: `${process.env.E2E_SHOTS}/${name}.png`, fullPage: false });
}

describe("editing the policy's clauses and sections in the browser", () => {
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
    ]);
  });

  after(async () => {
    for (const w of pages) await w.context.close();
    await browser?.close();
    await server?.close();
  });

  const as = async (role: "admin" | "approver"): Promise<Page> => {
    const w = await newWatchedPage(browser, server.url);
    pages.push(w);
    await signIn(w.page, practice.user(role).email, practice.user(role).password);
    return w.page;
  };

  it("admin adds, moves and removes clauses, adds a dated hot topic, and patients see it only while it is in force", async () => {
    const admin = await as("admin");
    await admin.goto(`/practice/${practice.id}/policy`);
    await admin.getByLabel("What changes, in a sentence").fill("Our first policy");
    await admin.getByRole("button", { name: "Start draft" }).click();
    await admin.getByRole("heading", { level: 1, name: /version 1\.0/ }).waitFor();
    const versionUrl = admin.url();
    const notice = admin.getByTestId("edit-notice");

    // Add a clause to section 16 (what we ask of patients).
    await admin.getByRole("button", { name: "Add a clause to section 16" }).click();
    let form = admin.getByRole("form", { name: /New clause at the end of section 16/ });
    await form.getByRole("button", { name: "Add clause" }).click();
    await form.getByTestId("form-problems").getByRole("link", { name: "Give the clause a title." }).waitFor();
    await form.locator(".nhsuk-error-message", { hasText: "A clause needs some text." }).waitFor();
    await assertAccessible(admin, "add a clause, with errors");
    await shot(admin, "editor-add-errors");
    await form.getByLabel("Clause title").fill("Filming in the practice");
    await form
      .getByLabel("Clause text")
      .fill("Please ask a member of staff before filming anywhere in the practice.");
    await form.getByLabel("Show on the public page for patients").check();
    await form.getByRole("button", { name: "Add clause" }).click();
    await notice.getByText("Clause 16.5 “Filming in the practice” was added.").waitFor();

    // Move it up, by keyboard: focus stays on the moved clause's button.
    await admin.getByRole("button", { name: "Move up 16.5 Filming in the practice" }).focus();
    await admin.keyboard.press("Enter");
    await notice.getByText("“Filming in the practice” moved up to 16.4.").waitFor();
    assert.equal(
      await admin.evaluate(() => document.activeElement?.textContent),
      "Move up 16.4 Filming in the practice",
    );
    const order = await admin
      .locator('section[aria-labelledby="section-what-we-ask-of-patients"] h3')
      .allInnerTexts();
    assert.match(order[3]!, /^16\.4 Filming in the practice/);
    assert.match(order[4]!, /^16\.5 Abuse and threats/);
    await assertAccessible(admin, "draft with editing controls");

    // A hot-topic clause whose end date is already past: kept on the page, marked, and editable.
    await admin.getByRole("button", { name: "Add a clause to section 16" }).click();
    form = admin.getByRole("form", { name: /New clause at the end of section 16/ });
    await form.getByLabel("Clause title").fill("Pandemic misinformation");
    await form
      .getByLabel("Clause text")
      .fill("Please do not post claims about vaccines that go against NHS advice on our pages.");
    await form.getByLabel("Show on the public page for patients").check();
    await form.getByLabel("This is a hot topic for a limited time").check();
    await form.getByLabel("Hot topic label").fill("Winter vaccines");
    await fillDate(form, "Start date (optional)", day(-30));
    // Day, month and year boxes (the NHS date input): a day that does not exist is refused before sending.
    await form.getByRole("group", { name: "End date (optional)" }).getByLabel("Day").fill("31");
    await form.getByRole("group", { name: "End date (optional)" }).getByLabel("Month").fill("2");
    await form.getByRole("group", { name: "End date (optional)" }).getByLabel("Year").fill("2027");
    await form.getByRole("button", { name: "Add clause" }).click();
    await form.locator(".nhsuk-error-message", { hasText: "The end date must be a real date." }).waitFor();
    await fillDate(form, "End date (optional)", day(-40));
    await form
      .getByLabel("Claims the checker looks for (optional)")
      .fill("the flu jab gives you flu\n\nvaccines shed");
    await form.getByRole("button", { name: "Add clause" }).click();
    await form
      .locator(".nhsuk-error-message", { hasText: "The end date must not be before the start date." })
      .waitFor();
    assert.equal(
      await form
        .getByRole("group", { name: "End date (optional)" })
        .getByLabel("Day")
        .getAttribute("aria-invalid"),
      "true",
    );
    await assertAccessible(admin, "hot topic with a date error");
    await shot(admin, "editor-hot-topic-error");
    await fillDate(form, "End date (optional)", day(-1));
    await form.getByRole("button", { name: "Add clause" }).click();
    await notice.getByText("Clause 16.6 “Pandemic misinformation” was added.").waitFor();
    const hot = admin.getByTestId("clause-pandemic-misinformation");
    await hot.getByTestId("not-in-force").waitFor();
    await hot.getByRole("button", { name: "Edit 16.6 Pandemic misinformation" }).click();
    assert.equal(await hot.getByLabel("Hot topic label").inputValue(), "Winter vaccines");
    assert.equal(
      await hot.getByLabel("Claims the checker looks for (optional)").inputValue(),
      "the flu jab gives you flu\nvaccines shed",
    );
    const [y, m, d] = day(-1).split("-").map(Number);
    assert.equal(
      await dateShown(hot, "End date (optional)"),
      `${d} ${m} ${y}`,
      "the saved day, the UK way round",
    );
    await fillDate(hot, "End date (optional)", day(10));
    await shot(admin, "editor-edit-hot-topic");
    await hot.getByRole("button", { name: "Save clause" }).click();
    await notice.getByText("Clause 16.6 was saved.").waitFor();
    assert.equal(await hot.getByTestId("not-in-force").count(), 0);

    // Two editors: a move by one does not block the other's clause; the same clause edited by both is refused,
    // keeps its text, and can be applied after loading the latest.
    const other = await as("admin");
    await other.goto(versionUrl);
    await admin.getByRole("button", { name: "Edit 16.1 Photographs and recordings" }).click();
    const photos = admin.getByTestId("clause-photos-and-recordings");
    await photos.getByLabel("Clause title").fill("Photographs, videos and recordings");
    await other.getByRole("button", { name: "Move down 16.1 Photographs and recordings" }).click();
    await other
      .getByTestId("edit-notice")
      .getByText(/moved down to 16\.2/)
      .waitFor();
    await photos.getByRole("button", { name: "Save clause" }).click();
    await notice.getByText(/^Clause 16\.\d was saved\.$/).waitFor();

    await admin.getByRole("button", { name: "Edit 16.2 Photographs, videos and recordings" }).click();
    await photos.getByLabel("Clause title").fill("Photos, videos and recordings");
    await other.reload();
    await other.getByRole("button", { name: "Edit 16.2 Photographs, videos and recordings" }).click();
    const theirs = other.getByTestId("clause-photos-and-recordings");
    await theirs.getByLabel("Clause text").fill("Ask before filming anyone in the practice.");
    await theirs.getByRole("button", { name: "Save clause" }).click();
    await other.getByTestId("edit-notice").getByText("Clause 16.2 was saved.").waitFor();
    await photos.getByRole("button", { name: "Save clause" }).click();
    await photos.getByText("Not saved: someone else changed this draft").waitFor();
    await photos.getByText(/Someone else changed clause 16\.2 while you were editing it/).waitFor();
    assert.equal(await photos.getByLabel("Clause title").inputValue(), "Photos, videos and recordings");
    await assertAccessible(admin, "conflict");
    await shot(admin, "editor-conflict");
    await photos.getByRole("button", { name: "Load the latest version" }).click();
    await photos.getByRole("button", { name: "Save clause" }).click();
    await notice.getByText("Clause 16.2 was saved.").waitFor();
    await admin.getByRole("heading", { name: /16\.2 Photos, videos and recordings/ }).waitFor();

    // Remove a clause that has a comment: asked first; the comment is kept as "clause removed".
    const staffClause = admin.getByTestId("clause-not-identifying-staff");
    await staffClause.getByText("Comment on 16.1", { exact: true }).click();
    await staffClause.getByLabel(/Your comment on 16\.1/).fill("Should this say nicknames too?");
    await staffClause.getByRole("button", { name: "Add comment" }).click();
    await staffClause.getByText("Should this say nicknames too?").waitFor();
    await staffClause.getByRole("button", { name: "Remove 16.1 Please do not identify staff" }).click();
    const confirm = admin.getByRole("alertdialog", {
      name: /Remove clause 16\.1 Please do not identify staff/,
    });
    await confirm.getByText(/It has 1 consultation comment\. It is kept/).waitFor();
    await assertAccessible(admin, "confirm removal");
    await shot(admin, "editor-confirm-remove");
    await confirm.getByRole("button", { name: "Yes, remove it" }).click();
    await notice.getByText(/was removed\. Its comments are kept/).waitFor();
    await admin
      .getByTestId("orphan-comments")
      .getByText(/16\.1 Please do not identify staff \(clause removed\)/)
      .waitFor();
    assert.equal(await admin.getByTestId("clause-not-identifying-staff").count(), 0);

    // Add and remove a section.
    await admin.getByRole("button", { name: "Add a section" }).click();
    form = admin.getByRole("form", { name: "New section" });
    await form.getByLabel("Section title").fill("Seasonal campaigns");
    await form.getByLabel("Clause title").fill("Campaign posts");
    await form.getByLabel("Clause text").fill("Campaign posts come from NHS campaign resources.");
    await form.getByRole("button", { name: "Add section" }).click();
    await notice.getByText("Section 19 “Seasonal campaigns” was added.").waitFor();
    await admin.getByRole("button", { name: "Remove section 19 Seasonal campaigns" }).click();
    await admin.getByRole("alertdialog").getByRole("button", { name: "Yes, remove it" }).click();
    await notice.getByText("Section 19 “Seasonal campaigns” was removed.").waitFor();
    await shot(admin, "editor-overview");

    // Consultation, approval, publication.
    await admin.getByRole("button", { name: "Send for consultation" }).click();
    await admin.getByText("Out for consultation").first().waitFor();
    const approver = await as("approver");
    await approver.goto(versionUrl);
    await approver.getByRole("button", { name: "Approve this version" }).click();
    await approver.getByText("Approved.").waitFor();
    await admin.reload();
    await admin.getByRole("button", { name: "Publish version 1.0" }).click();
    await admin.getByText("Published.").waitFor();
    assert.equal(
      await admin.getByRole("button", { name: /^Move up/ }).count(),
      0,
      "no editing after publication",
    );

    // Patients see the hot topic while it is in force, and not after its end date.
    const visitor = await newWatchedPage(browser, server.url);
    pages.push(visitor);
    await visitor.page.goto(`/p/${practice.slug}/social-media-policy`);
    // Patients read the clauses numbered consecutively (1.1, 1.2…), not by the staff numbers.
    await visitor.page.getByRole("heading", { name: /^\d+\.\d+ Pandemic misinformation$/ }).waitFor();
    await visitor.page.getByRole("heading", { name: /^\d+\.\d+ Filming in the practice$/ }).waitFor();
    assert.equal(await visitor.page.getByText("Please do not identify staff").count(), 0);
    await assertAccessible(visitor.page, "public page with a hot topic");
    const realNow = server.ctx.now;
    server.ctx.now = () => new Date(Date.now() + 11 * DAY);
    try {
      await visitor.page.reload();
      await visitor.page.getByRole("heading", { name: /^\d+\.\d+ Filming in the practice$/ }).waitFor();
      assert.equal(await visitor.page.getByText("Pandemic misinformation").count(), 0);
    } finally {
      server.ctx.now = realNow;
    }

    for (const w of pages) assertNoPageProblems(w);
  });
});
