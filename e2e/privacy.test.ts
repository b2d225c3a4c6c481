import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { startServer, type TestServer } from "./support/server";
import { assertNoPageProblems, launchBrowser, newWatchedPage, signIn } from "./support/browser";
import { ensureDemo } from "../src/app/demo/ensure-demo";

const DEMO_PASSWORD = "demo-password-1";

describe("nothing leaves the machine", () => {
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

  it("the recorder notices a request off the machine (and stops it)", async () => {
    const w = await newWatchedPage(browser, server.url);
    // about:blank has no CSP of ours, so only the recorder stands between this image and the internet.
    await w.page.setContent('<img src="https://assets.nhs.uk/fonts/FrutigerLTW01-55Roman.woff2">');
    await w.page.waitForTimeout(200);
    assert.deepEqual(w.problems, [
      "request off the machine: https://assets.nhs.uk/fonts/FrutigerLTW01-55Roman.woff2",
    ]);
    await w.context.close();
  });

  it("the public page, its embed and every page of the app load everything from this server", async () => {
    const visitor = await newWatchedPage(browser, server.url);
    for (const path of ["/p/riverside/social-media-policy", "/p/riverside/social-media-policy/embed"]) {
      await visitor.page.goto(path);
      await visitor.page.getByText("Riverside Surgery").first().waitFor();
    }
    await visitor.page.goto("/sign-in");
    await visitor.page.getByRole("button", { name: "Sign in" }).waitFor();
    assertNoPageProblems(visitor);
    assert.ok(
      visitor.requests.some((r) => r.endsWith(".css")),
      "the recorder saw the stylesheets",
    );
    await visitor.context.close();

    const admin = await newWatchedPage(browser, server.url);
    await signIn(admin.page, "manager@riverside.example", DEMO_PASSWORD);
    const riverside = await server.ctx.db
      .selectFrom("practices")
      .select("id")
      .where("slug", "=", "riverside")
      .executeTakeFirstOrThrow();
    const practicePath = `/practice/${riverside.id}`;
    for (const rest of ["", "/check", "/policy", "/staff", "/audit", "/settings", "/outbox"]) {
      await admin.page.goto(`${practicePath}${rest}`);
      await admin.page.getByRole("heading", { level: 1 }).first().waitFor();
    }
    assertNoPageProblems(admin);
    assert.ok(admin.requests.length > 10, `the recorder saw the app's requests (${admin.requests.length})`);
    await admin.context.close();
  });
});
