import { existsSync } from "node:fs";
import assert from "node:assert/strict";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Launches Debian's Chromium, headless. One browser per test file; contexts per user. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `e2e: ${CHROMIUM} is missing. The browser tests drive Debian's Chromium: install it with "apt-get install -y chromium" (never "npx playwright install"), or skip them with "npm test -- --no-e2e".`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Script errors and Content-Security-Policy violations seen so far. */
  problems: string[];
}

/**
 * A fresh browser context (its own cookies: one signed-in person) with one page, watched for script errors
 * and CSP violations, which a test should treat as failures (assertNoPageProblems).
 */
export async function newWatchedPage(browser: Browser, baseURL: string): Promise<Watched> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 900 },
    locale: "en-GB",
    timezoneId: "Europe/London",
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (err) => problems.push(`script error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy/i.test(msg.text()))
      problems.push(`CSP: ${msg.text()}`);
  });
  return { context, page, problems };
}

export function assertNoPageProblems(watched: Watched): void {
  assert.deepEqual(watched.problems, [], "the page had script errors or CSP violations");
}

/** Signs in through the sign-in form, as a person would. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}
