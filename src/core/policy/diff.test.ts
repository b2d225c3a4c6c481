import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { diffPolicies, diffWords } from "./diff";
import { policyTemplate } from "./template";
import { documentSchema } from "./document-schema";

describe("clause-by-clause diff", () => {
  it("names added, removed, changed and renumbered clauses by key", () => {
    const a = policyTemplate();
    const b = policyTemplate();
    const conf = b.sections.find((s) => s.key === "confidentiality")!;
    conf.clauses[0]!.text += " Not even on a private account.";
    conf.clauses.splice(2, 1); // remove patient-stories
    b.sections[0]!.clauses.push({
      key: "new-one",
      title: "New",
      text: "New text",
      sources: [],
      patientFacing: false,
      rules: [],
    });
    const d = diffPolicies(a, b);
    const byKey = new Map(d.map((x) => [x.key, x]));
    assert.equal(byKey.get("new-one")?.status, "added");
    assert.equal(byKey.get("patient-stories")?.status, "removed");
    const changed = byKey.get("no-clinical-information")!;
    assert.equal(changed.status, "changed");
    assert.deepEqual(changed.changes, ["text"]);
    assert.ok(changed.words?.some((w) => w.kind === "added" && w.text.includes("private account")));
    const moved = byKey.get("educational-content")!;
    assert.equal(moved.fromNumber, "4.4");
    assert.equal(moved.toNumber, "4.3");
    assert.deepEqual(moved.changes, ["position"]);
    assert.equal(byKey.get("venting")?.status, "unchanged");
  });
  it("word diff keeps unchanged words", () => {
    assert.deepEqual(diffWords("a b c", "a x c"), [
      { kind: "same", text: "a " },
      { kind: "removed", text: "b" },
      { kind: "added", text: "x" },
      { kind: "same", text: " c" },
    ]);
  });
});

describe("comparing wording a person can read", () => {
  it("strikes and inserts whole words, never letters inside a word", () => {
    const parts = diffWords("Staff must not post photos.", "Staff should never post pictures.");
    for (const p of parts.filter((x) => x.kind !== "same")) assert.match(p.text.trim(), /^[\w.]+( [\w.]+)*$/);
    assert.ok(parts.some((p) => p.kind === "removed" && p.text.includes("photos")));
    assert.ok(parts.some((p) => p.kind === "added" && p.text.includes("pictures")));
    assert.ok(!parts.some((p) => p.kind !== "same" && /^(ph|pic)$/.test(p.text)));
  });
  it("fills placeholders with the practice's details and gives a rewritten clause whole, old and new", () => {
    const a = policyTemplate();
    const b = policyTemplate();
    a.sections[0]!.clauses[0]!.text = "Call {{practice.name}} on weekdays.";
    b.sections[0]!.clauses[0]!.text =
      "Ring {{practice.name}} reception between nine and five, Monday to Friday.";
    const [first] = diffPolicies(a, b, { name: "Riverside Surgery" });
    assert.ok(!JSON.stringify(first).includes("{{"));
    assert.equal(first!.before, "Call Riverside Surgery on weekdays.");
    assert.equal(first!.after, "Ring Riverside Surgery reception between nine and five, Monday to Friday.");
    b.sections[0]!.clauses[0]!.text = "Call {{practice.name}} on weekdays, please.";
    const [small] = diffPolicies(a, b, { name: "Riverside Surgery" });
    assert.equal(small!.before, undefined, "a touched-up clause is shown inline");
  });
});

describe("document validation", () => {
  it("refuses duplicate clause keys, empty text and huge clauses with field paths", () => {
    const doc = policyTemplate();
    doc.sections[1]!.clauses[0]!.key = doc.sections[0]!.clauses[0]!.key;
    doc.sections[2]!.clauses[0]!.text = "   ";
    doc.sections[3]!.clauses[0]!.text = "x".repeat(7000);
    const r = documentSchema.safeParse(doc);
    assert.equal(r.success, false);
    const paths = r.success ? [] : r.error.issues.map((i) => i.path.join("."));
    assert.ok(paths.includes("sections.1.clauses.0.key"));
    assert.ok(paths.includes("sections.2.clauses.0.text"));
    assert.ok(paths.includes("sections.3.clauses.0.text"));
  });
  it("strips control characters but keeps markup characters as text (escaped later)", () => {
    const doc = policyTemplate();
    doc.sections[0]!.clauses[0]!.text = "<script>alert(1)</script>\u0000 ok";
    const r = documentSchema.parse(doc);
    assert.equal(r.sections[0]!.clauses[0]!.text, "<script>alert(1)</script> ok");
  });
});
