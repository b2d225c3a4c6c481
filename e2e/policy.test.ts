import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { startServer, type TestServer } from "./support/server";
import { assertNoPageProblems, launchBrowser, newWatchedPage, signIn, type Watched } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { seedPractice, type SeededPractice } from "./support/seed";

describe("the policy in the browser", () => {
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
      { name: "Sam Reception", roles: ["staff"] },
      { name: "Rita Rep", roles: ["staff-rep", "staff"] },
    ]);
  });

  after(async () => {
    for (const w of pages) await w.context.close();
    await browser?.close();
    await server?.close();
  });

  const as = async (role: "admin" | "approver" | "staff" | "staff-rep"): Promise<Page> => {
    const w = await newWatchedPage(browser, server.url);
    pages.push(w);
    const user = role === "staff" ? practice.users[2]! : practice.user(role);
    await signIn(w.page, user.email, user.password);
    return w.page;
  };

  it("admin drafts from the template, staff comment, the rep agrees, a partner approves, staff acknowledge, patients see it", async () => {
    // The admin starts a draft from the template and edits a clause.
    const admin = await as("admin");
    await admin.goto(`/practice/${practice.id}/policy`);
    await admin.getByRole("heading", { level: 1, name: "Social media policy" }).waitFor();
    await assertAccessible(admin, "policy overview, nothing published");
    await admin.getByLabel("What changes, in a sentence").fill("First version from the template");
    await admin.getByRole("button", { name: "Start draft" }).click();
    await admin.getByRole("heading", { level: 1, name: /version 1\.0/ }).waitFor();
    const versionUrl = admin.url();
    await admin.getByRole("button", { name: "Edit 1.1" }).click();
    await admin
      .getByLabel("Clause text")
      .fill("We use social media to keep patients informed. Everyone here helps keep it safe.");
    await admin.getByRole("button", { name: "Save clause" }).click();
    await admin
      .getByTestId("clause-why-this-policy")
      .getByText("Everyone here helps keep it safe.")
      .waitFor();
    await admin.getByRole("button", { name: "Send for consultation" }).click();
    await admin.getByText("Out for consultation").first().waitFor();
    await assertAccessible(admin, "draft out for consultation");

    // A staff member comments on a clause.
    const staff = await as("staff");
    await staff.goto(versionUrl);
    const breaks = staff.getByTestId("clause-breaks-only");
    await breaks.getByText("Comment on 10.1", { exact: true }).click();
    await breaks
      .getByLabel(/Your comment on 10\.1/)
      .fill("Could we say which rooms count as away from patients?");
    await breaks.getByRole("button", { name: "Add comment" }).click();
    await breaks.getByText("Could we say which rooms count as away from patients?").waitFor();

    // The staff representative agrees.
    const rep = await as("staff-rep");
    await rep.goto(versionUrl);
    await rep.getByRole("button", { name: "Agree on behalf of staff" }).click();
    await rep
      .getByTestId("staff-rep-decisions")
      .getByText(/Agreed — Rita Rep/)
      .waitFor();

    // A partner approves (the admin, who made the last edit, is not offered approval at all).
    assert.equal(await admin.getByRole("button", { name: "Approve this version" }).count(), 0);
    const approver = await as("approver");
    await approver.goto(versionUrl);
    await approver.getByRole("button", { name: "Approve this version" }).click();
    await approver.getByText("Approved.").waitFor();

    // The admin publishes.
    await admin.reload();
    await admin.getByRole("button", { name: "Publish version 1.0" }).click();
    await admin.getByText("Published.").waitFor();

    // The staff member sees it on the home page and in "policies to read", and acknowledges it.
    await staff.goto(`/practice/${practice.id}`);
    await staff
      .getByTestId("policy-card")
      .getByText("You have a new version to read and acknowledge.")
      .waitFor();
    await staff.getByTestId("policy-card").getByRole("link", { name: "Social media policy" }).click();
    await staff.getByRole("heading", { level: 1, name: "Policies to read" }).waitFor();
    await assertAccessible(staff, "policies to read");
    await staff.getByRole("button", { name: "I have read and understood this policy" }).click();
    await staff.getByText(/You acknowledged the social media policy on/).waitFor();

    // The admin sees who has acknowledged.
    await admin.goto(`/practice/${practice.id}/policy/acknowledgements`);
    const table = admin.getByTestId("acknowledgements");
    await table
      .getByRole("row", { name: /Sam Reception/ })
      .getByText(/\(version 1\.0\)/)
      .waitFor();
    assert.match(await table.getByRole("row", { name: /Rita Rep/ }).innerText(), /Not yet/);
    await assertAccessible(admin, "acknowledgements");

    // Patients see the new version on the public page, without signing in.
    const visitor = await newWatchedPage(browser, server.url);
    pages.push(visitor);
    await visitor.page.goto(`/p/${practice.slug}/social-media-policy`);
    await visitor.page.getByRole("heading", { level: 1, name: "How we use social media" }).waitFor();
    assert.match(await visitor.page.locator("#policy-version").innerText(), /^Version 1\.0, published /);
    await visitor.page
      .getByText("Social media is not for appointments, prescriptions or medical questions")
      .waitFor();
    assert.equal(await visitor.page.locator("script").count(), 0);
    await assertAccessible(visitor.page, "public policy page");

    for (const w of pages) assertNoPageProblems(w);
  });
});
