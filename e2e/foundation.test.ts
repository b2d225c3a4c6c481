import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { ensureDemo, DEMO_USERS } from "../src/app/demo/ensure-demo";
import { startServer, type TestServer } from "./support/server";
import { runDueJobs } from "../src/jobs/runner";
import { assertNoPageProblems, launchBrowser, newWatchedPage, signIn } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { newEmail, seedPractice } from "./support/seed";
import { visibleNavItems } from "../src/web/nav";

const DEMO_PASSWORD = "demo-password-e2e";

describe("foundation in the browser", () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    await ensureDemo(server.ctx, DEMO_PASSWORD, () => {});
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("the demo admin invites a member who joins, then deactivates them, and the audit log shows it all, verified", async () => {
    const manager = DEMO_USERS[0]!;
    const admin = await newWatchedPage(browser, server.url);
    const { page } = admin;

    // Sign in: one practice, so straight to its home page.
    await page.goto("/");
    await page.waitForURL(/\/sign-in/);
    await assertAccessible(page, "sign in");
    await signIn(page, manager.email, DEMO_PASSWORD);
    await page.waitForURL(/\/practice\/[0-9a-f-]+$/);
    await page.getByRole("heading", { level: 1, name: `Welcome, ${manager.name}` }).waitFor();
    assert.match(await page.getByTestId("current-practice").innerText(), /Riverside Surgery/);
    assert.equal(await page.title(), "Home – Riverside Surgery – safepost");
    await assertAccessible(page, "home");

    // Invite someone: the empty form first, to see the errors beside the fields and the summary take focus.
    const menu = page.getByRole("navigation", { name: "Menu" });
    await menu.getByRole("link", { name: "Staff" }).click();
    await page.getByRole("heading", { level: 1, name: "Staff" }).waitFor();
    await assertAccessible(page, "staff");
    await page.getByRole("link", { name: "Invite someone" }).click();
    await page.getByRole("heading", { level: 1, name: "Invite someone" }).waitFor();
    await assertAccessible(page, "invite form");
    await page.getByLabel("Full name").fill("");
    await page.getByRole("button", { name: "Send invitation" }).click();
    const summary = page.locator(".nhsuk-error-summary");
    await summary.waitFor();
    assert.equal(
      await summary.evaluate((el) => el === document.activeElement),
      true,
      "the error summary takes focus",
    );
    assert.match(await page.locator("#name-error").innerText(), /Enter the person's name/);
    assert.match(await page.locator("#email-error").innerText(), /Enter their email address/);
    await assertAccessible(page, "invite form with errors");

    const email = newEmail("sam");
    await page.getByLabel("Full name").fill("Sam Newman");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Approver (partner or senior clinician)").check();
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByText(`Invitation sent to ${email}.`).waitFor();
    await page.getByTestId("invites").getByText(email, { exact: true }).waitFor();
    await assertAccessible(page, "staff with a pending invitation");

    // Without a mail server the inviting admin is given the link for a new person, to pass on by hand.
    const inviteHref = await page.getByTestId("invite-link").locator("a").getAttribute("href");
    assert.ok(inviteHref, "the admin is shown the invitation link");
    assert.match(inviteHref, /\/invite\?token=/);
    assert.ok(inviteHref.startsWith(server.url), "the link points at this server");

    // The outbox says an invitation went out, and never shows its link.
    await menu.getByRole("link", { name: "Outbox" }).click();
    await page.getByRole("heading", { level: 1, name: "Outbox" }).waitFor();
    const mail = page.getByTestId("mail").filter({ hasText: email });
    await mail.getByText(`An invitation link was sent to ${email}.`).waitFor();
    assert.equal(await mail.locator('a[href*="token="]').count(), 0, "no link in the outbox");
    await assertAccessible(page, "outbox");

    // The new member accepts in a browser of their own and lands signed in.
    const member = await newWatchedPage(browser, server.url);
    await member.page.goto(inviteHref);
    await member.page
      .getByRole("heading", { level: 1, name: "Join Riverside Surgery on safepost" })
      .waitFor();
    await member.page.getByText("Approver (partner or senior clinician)").waitFor();
    await assertAccessible(member.page, "accept invitation");
    assert.equal(await member.page.getByLabel("Your full name").inputValue(), "Sam Newman");
    await member.page.getByLabel("Choose a password").fill("a long new password");
    await member.page.getByLabel("Type the password again").fill("a long new password");
    await member.page.getByRole("button", { name: "Create account and join" }).click();
    await member.page.getByRole("heading", { level: 1, name: "Welcome, Sam Newman" }).waitFor();
    assert.match(member.page.url(), /\/practice\/[0-9a-f-]+$/);
    const memberMenu = member.page.getByRole("navigation", { name: "Menu" });
    assert.equal(
      await memberMenu.getByRole("link", { name: "Audit log" }).count(),
      0,
      "no admin links for a non-admin",
    );
    await assertAccessible(member.page, "member home");

    // The admin deactivates them, with a confirmation step.
    await menu.getByRole("link", { name: "Staff" }).click();
    const row = page.getByTestId(`member-${email}`);
    await row.getByText("Active").waitFor();
    await row.getByRole("link", { name: "Manage Sam Newman" }).click();
    await page.getByRole("heading", { level: 1, name: "Sam Newman" }).waitFor();
    await assertAccessible(page, "member");
    await page.getByRole("button", { name: "Deactivate Sam Newman" }).click();
    await page.getByTestId("confirm-deactivate").waitFor();
    await assertAccessible(page, "confirm deactivation");
    // Keyboard: focus has moved to the question; Tab reaches the confirming button and Enter presses it.
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent?.trim()),
      "Deactivate Sam Newman?",
    );
    await page.keyboard.press("Tab");
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent?.trim()),
      "Yes, deactivate Sam Newman",
    );
    await page.keyboard.press("Enter");
    await page.getByText("Sam Newman was deactivated and signed out.").waitFor();

    // Their session has ended: the next navigation sends them to sign in, and signing in is refused.
    await memberMenu.getByRole("link", { name: "Staff" }).click();
    await member.page.waitForURL(/\/sign-in\?next=/);
    await member.page.getByRole("heading", { level: 1, name: "Sign in to safepost" }).waitFor();
    await member.page.getByLabel("Email address").fill(email);
    await member.page.getByLabel("Password", { exact: true }).fill("a long new password");
    await member.page.getByRole("button", { name: "Sign in" }).click();
    await member.page
      .locator(".nhsuk-error-summary")
      .getByText(/deactivated/)
      .waitFor();
    await assertAccessible(member.page, "sign in refused");

    // The audit log: every step recorded, the chain verified, exportable.
    await menu.getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
    await page.getByRole("button", { name: "Verify now" }).click();
    await page.getByTestId("chain-ok").waitFor();
    const actions = await page
      .getByTestId("audit-entries")
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
    for (const action of ["auth.signed-in", "member.invited", "member.joined", "member.deactivated"]) {
      assert.ok(actions.includes(action), `the audit log shows ${action} (saw ${actions.join(", ")})`);
    }
    await assertAccessible(page, "audit log");
    const csvHref = await page
      .getByRole("link", { name: "Download the audit log (CSV)" })
      .getAttribute("href");
    const csv = await page.request.get(csvHref!);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()["content-type"] ?? "", /text\/csv/);
    assert.match(await csv.text(), /member\.deactivated/);

    assertNoPageProblems(admin);
    assertNoPageProblems(member);
    await member.context.close();
    await admin.context.close();
  });

  it("a staff member sees no admin pages, and wrong sign-in details are shown beside the form", async () => {
    const practice = await seedPractice(server.ctx, [
      { name: "Ann Admin", roles: ["admin"] },
      { name: "Rob Reception", roles: ["staff"] },
    ]);
    const staff = practice.user("staff");
    const w = await newWatchedPage(browser, server.url);
    const { page } = w;

    await page.goto("/sign-in");
    // The first Tab reaches the skip link, which moves focus to the main content.
    await page.getByRole("heading", { level: 1, name: "Sign in to safepost" }).waitFor();
    await page.keyboard.press("Tab");
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent?.trim()),
      "Skip to main content",
    );
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "maincontent");
    await page.getByLabel("Email address").fill(staff.email);
    await page.getByLabel("Password", { exact: true }).fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const summary = page.locator(".nhsuk-error-summary");
    await summary.waitFor();
    assert.equal(
      await summary.evaluate((el) => el === document.activeElement),
      true,
      "the error summary takes focus",
    );
    await assertAccessible(page, "sign in with wrong details");

    await signIn(page, staff.email, staff.password);
    await page.getByRole("heading", { level: 1, name: "Welcome, Rob Reception" }).waitFor();
    const menu = page.getByRole("navigation", { name: "Menu" });
    const links = await menu.getByRole("link").allInnerTexts();
    assert.deepEqual(
      links,
      visibleNavItems([
        "view",
        "view-settings",
        "view-staff",
        "use-checker",
        "report-concern",
        "view-incidents",
        "use-my-accounts",
      ]).map((i) => i.label),
    );
    assert.ok(
      links.includes("Staff") && !links.includes("Outbox") && !links.includes("Audit log"),
      `menu: ${links.join(", ")}`,
    );

    await menu.getByRole("link", { name: "Staff" }).click();
    await page.getByTestId(`member-${staff.email}`).waitFor();
    assert.equal(await page.getByRole("link", { name: "Invite someone" }).count(), 0);
    await assertAccessible(page, "staff as a staff member");

    await page.goto(`/practice/${practice.id}/audit`);
    await page.getByRole("heading", { level: 1, name: "Not available to your role" }).waitFor();

    // Another practice's id is simply not found.
    await page.goto("/practice/00000000-0000-4000-8000-000000000000");
    await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
    await assertAccessible(page, "not found");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByText("You have signed out.").waitFor();
    await page.goto(`/practice/${practice.id}`);
    await page.getByText("Please sign in to continue.").waitFor();
    assert.match(page.url(), /\/sign-in\?next=%2Fpractice%2F/);

    assertNoPageProblems(w);
    await w.context.close();
  });

  it("a person who forgot their password resets it from the emailed link, once", async () => {
    const practice = await seedPractice(server.ctx, [{ name: "Fay Forgetful", roles: ["staff"] }]);
    const fay = practice.user("staff");
    const w = await newWatchedPage(browser, server.url);
    const { page } = w;

    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgotten your password?" }).click();
    await page.getByRole("heading", { level: 1, name: "Reset your password" }).waitFor();
    await assertAccessible(page, "forgot password");
    await page.getByLabel("Email address").fill(fay.email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByRole("heading", { level: 1, name: "Check your email" }).waitFor();

    // The reset mail is sent by a job; then it is read from Fay's own mailbox (the outbox never holds the link).
    await runDueJobs(server.ctx);
    const mail = server.mailbox.findLast((m) => m.to === fay.email);
    const link = /https?:\/\/\S+\/reset-password\?token=\S+/.exec(mail?.text ?? "")?.[0];
    assert.ok(link, "the mail carries a reset link");

    await page.goto(link);
    await page.getByRole("heading", { level: 1, name: "Choose a new password" }).waitFor();
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Change password" }).click();
    assert.match(await page.locator("#password-error").innerText(), /at least 10 characters/);
    await assertAccessible(page, "reset password with an error");
    await page.getByLabel("New password", { exact: true }).fill("a brand new password");
    await page.getByLabel("Type the new password again").fill("a brand new password");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Your password has been changed.").waitFor();
    await signIn(page, fay.email, "a brand new password");
    await page.getByRole("heading", { level: 1, name: "Welcome, Fay Forgetful" }).waitFor();

    // The link works once.
    await page.goto(link);
    await page.getByLabel("New password", { exact: true }).fill("yet another password");
    await page.getByLabel("Type the new password again").fill("yet another password");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByRole("heading", { level: 1, name: "This link has expired" }).waitFor();

    assertNoPageProblems(w);
    await w.context.close();
  });

  it("an admin changes a member's roles, and is told plainly when a change would leave no admin", async () => {
    const practice = await seedPractice(server.ctx, [
      { name: "Ann Admin", roles: ["admin"] },
      { name: "Rob Reception", roles: ["staff"] },
    ]);
    const ann = practice.user("admin");
    const rob = practice.user("staff");
    const w = await newWatchedPage(browser, server.url);
    const { page } = w;
    await signIn(page, ann.email, ann.password);

    await page.goto(`/practice/${practice.id}/staff/${rob.id}`);
    await page.getByRole("heading", { level: 1, name: "Rob Reception" }).waitFor();
    await page.getByLabel("Approver (partner or senior clinician)").check();
    await page.getByRole("button", { name: "Save roles" }).click();
    await page.getByText("Roles saved for Rob Reception.").waitFor();
    await page.getByRole("link", { name: "Back to staff" }).click();
    assert.match(await page.getByTestId(`member-${rob.email}`).innerText(), /Approver/);

    await page.goto(`/practice/${practice.id}/staff/${ann.id}`);
    await page.getByRole("heading", { level: 1, name: "Ann Admin" }).waitFor();
    await page.getByLabel("Practice manager (admin)").uncheck();
    await page.getByLabel("Staff member").check();
    await page.getByRole("button", { name: "Save roles" }).click();
    const summary = page.locator(".nhsuk-error-summary");
    await summary.waitFor();
    assert.match(await summary.innerText(), /admin/i);
    await assertAccessible(page, "roles conflict");

    assertNoPageProblems(w);
    await w.context.close();
  });
});
