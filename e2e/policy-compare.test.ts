import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { startServer, type TestServer } from "./support/server";
import { assertNoPageProblems, launchBrowser, newWatchedPage, signIn, type Watched } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { seedPractice, type SeededPractice } from "./support/seed";
import { publishPolicyVersion } from "./support/policy-versions";
import { acknowledgePolicy } from "../src/app/policy";

/** Every struck or inserted run starts and ends at a word boundary: no letters interleaved inside a word. */
async function assertWholeWords(page: Page): Promise<number> {
  const runs = await page.locator(".sp-diff").evaluateAll((paras) =>
    paras.flatMap((p) => {
      const parts = [...p.childNodes].map((n) => ({
        tag: (n as Element).tagName ?? "",
        // what a person reads: the visually hidden "[added: …]" labels left out
        text: [...(n.childNodes.length ? n.childNodes : [n])]
          .filter((c) => !(c as Element).classList?.contains("nhsuk-u-visually-hidden"))
          .map((c) => c.textContent ?? "")
          .join(""),
      }));
      // A struck run is read in the old wording (inserted runs skipped), an inserted one in the new.
      return parts.map((part, i) => {
        const other = part.tag === "INS" ? "DEL" : "INS";
        const prev = parts.slice(0, i).filter((x) => x.tag !== other);
        const next = parts.slice(i + 1).filter((x) => x.tag !== other);
        return {
          tag: part.tag,
          text: part.text,
          before: prev.at(-1)?.text.slice(-1) ?? "",
          after: next[0]?.text.slice(0, 1) ?? "",
        };
      });
    }),
  );
  const marked = runs.filter((r) => r.tag === "INS" || r.tag === "DEL");
  for (const r of marked) {
    const letter = /[A-Za-z]/;
    assert.ok(
      !(letter.test(r.before) && letter.test(r.text.slice(0, 1))),
      `"${r.text}" starts inside a word`,
    );
    assert.ok(!(letter.test(r.after) && letter.test(r.text.slice(-1))), `"${r.text}" ends inside a word`);
  }
  return marked.length;
}

