// The Oversight page in the browser: the practice manager of the demo sees open cases with their breach clock,
// a post awaiting approval and the checker's counts this month, can stop and restart the counts, and each part
// links to its own page; a receptionist has no Oversight link and is told plainly the page is not for their role.
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { startServer, type TestServer } from "./support/server";
import { assertNoPageProblems, launchBrowser, newWatchedPage, signIn } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { ensureDemo } from "../src/app/demo/ensure-demo";

const DEMO_PASSWORD = "demo-password-1";

describe("the Oversight page", () => {
  let server: TestServer;
  let browser: Browser;
  let base = "";
  before(async () => {
    server = await startServer();
    await ensureDemo(server.ctx, DEMO_PASSWORD, () => {});
    browser = await launchBrowser();
    const riverside = await server.ctx.db
      .selectFrom("practices")
      .select("id")
      .where("slug", "=", "riverside")
      .executeTakeFirstOrThrow();
    base = `/practice/${riverside.id}`;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("the manager sees what is open and due, and turns the checker's counts off and on", async () => {
    const w = await newWatchedPage(browser, server.url);
    await signIn(w.page, "manager@riverside.example", DEMO_PASSWORD);
    await w.page.getByRole("link", { name: "Oversight" }).first().click();
    await w.page.getByRole("heading", { level: 1, name: "Oversight" }).waitFor();
    await w.page.getByRole("link", { name: /Needs attention: Incidents/ }).waitFor();
    await w.page
      .getByText(/hours left \(due/)
      .first()
      .waitFor();
    await w.page
      .getByRole("link", { name: /A post by / })
      .first()
      .waitFor();
    await w.page.getByRole("rowheader", { name: "Checks made" }).waitFor();
    await assertAccessible(w.page);
    await w.page.getByRole("button", { name: "Stop counting and delete the counts" }).click();
    await w.page.getByRole("button", { name: "Keep monthly counts" }).click();
    await w.page.getByRole("rowheader", { name: "Checks made" }).waitFor();
    await w.page.getByRole("link", { name: /Acknowledgements/ }).click();
    await w.page.waitForURL(/policy\/acknowledgements$/);
    assertNoPageProblems(w);
    await w.context.close();
  });

  it("a receptionist has no Oversight link and is told the page is not for their role", async () => {
    const w = await newWatchedPage(browser, server.url);
    await signIn(w.page, "reception@riverside.example", DEMO_PASSWORD);
    await w.page.getByRole("link", { name: "Check a post" }).first().waitFor();
    if ((await w.page.getByRole("link", { name: "Oversight" }).count()) !== 0)
      throw new Error("a receptionist should not see the Oversight link");
    await w.page.goto(`${server.url}${base}/oversight`);
    await w.page
      .getByText(/not available|Not available/)
      .first()
      .waitFor();
    await w.context.close();
  });
});
