// The incident register in the browser: a receptionist reports a concern about a colleague's post; the practice
// manager opens a personal data breach, grades it on the NHS grid and decides not to report it, with a reason,
// inside the clock; opens the disciplinary process on the receptionist's concern, which the partner
// investigates, sends the invitation, and (four days on by the server's clock) records the meeting and a written
// warning, the Acas order enforced on the way; neither the receptionist nor the member concerned sees any of it.
// axe finds nothing serious on the pages.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { startServer, type TestServer } from "./support/server";
import { assertNoPageProblems, launchBrowser, newWatchedPage, signIn } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { ensureDemo } from "../src/app/demo/ensure-demo";
import { ukIsoDay } from "../src/core/dates";
import { pdfText } from "../test/policy/pdf-text";

const DEMO_PASSWORD = "demo-password-1";

describe("the incident register", () => {
  let server: TestServer;
  let browser: Browser;
  let base = "";
  let caseUrl = "";
  let disciplinaryUrl = "";
  before(async () => {
    server = await startServer({ testClock: true });
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

  it("a receptionist reports a concern about a colleague's post", async () => {
    const w = await newWatchedPage(browser, server.url);
    await signIn(w.page, "reception@riverside.example", DEMO_PASSWORD);
    await w.page.getByRole("link", { name: "Report a concern" }).first().click();
    await w.page.getByRole("heading", { level: 1, name: "Report a concern" }).waitFor();
    await w.page.getByRole("button", { name: "Report the concern" }).click();
    await w.page.getByText("There is a problem").first().waitFor();
    await w.page.getByLabel("A colleague's post").check();
    await w.page.getByLabel("What did you see?").fill("An invented test: a post showing the waiting room.");
    await assertAccessible(w.page);
    await w.page.getByRole("button", { name: "Report the concern" }).click();
    await w.page.getByText(/Your concern is case \d+/).waitFor();
    assertNoPageProblems(w);
    await w.context.close();
  });

  it("the manager opens a breach, grades it and decides not to report it, with a reason, inside the clock", async () => {
    const w = await newWatchedPage(browser, server.url);
    await signIn(w.page, "manager@riverside.example", DEMO_PASSWORD);
    await w.page.getByRole("link", { name: "Incidents" }).first().click();
    await w.page.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
    await w.page.getByRole("link", { name: /Concern about a colleague's post/ }).waitFor();
    await w.page
      .getByText(/hours left \(due/)
      .first()
      .waitFor();
    await assertAccessible(w.page);
    await w.page.getByLabel("Type").selectOption("confidentiality-breach");
    await w.page.getByLabel("Short title").fill("Invented test: a reply named a patient");
    await w.page.getByRole("button", { name: "Open the case" }).click();
    await w.page.getByRole("heading", { level: 1, name: "Invented test: a reply named a patient" }).waitFor();
    caseUrl = new URL(w.page.url()).pathname;
    await w.page.getByText(/72-hour clock:/).waitFor();
    await w.page.getByLabel("Likelihood that people are harmed").selectOption("1");
    await w.page.getByLabel("Severity of the harm").selectOption("2");
    await w.page.getByRole("button", { name: "Save the grading" }).click();
    await w.page.getByText(/need not be reported to the ICO/).waitFor();
    await w.page.getByLabel("Do not report").check();
    await w.page.getByRole("button", { name: "Record the decision" }).click();
    await w.page.getByText("There is a problem").first().waitFor();
    await w.page.getByLabel("Reasons").fill("Deleted within minutes; nobody outside the practice saw it.");
    await w.page.getByRole("button", { name: "Record the decision" }).click();
    await w.page.getByText(/not reported to the ICO on/).waitFor();
    assert.equal(await w.page.getByText("(after the 72 hours)").count(), 0, "decided inside the clock");
    await w.page.getByLabel("Add a screenshot or PDF").setInputFiles({
      name: "invented-screenshot.png",
      mimeType: "image/png",
      buffer: Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.from("test"),
      ]),
    });
    await w.page.getByRole("button", { name: "Add the file" }).click();
    await w.page.getByRole("link", { name: "invented-screenshot.png" }).waitFor();
    await w.page.getByLabel("What happened", { exact: true }).fill("Invented test: a reply named a patient.");
    await w.page.getByLabel("Approximate number of people affected").fill("1");
    await w.page.getByRole("button", { name: "Save the report's answers" }).click();
    await w.page.getByText("The DSPT report's answers are saved.").waitFor();
    const href = await w.page
      .getByRole("link", { name: "Download the DSPT report (PDF)" })
      .getAttribute("href");
    const pdf = await w.page.request.get(`${server.url}${href}`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()["content-type"], "application/pdf");
    await assertAccessible(w.page);
    assertNoPageProblems(w);
    await w.context.close();
  });

  it("the manager reports an inbox comment as a concern in one click, with the checker's findings", async () => {
    const w = await newWatchedPage(browser, server.url);
    await signIn(w.page, "manager@riverside.example", DEMO_PASSWORD);
    await w.page.goto(`${server.url}${base}/inbox`);
    await w.page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    const first = await server.ctx.db
      .selectFrom("inbox_comments")
      .innerJoin("practices", "practices.id", "inbox_comments.practice_id")
      .select(["inbox_comments.conversation_id"])
      .where("practices.slug", "=", "riverside")
      .executeTakeFirstOrThrow();
    await w.page.goto(`${server.url}${base}/inbox/${first.conversation_id}`);
    await w.page
      .getByRole("link", { name: /Report as a concern/ })
      .first()
      .click();
    await w.page.getByRole("heading", { level: 1, name: "Report a concern" }).waitFor();
    await w.page.getByText(/linked to a comment in the inbox/).waitFor();
    assert.ok(await w.page.getByLabel(/Attach what the checker found/).isChecked());
    await w.page.getByLabel("What did you see?").fill("Invented test: a comment that worried me.");
    await w.page.getByRole("button", { name: "Report the concern" }).click();
    await w.page.getByText(/Your concern is case \d+/).waitFor();
    const row = await server.ctx.db
      .selectFrom("incidents")
      .select(["concern_comment_id", "concern_text", "concern_findings"])
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    assert.ok(row.concern_comment_id, "the case is linked to the comment");
    assert.equal(row.concern_text, null, "no text was chosen, none is kept");
    assert.ok(Array.isArray(row.concern_findings));
    assertNoPageProblems(w);
    await w.context.close();
  });

  it("the disciplinary steps in the Acas order: investigation, invitation, meeting, a written warning", async () => {
    const open = async (email: string) => {
      const w = await newWatchedPage(browser, server.url);
      await signIn(w.page, email, DEMO_PASSWORD);
      return w;
    };
    const manager = await open("manager@riverside.example");
    const m = manager.page;
    await m.goto(`${base}/incidents`);
    await m
      .getByRole("link", { name: /Concern about a colleague's post/ })
      .first()
      .click();
    await m.getByLabel("The member the case is about").selectOption({ label: "Jess Wilde" });
    await m.getByLabel("Who investigates").selectOption({ label: "Dr Tom Okafor" });
    await m.getByLabel("Who decides (someone else)").selectOption({ label: "Priya Shah" });
    await m.getByRole("button", { name: "Open the disciplinary process" }).click();
    await m.getByText("The disciplinary process is open.").waitFor();
    disciplinaryUrl = new URL(m.url()).pathname;

    // The order is enforced: no invitation before the investigation is recorded.
    const step = async (page: typeof m, label: string, details: string) => {
      await page.getByLabel("Step", { exact: true }).selectOption({ label });
      await page.getByLabel(label.startsWith("Send") ? "The allegation" : "Details").fill(details);
    };
    await step(
      m,
      "Send the written invitation to a meeting",
      "Invented test: posted a photo of the waiting room.",
    );
    await m.getByLabel("Evidence (one item a line)").fill("The screenshot on this case");
    await m.getByLabel("Place").fill("The practice manager's office");
    await m.getByLabel(/may bring a colleague or a trade union representative/).check();
    const later = new Date(Date.now() + 3 * 86_400_000);
    await m.locator("#step-when").fill(ukIsoDay(later));
    await m.locator("#step-when-time").fill("10:00");
    await m.getByRole("button", { name: "Record the step" }).click();
    await m
      .getByText("Finish the investigation before inviting the member to a disciplinary meeting.")
      .first()
      .waitFor();

    const partner = await open("partner@riverside.example");
    await partner.page.goto(disciplinaryUrl);
    await step(
      partner.page,
      "Record the investigation (the investigator)",
      "Invented test: the post was up for an hour.",
    );
    await partner.page.getByRole("button", { name: "Record the step" }).click();
    await partner.page.getByText("Record the investigation (the investigator): done.").waitFor();

    await m.reload();
    await step(
      m,
      "Send the written invitation to a meeting",
      "Invented test: posted a photo of the waiting room.",
    );
    await m.getByLabel("Evidence (one item a line)").fill("The screenshot on this case");
    await m.getByLabel("Place").fill("The practice manager's office");
    await m.getByLabel(/may bring a colleague or a trade union representative/).check();
    await m.locator("#step-when").fill(ukIsoDay(later));
    await m.locator("#step-when-time").fill("10:00");
    await m.getByRole("button", { name: "Record the step" }).click();
    await m.getByText("Send the written invitation to a meeting: done.").waitFor();
    const letter = m.getByRole("link", { name: /PDF of the invitation/i });
    const pdf = await m.request.get(`${server.url}${await letter.getAttribute("href")}`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()["content-type"], "application/pdf");

    // Four days on (the server's clock), the meeting has been held.
    await manager.context.close();
    server.advance(4 * 86_400_000);
    const again = await open("manager@riverside.example");
    const m2 = again.page;
    await m2.goto(disciplinaryUrl);
    await step(m2, "Record the meeting (the decider)", "Invented test: Jess explained and apologised.");
    await m2.locator("#step-when").fill(ukIsoDay(later));
    await m2.locator("#step-when-time").fill("10:00");
    await m2.getByLabel("Companion").selectOption("colleague");
    await m2.getByRole("button", { name: "Record the step" }).click();
    await m2.getByText("Record the meeting (the decider): done.").waitFor();
    await step(m2, "Record the decision (the decider)", "Invented test: a first breach of the policy.");
    await m2.locator("#step-outcome").selectOption("written-warning");
    await m2.getByLabel("Warning stays on file for (months)").fill("6");
    await m2.getByRole("button", { name: "Record the step" }).click();
    await m2.getByText("Record the decision (the decider): done.").waitFor();
    await m2.getByText("Stage:").getByText("decided", { exact: true }).waitFor();
    const decision = m2.getByRole("link", { name: /PDF of the decision letter/i });
    const letterPdf = await m2.request.get(`${server.url}${await decision.getAttribute("href")}`);
    assert.equal(letterPdf.status(), 200);
    const words = (await pdfText(await letterPdf.body())).replace(/\s+/g, " ");
    assert.match(words, /written warning/i, "the decision letter gives the outcome");
    assert.match(words, /6 months/, "and how long it stays on file");
    await assertAccessible(m2);
    assertNoPageProblems(again);
    assertNoPageProblems(partner);
    await again.context.close();
    await partner.context.close();

    // The member the case is about sees none of it.
    const subject = await open("comms@riverside.example");
    await subject.page.goto(disciplinaryUrl);
    await subject.page.getByText(/That case was not found/).waitFor();
    await subject.context.close();
  });

  it("the receptionist sees none of the cases", async () => {
    const w = await newWatchedPage(browser, server.url);
    await signIn(w.page, "reception@riverside.example", DEMO_PASSWORD);
    await w.page.goto(`${base}/incidents`);
    await w.page.getByText("There are no cases for you to see.").waitFor();
    await w.page.goto(caseUrl);
    await w.page.getByText(/That case was not found/).waitFor();
    await w.page.goto(disciplinaryUrl);
    await w.page.getByText(/That case was not found/).waitFor();
    await w.context.close();
  });
});