describe("comparing versions in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let practice: SeededPractice;
  const pages: Watched[] = [];
  const reception = () => practice.users.find((u) => u.name === "Sam Reception")!;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    practice = await seedPractice(
      server.ctx,
      [
        { name: "Pat Manager", roles: ["admin", "staff"] },
        { name: "Dr Ada Partner", roles: ["approver", "staff"] },
        { name: "Sam Reception", roles: ["staff"] },
        { name: "Rita Rep", roles: ["staff-rep", "staff"] },
      ],
      "Brookside Surgery",
    );
    const v1 = await publishPolicyVersion(server.ctx, practice, "template", "major");
    // the receptionist read and acknowledged 1.0 before 2.0 came out
    await acknowledgePolicy(server.ctx, practice.id, v1, { userId: reception().id });
    await publishPolicyVersion(server.ctx, practice, v1, "major", (doc) => {
      const first = doc.sections[0]!.clauses[0]!;
      // touched up: a few words changed in a clause that names the practice through a placeholder
      first.text = first.text.replace("share news and health advice", "share local news and reliable advice");
      // rewritten: hardly a word kept
      doc.sections[1]!.clauses[0]!.text =
        "Only the posting group speaks for the practice online; everyone else leaves replies to them.";
    });
  });

  after(async () => {
    for (const w of pages) await w.context.close();
    await browser?.close();
    await server?.close();
  });

  it("opens on the latest version against the one before, with the practice's name, whole words and a rewrite side by side", async () => {
    const w = await newWatchedPage(browser, server.url);
    pages.push(w);
    const admin = w.page;
    await signIn(admin, practice.user("admin").email, practice.user("admin").password);
    await admin.goto(`/practice/${practice.id}/policy`);
    await admin.getByRole("link", { name: /Compare versions/ }).click();
    await admin.getByRole("heading", { level: 2, name: "From 1.0 to 2.0" }).waitFor();
    assert.equal(
      await admin.getByLabel("Earlier version").locator("option:checked").innerText(),
      "1.0 (earlier version)",
    );
    assert.equal(
      await admin.getByLabel("Later version").locator("option:checked").innerText(),
      "2.0 (published)",
    );

    const diff = admin.getByTestId("diff");
    const text = await diff.innerText();
    assert.ok(!text.includes("{{"), "no placeholder reaches the page");
    assert.match(text, /Brookside Surgery share/);

    const touched = admin.getByTestId("diff-why-this-policy");
    const words = async (tag: "ins" | "del") =>
      (await touched.locator(tag).allTextContents()).join(" ").replace(/\[(added|removed): |\]/g, "");
    assert.match(await words("del"), /\bhealth\b/);
    assert.match(await words("ins"), /\blocal\b.*\breliable\b/);
    assert.doesNotMatch(await words("del"), /\bnews\b/, "words kept are not struck");
    assert.ok((await assertWholeWords(admin)) >= 2);

    const rewritten = admin.getByTestId("side-by-side");
    assert.equal(await rewritten.count(), 1);
    await rewritten.getByRole("heading", { name: "Before (1.0)" }).waitFor();
    await rewritten.getByText(/^Only the posting group speaks for the practice online/).waitFor();
    await assertAccessible(admin, "compare versions");

    await admin.setViewportSize({ width: 375, height: 800 });
    assert.ok(
      await admin.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      "no sideways scrolling at 375 px",
    );
    await assertAccessible(admin, "compare versions at 375 px");
    assertNoPageProblems(w);
  });

  it("a member asked to acknowledge 2.0 first sees the clauses changed since the 1.0 they acknowledged", async () => {
    const w = await newWatchedPage(browser, server.url);
    pages.push(w);
    const staff = w.page;
    await signIn(staff, reception().email, reception().password);
    await staff.goto(`/practice/${practice.id}`);
    await staff.getByTestId("policy-card").getByRole("link", { name: "Social media policy" }).click();
    await staff.getByRole("heading", { level: 1, name: "Policies to read" }).waitFor();
    const changes = staff.getByTestId("changes-since");
    await changes.getByRole("heading", { name: "What has changed since you last acknowledged it" }).waitFor();
    assert.match(await changes.innerText(), /You acknowledged version 1\.0 on \d{1,2} [A-Z][a-z]+ \d{4}\./);
    assert.match(await changes.innerText(), /2 clauses are different in version 2\.0/);
    await changes.getByText("Version 2.0: A bigger change everyone should read").waitFor();
    await changes.getByTestId("diff-why-this-policy").waitFor();
    await changes.getByTestId("side-by-side").getByRole("heading", { name: "After (2.0)" }).waitFor();
    assert.ok(!(await changes.innerText()).includes("{{"));
    assert.ok(await assertWholeWords(staff));

    // the changes come before the full text, and the confirmation stays at the end
    // (no named functions inside evaluate: the test runner's transform would name them with a helper)
    const tops = await staff
      .locator("[data-testid=changes-since], #full-text h2, button:has-text('I have read')")
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top + window.scrollY));
    const order = { changes: tops[0] ?? -1, full: tops[1] ?? -1, button: tops.at(-1) ?? -1 };
    assert.ok(
      order.changes >= 0 && order.changes < order.full && order.full < order.button,
      JSON.stringify(order),
    );
    await assertAccessible(staff, "policies to read, with changes since 1.0");
    await staff.setViewportSize({ width: 375, height: 800 });
    assert.ok(await staff.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    await assertAccessible(staff, "policies to read at 375 px");

    await staff.getByRole("button", { name: "I have read and understood this policy" }).click();
    await staff.getByText(/You acknowledged the social media policy on/).waitFor();
    assert.equal(
      await staff.getByTestId("changes-since").count(),
      0,
      "nothing left to compare once acknowledged",
    );
    assertNoPageProblems(w);
  });
});
