import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDataFolder } from "../../../test/support/template";
import { createPractice } from "../../app/practices/create-practice";
import { publishTemplateForDemo } from "../../app/policy";
import { testContext } from "../../../test/support/context";
import { docxText, pdfText } from "../../../test/policy/pdf-text";
import { cliOnData } from "../../../test/support/node-args";

describe("safepost policy (CLI)", () => {
  let dir: string;
  const cli = cliOnData(() => join(dir, "db"));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "safepost-policy-cli-"));
    const opened = await openDataFolder(join(dir, "db"));
    const ctx = testContext(opened);
    const p = await createPractice(ctx.db, {
      slug: "oak",
      name: "Oak Surgery",
      settings: { phone: "01000 111222" },
    });
    await publishTemplateForDemo(ctx, p.id);
    await opened.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("shows the published policy, patient-facing clauses only with --patient", () => {
    const all = cli(["policy", "show", "--practice", "oak"]);
    assert.equal(all.status, 0, all.stderr);
    assert.match(all.stdout, /Oak Surgery: social media policy\nVersion 1\.0, published/);
    assert.match(all.stdout, /4\.2 Jigsaw identification/);
    const patient = cli(["policy", "show", "--practice", "oak", "--patient"]);
    assert.ok(!patient.stdout.includes("Jigsaw identification"));
    assert.match(patient.stdout, /phone us on 01000 111222/);
  });

  it("exports PDF and DOCX files that open, and refuses an unknown practice or format plainly", () => {
    const pdf = join(dir, "p.pdf");
    const docx = join(dir, "p.docx");
    assert.equal(cli(["policy", "export", "--practice", "oak", "--format", "pdf", "--out", pdf]).status, 0);
    assert.equal(cli(["policy", "export", "--practice", "oak", "--format", "docx", "--out", docx]).status, 0);
    assert.match(docxText(readFileSync(docx)).text, /Oak Surgery: social media policy/);
    const missing = cli(["policy", "show", "--practice", "nowhere"]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no practice with the short name "nowhere"/);
    const bad = cli(["policy", "export", "--practice", "oak", "--format", "rtf", "--out", pdf]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--format/);
    return pdfText(readFileSync(pdf)).then((t) => assert.match(t, /Version 1\.0, published/));
  });
});
