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
  /** Script errors, Content-Security-Policy violations and requests that left the machine, seen so far. */
  problems: string[];
  /** Every request any page of the context made (address only), in order. */
  requests: string[];
}

/** True for an address on this machine (or one that needs no network: data:, blob:, about:). */
export function isOnThisMachine(address: string): boolean {
  const url = new URL(address);
  if (!/^(https?|wss?):$/.test(url.protocol)) return true;
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
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
  // Generous: a wait only runs this long when something is wrong, and a machine shared with other work (CI runs
  // beside other sessions' tests) can take over ten seconds to load a page's checker under a load of 18.
  context.setDefaultTimeout(20_000);
  const problems: string[] = [];
  const requests: string[] = [];
  // Nothing may leave the machine: record every request of every page, and stop any that would leave.
  context.on("request", (req) => {
    requests.push(req.url());
    if (!isOnThisMachine(req.url())) problems.push(`request off the machine: ${req.url()}`);
  });
  await context.route(
    (url) => !isOnThisMachine(url.href),
    (route) => route.abort("blockedbyclient"),
  );
  const page = await context.newPage();
  page.on("pageerror", (err) => problems.push(`script error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy/i.test(msg.text()))
      problems.push(`CSP: ${msg.text()}`);
  });
  return { context, page, problems, requests };
}

export function assertNoPageProblems(watched: Watched): void {
  assert.deepEqual(
    watched.problems,
    [],
    "the page had script errors, CSP violations or requests off the machine",
  );
}

/** Signs in through the sign-in form, as a person would. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}
