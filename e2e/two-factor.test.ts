import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { generate } from "otplib";
import { startServer, type TestServer } from "./support/server";
import { assertNoPageProblems, launchBrowser, newWatchedPage } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { PASSWORD } from "./support/seed";
import { createPractice } from "../src/app/practices/create-practice";
import { addMembership, createUser } from "../src/app/users/create-user";
import type { Role } from "../src/core/roles";

/** A practice with the default rule (admins, approvers and posters need two-step sign-in). */
async function seedStrictPractice(server: TestServer, roles: Role[]) {
  const tag = randomBytes(4).toString("hex");
  const practice = await createPractice(server.ctx.db, { slug: `strict-${tag}`, name: "Strict Surgery" });
  const email = `${roles[0]}-${tag}@surgery.example`;
  const user = await createUser(server.ctx.db, { email, name: "Pat Manager", password: PASSWORD });
  await addMembership(server.ctx.db, practice.id, user.id, roles);
  return { practice, email };
}

async function signInWithPassword(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/sign-in\/two-step/);
}

describe("two-step sign-in in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  before(async () => {
    server = await startServer();
    // Browsers refuse passkeys on a bare IP address; the relying party is the host of the base address.
    base = server.url.replace("127.0.0.1", "localhost");
    server.ctx.baseUrl = base;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("an admin sets up a passkey at first sign-in, saves recovery codes, and signs in with it next time", async () => {
    const { practice, email } = await seedStrictPractice(server, ["admin", "staff"]);
    const w = await newWatchedPage(browser, base);
    const { page, context } = w;
    const cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });

    await signInWithPassword(page, email);
    await page.getByRole("heading", { level: 1, name: "Set up two-step sign-in" }).waitFor();
    await assertAccessible(page, "setting up two-step sign-in");
    await page.getByRole("button", { name: "Set up a passkey" }).click();
    await page.getByRole("heading", { name: "Save your recovery codes" }).waitFor();
    const codes = await page.getByTestId("recovery-codes").locator("li").allTextContents();
    assert.equal(codes.length, 10);
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    assert.equal(credentials.length, 1, "the virtual authenticator holds the new passkey");
    await page.getByRole("button", { name: "I have saved my codes – continue" }).click();
    await page.waitForURL(new RegExp(`/practice/${practice.id}`));

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);
    await signInWithPassword(page, email);
    await page.getByRole("heading", { level: 1, name: "Two-step sign-in" }).waitFor();
    await page.getByRole("button", { name: "Use a passkey" }).click();
    await page.waitForURL(new RegExp(`/practice/${practice.id}`));
    const after = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    assert.ok(after.credentials[0]!.signCount >= 1, "the passkey signed the sign-in");

    // The account page lists it; with the passkey as the only factor an admin cannot remove it.
    await page.getByRole("link", { name: "Two-step sign-in" }).click();
    await page.getByRole("heading", { level: 1, name: "Two-step sign-in" }).waitFor();
    await page.getByRole("cell", { name: "Passkey", exact: true }).waitFor();
    await page.getByText("You have 10 unused recovery codes.").waitFor();
    await page.getByRole("button", { name: "Remove Passkey" }).click();
    await page
      .getByText(/cannot remove your only way/)
      .first()
      .waitFor();
    await assertAccessible(page, "account two-step sign-in");
    assertNoPageProblems(w);
    await context.close();
  });

  it("a poster sets up an authenticator app from its QR code page, then needs a code to sign in", async () => {
    const { email } = await seedStrictPractice(server, ["poster", "staff"]);
    const w = await newWatchedPage(browser, base);
    const { page, context } = w;
    await signInWithPassword(page, email);
    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    await page.getByRole("img", { name: /QR code/ }).waitFor();
    await page.getByText("I cannot scan the code").click();
    const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
    await page.getByLabel("Code from the app").fill("000000");
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await page.getByLabel("Code from the app").fill(await generate({ secret }));
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByRole("heading", { name: "Save your recovery codes" }).waitFor();
    const codes = await page.getByTestId("recovery-codes").locator("li").allTextContents();
    await page.getByRole("button", { name: "I have saved my codes – continue" }).click();
    await page.waitForURL(/\/practice\//);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);

    // Next time: a recovery code works once (the app's code of this 30 seconds was used already).
    await signInWithPassword(page, email);
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(codes[0]!);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(/\/practice\//);
    assertNoPageProblems(w);
    await context.close();
  });
});
