import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AppError } from "../errors";
import {
  addClause,
  addSection,
  keyFromTitle,
  moveClause,
  removeClause,
  removeSection,
  renameSection,
  type NewClause,
} from "./editing";
import { documentSchema } from "./document-schema";
import { numberedClauses, renderPolicy } from "./numbering";
import { policyTemplate } from "./template";
import type { PolicyDocument } from "./types";

const doc = (): PolicyDocument => ({
  sections: [
    {
      key: "one",
      title: "One",
      clauses: [
        { key: "a", title: "A", text: "a", sources: [], patientFacing: false, rules: [] },
        { key: "b", title: "B", text: "b", sources: [], patientFacing: true, rules: [] },
      ],
    },
    {
      key: "two",
      title: "Two",
      clauses: [{ key: "c", title: "C", text: "c", sources: [], patientFacing: false, rules: [] }],
    },
  ],
});
const clause = (title: string, extra: Partial<NewClause> = {}): NewClause => ({
  title,
  text: `${title} text`,
  sources: [],
  patientFacing: false,
  rules: [],
  ...extra,
});
const keys = (d: PolicyDocument): string[] => numberedClauses(d).map((n) => `${n.number}:${n.clause.key}`);
const code = (c: string) => (e: unknown) => e instanceof AppError && e.code === c;

describe("editing a draft's structure", () => {
  it("makes keys from titles, unique among those taken", () => {
    assert.equal(keyFromTitle("Flu season 2026!", new Set()), "flu-season-2026");
    assert.equal(keyFromTitle("Flu season", new Set(["flu-season", "flu-season-2"])), "flu-season-3");
    assert.equal(keyFromTitle("¿¿", new Set()), "clause");
  });

  it("adds a clause at the end of a section or after another, with a fresh key, leaving the input alone", () => {
    const before = doc();
    const r = addClause(before, "one", clause("A"));
    assert.equal(r.key, "a-2");
    assert.deepEqual(keys(r.document), ["1.1:a", "1.2:b", "1.3:a-2", "2.1:c"]);
    assert.deepEqual(keys(before), ["1.1:a", "1.2:b", "2.1:c"]);
    const after = addClause(before, "one", clause("New"), "a");
    assert.deepEqual(keys(after.document), ["1.1:a", "1.2:new", "1.3:b", "2.1:c"]);
    assert.throws(() => addClause(before, "one", clause("X", { key: "c" })), code("invalid-input"));
    assert.throws(() => addClause(before, "nowhere", clause("X")), code("not-found"));
  });

  it("keeps a hot topic's window and drops empty optional dates", () => {
    const r = addClause(
      doc(),
      "two",
      clause("Flu", { hotTopic: { label: "Flu", claims: ["x"], end: "2026-12-31", start: undefined } }),
    );
    const added = r.document.sections[1]!.clauses[1]!;
    assert.deepEqual(added.hotTopic, { label: "Flu", claims: ["x"], end: "2026-12-31" });
    assert.ok(documentSchema.safeParse(r.document).success);
  });

  it("moves a clause within its section, not past either end", () => {
    const d = moveClause(doc(), "b", "up");
    assert.deepEqual(keys(d), ["1.1:b", "1.2:a", "2.1:c"]);
    assert.deepEqual(keys(moveClause(d, "b", "down")), ["1.1:a", "1.2:b", "2.1:c"]);
    assert.throws(() => moveClause(d, "b", "up"), code("conflict"));
    assert.throws(() => moveClause(doc(), "c", "down"), code("conflict"));
    assert.throws(() => moveClause(doc(), "zz", "down"), code("not-found"));
  });

  it("removes a clause but not a section's last one", () => {
    assert.deepEqual(keys(removeClause(doc(), "a")), ["1.1:b", "2.1:c"]);
    assert.throws(() => removeClause(doc(), "c"), /Remove the whole section instead/);
    assert.throws(() => removeClause(doc(), "zz"), code("not-found"));
  });

  it("adds, renames and removes sections; a policy keeps one", () => {
    const r = addSection(doc(), "One", clause("First"), "one");
    assert.equal(r.sectionKey, "one-2");
    assert.deepEqual(
      r.document.sections.map((s) => s.key),
      ["one", "one-2", "two"],
    );
    assert.deepEqual(keys(r.document), ["1.1:a", "1.2:b", "2.1:first", "3.1:c"]);
    assert.equal(renameSection(doc(), "two", "Deux").sections[1]!.title, "Deux");
    const one = removeSection(doc(), "two");
    assert.deepEqual(keys(one), ["1.1:a", "1.2:b"]);
    assert.throws(() => removeSection(one, "one"), code("conflict"));
    assert.throws(() => addSection(doc(), "X", clause("Y", { key: "a" })), code("invalid-input"));
  });

  it("works on the template, and an ended hot topic stays editable but leaves the rendered text", () => {
    const r = addClause(
      policyTemplate(),
      policyTemplate().sections[0]!.key,
      clause("Pandemic misinformation", { hotTopic: { label: "Pandemic", claims: [], end: "2026-01-31" } }),
    );
    const details = { name: "X" };
    const today = renderPolicy(r.document, { details, day: "2026-02-01" });
    assert.ok(!today.flatMap((s) => s.clauses).some((c) => c.key === r.key));
    const all = renderPolicy(r.document, { details, day: "2026-02-01", includeNotInForce: true });
    const ended = all.flatMap((s) => s.clauses).find((c) => c.key === r.key);
    assert.equal(ended?.notInForce, true);
    const during = renderPolicy(r.document, { details, day: "2026-01-31" });
    assert.equal(during.flatMap((s) => s.clauses).find((c) => c.key === r.key)?.notInForce, undefined);
  });
});
