// Takes a screenshot of every page into docs/screenshots/ (not part of npm test):
//   node --import tsx e2e/screenshots.ts
import { mkdirSync } from "node:fs";
import { sql } from "kysely";
import type { Page } from "playwright-core";
import { DEMO_USERS, ensureDemo } from "../src/app/demo/ensure-demo";
import { createPractice } from "../src/app/practices/create-practice";
import { addMembership } from "../src/app/users/create-user";
import { launchBrowser, newWatchedPage, signIn } from "./support/browser";
import { startServer } from "./support/server";

const OUT = "docs/screenshots";
const PASSWORD = "demo-password-1";

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
  console.log(`${OUT}/${name}.png`);
}

mkdirSync(OUT, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
try {
  await ensureDemo(server.ctx, PASSWORD, () => {});
  const manager = DEMO_USERS[0]!;
  const { page } = await newWatchedPage(browser, server.url);

  await page.goto("/sign-in");
  await shot(page, "01-sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator(".nhsuk-error-summary").waitFor();
  await shot(page, "02-sign-in-errors");
  await page.goto("/forgot-password");
  await shot(page, "03-forgot-password");
  await page.goto("/reset-password?token=example-token-1234");
  await shot(page, "04-reset-password");

  await signIn(page, manager.email, PASSWORD);
  await page.getByRole("heading", { level: 1 }).waitFor();
  await shot(page, "05-home-admin");

  const practicePath = new URL(page.url()).pathname;
  await page.goto(`${practicePath}/staff/invite`);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await page.locator(".nhsuk-error-summary").waitFor();
  await shot(page, "06-invite-errors");
  await page.getByLabel("Full name").fill("Sam Newman");
  await page.getByLabel("Email address").fill("sam.newman@riverside.example");
  await page.getByLabel("Approver (partner or senior clinician)").check();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await page.getByText("Invitation sent").waitFor();
  await shot(page, "07-staff-admin");
  const inviteHref = await page.getByTestId("invite-link").locator("a").getAttribute("href");

  await page.goto(`${practicePath}/outbox`);
  await page.getByTestId("mail").first().waitFor();
  await shot(page, "08-outbox");

  const member = await newWatchedPage(browser, server.url);
  await member.page.goto(inviteHref!);
  await member.page.getByRole("heading", { level: 1 }).waitFor();
  await shot(member.page, "09-accept-invite");
  await member.page.getByLabel("Choose a password").fill("a long new password");
  await member.page.getByLabel("Type the password again").fill("a long new password");
  await member.page.getByRole("button", { name: "Create account and join" }).click();
  await member.page.getByRole("heading", { level: 1, name: /Welcome/ }).waitFor();
  await shot(member.page, "10-home-member");
  await member.page.goto(`${practicePath}/staff`);
  await member.page.getByTestId("members").waitFor();
  await shot(member.page, "11-staff-member-view");

  await page.goto(`${practicePath}/staff`);
  await page.getByRole("link", { name: "Manage Sam Newman" }).click();
  await page.getByRole("button", { name: "Deactivate Sam Newman" }).click();
  await page.getByTestId("confirm-deactivate").waitFor();
  await shot(page, "12-member-confirm-deactivate");
  await page.getByRole("button", { name: "Yes, deactivate Sam Newman" }).click();
  await page.getByText("was deactivated and signed out").waitFor();
  await shot(page, "13-member-deactivated");

  await page.goto(`${practicePath}/audit`);
  await page.getByRole("button", { name: "Verify now" }).click();
  await page.getByTestId("chain-ok").waitFor();
  await shot(page, "14-audit");

  // A practice manager in two practices sees the switcher.
  const second = await createPractice(server.ctx.db, {
    slug: "millbrook",
    name: "Millbrook Medical Centre",
    twoFactor: "off",
  });
  const managerRow = await server.ctx.db
    .selectFrom("users")
    .select("id")
    .where("email", "=", manager.email)
    .executeTakeFirstOrThrow();
  await addMembership(server.ctx.db, second.id, managerRow.id, ["staff"]);
  await page.goto("/practices");
  await page.getByRole("heading", { level: 1, name: "Your practices" }).waitFor();
  await shot(page, "15-practices");

  await page.goto("/practice/nope/somewhere");
  await shot(page, "16-not-found");

  // The checker, as a member types a risky post and a patient's comment.
  await page.goto(`${practicePath}/check`);
  await page
    .getByLabel("Your post or the comment")
    .fill(
      "Lovely to see Mrs Patel from Mill Lane again today, her leg ulcer is finally healing. 82 and still gardening!",
    );
  await page.getByTestId("check-result").getByRole("heading", { name: "Do not post" }).waitFor();
  await shot(page, "19-check-post");
  await page.getByLabel("A comment from the public").check();
  await page
    .getByLabel("Your post or the comment")
    .fill("Can I get my repeat prescription sent to the chemist on the high street please?");
  await page.getByTestId("check-result").getByText("Suggested reply:").waitFor();
  await shot(page, "20-check-comment");

  // The policy: the admin's overview, and the page patients read.
  await page.goto(`${practicePath}/policy`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  await shot(page, "21-policy");
  await page.goto("/p/riverside/social-media-policy");
  await shot(page, "22-public-policy");

  await page.goto(`${practicePath}/posts`);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await shot(page, "23-posts-calendar");
  const waiting = await server.ctx.db
    .selectFrom("posts")
    .select("id")
    .where("state", "=", "awaiting-approval")
    .executeTakeFirstOrThrow();
  await page.goto(`${practicePath}/posts/${waiting.id}`);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await shot(page, "24-post-awaiting-approval");
  await page.goto(`${practicePath}/channels`);
  await page.getByRole("heading", { level: 1, name: "Channels" }).waitFor();
  await shot(page, "25-channels");
  await page.goto("/p/riverside/news");
  await shot(page, "26-website-news");
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/p/riverside");
  await shot(page, "27-practice-page-mobile");
  await page.goto(practicePath);
  await page.getByRole("button", { name: "Menu" }).click();
  await shot(page, "28-header-menu-mobile");
  await page.setViewportSize({ width: 1280, height: 900 });

  // The inbox, one conversation, the oversight dashboard, the incident register and My accounts.
  await page.goto(`${practicePath}/inbox`);
  await page.getByTestId("conversations").waitFor();
  await shot(page, "29-inbox");
  await page.getByTestId("conversations").getByRole("link").first().click();
  await page.getByTestId("conversation-summary").waitFor();
  await shot(page, "30-inbox-conversation");
  await page.goto(`${practicePath}/oversight`);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await shot(page, "31-oversight");
  await page.goto(`${practicePath}/incidents`);
  await page.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
  await shot(page, "32-incidents");
  await page.goto(`${practicePath}/my-accounts`);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await shot(page, "33-my-accounts");

  // What the admin sees once someone edits an audit row behind safepost's back.
  // The second entry of the demo practice's own chain, edited behind the audit's back.
  const riverside = practicePath.split("/").pop()!;
  await sql`update audit_log set action = 'member.tampered' where chain = ${riverside} and chain_seq = 2`.execute(
    server.ctx.db,
  );
  await page.goto(`${practicePath}/audit`);
  await page.getByRole("button", { name: "Verify now" }).click();
  await page.getByTestId("chain-broken").waitFor();
  await shot(page, "17-audit-broken");

  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${practicePath}/staff`);
  await page.getByTestId("members").waitFor();
  await shot(page, "18-staff-mobile");
} finally {
  await browser.close();
  await server.close();
}
