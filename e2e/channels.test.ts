// The channels page as the practice manager meets it: the website channel is there, Bluesky asks for a handle
// and app password (a malformed one is refused beside its field), and the practice's own app details are kept,
// the secret never shown again. A receptionist is told plainly the page is not for their role.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { startServer, type TestServer } from "./support/server";
import { assertNoPageProblems, launchBrowser, newWatchedPage, signIn } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { ensureDemo } from "../src/app/demo/ensure-demo";
import { deactivateMember } from "../src/app/members/members";

const DEMO_PASSWORD = "demo-password-1";

describe("the channels page", () => {
  let server: TestServer;
  let browser: Browser;
  let path = "";
  before(async () => {
    server = await startServer();
    await ensureDemo(server.ctx, DEMO_PASSWORD, () => {});
    browser = await launchBrowser();
    const riverside = await server.ctx.db
      .selectFrom("practices")
      .select("id")
      .where("slug", "=", "riverside")
      .executeTakeFirstOrThrow();
    path = `/practice/${riverside.id}/channels`;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("lets the manager connect Bluesky and enter app details, refusing bad input beside its field", async () => {
    const w = await newWatchedPage(browser, server.url);
    await signIn(w.page, "manager@riverside.example", DEMO_PASSWORD);
    await w.page.getByRole("link", { name: "Channels" }).first().click();
    await w.page.getByRole("heading", { level: 1, name: "Channels" }).waitFor();
    assert.equal(new URL(w.page.url()).pathname, path);
    await w.page.getByRole("heading", { name: /Practice website/ }).waitFor();

    await w.page.getByLabel("The account's handle").fill("riverside-surgery.bsky.social");
    await w.page.getByLabel("App password", { exact: true }).fill("my-own-password");
    await w.page.getByRole("button", { name: "Connect Bluesky" }).click();
    await w.page.getByText("There is a problem").first().waitFor();
    await w.page
      .getByText(/Enter an app password from Bluesky/)
      .first()
      .waitFor();

    await w.page.getByLabel("Client id (app id)").nth(1).fill("x-client-123");
    await w.page.getByRole("button", { name: "Save X details" }).click();
    await w.page.getByText("X app details saved.").waitFor();
    await w.page.reload();
    await w.page.getByRole("heading", { level: 1, name: "Channels" }).waitFor();
    const xCard = w.page.locator("form", { has: w.page.getByRole("heading", { name: "X", exact: true }) });
    await xCard.getByText("Entered here; no secret kept yet.").waitFor();
    assert.equal(await xCard.getByLabel("Client id (app id)").inputValue(), "x-client-123");
    await assertAccessible(w.page);
    assertNoPageProblems(w);
    await w.context.close();
  });

  it("asks the manager to change a channel's password when a member with access leaves", async () => {
    const { db } = server.ctx;
    const practice = await db
      .selectFrom("practices")
      .select("id")
      .where("slug", "=", "riverside")
      .executeTakeFirstOrThrow();
    const user = (email: string) =>
      db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const manager = await user("manager@riverside.example");
    const leaver = await user("staffrep@riverside.example");
    const now = server.ctx.now();
    await db
      .insertInto("channels")
      .values({
        practice_id: practice.id,
        kind: "facebook",
        name: "Facebook: Riverside Surgery",
        status: "connected",
        footer: null,
        max_chars: null,
        security: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const w = await newWatchedPage(browser, server.url);
    await signIn(w.page, "manager@riverside.example", DEMO_PASSWORD);
    await w.page.goto(path);
    const card = w.page.locator("section", {
      has: w.page.getByRole("heading", { name: /Facebook: Riverside Surgery/ }),
    });
    await card.getByLabel("Maria Lopes").check();
    await card.getByLabel("Jess Wilde").check();
    await card.getByRole("button", { name: "Save Facebook: Riverside Surgery" }).click();
    await card.getByText("Facebook: Riverside Surgery settings saved.").waitFor();

    await deactivateMember(server.ctx, practice.id, leaver.id, manager.id);
    await w.page.goto(`/practice/${practice.id}`);
    await w.page
      .getByRole("link", {
        name: /Change the password of Facebook: Riverside Surgery and remove Maria Lopes's access/,
      })
      .click();
    await w.page.getByText("Someone who left can still sign in").waitFor();
    await assertAccessible(w.page);
    await card.getByRole("button", { name: "Password changed and Maria Lopes's access removed" }).click();
    await w.page.getByText("Someone who left can still sign in").waitFor({ state: "detached" });
    assert.equal(await card.getByLabel("Maria Lopes").count(), 0, "someone who left is no longer offered");
    assert.ok(await card.getByLabel("Jess Wilde").isChecked());
    assertNoPageProblems(w);
    await w.context.close();
  });

  it("a connection refused by the platform comes back with its reason", async () => {
    const w = await newWatchedPage(browser, server.url);
    await signIn(w.page, "manager@riverside.example", DEMO_PASSWORD);
    await w.page.goto(`${path}?connect=declined`);
    await w.page.getByText(/The platform did not give safepost access/).waitFor();
    await w.context.close();
  });

  it("tells a receptionist the page is not for their role", async () => {
    const w = await newWatchedPage(browser, server.url);
    await signIn(w.page, "reception@riverside.example", DEMO_PASSWORD);
    assert.equal(
      await w.page.getByRole("link", { name: "Channels" }).count(),
      0,
      "no Channels link for staff",
    );
    await w.page.goto(path);
    await w.page.getByText("Not available to your role").waitFor();
    await w.context.close();
  });
});
