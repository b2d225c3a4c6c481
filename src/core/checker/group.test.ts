import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { groupFindings } from "./group";
import type { Finding } from "./types";

const finding = (
  rule: Finding["rule"],
  severity: Finding["severity"],
  start: number,
  end: number,
): Finding => ({
  rule,
  reason: "test",
  severity,
  start,
  end,
  spans: [{ start, end }],
  clause: "4.2",
  clauseTitle: "Jigsaw identification",
  message: `${rule} ${severity}`,
  suggestion: "Remove it.",
});

describe("grouping findings for people to read", () => {
  it("shows one group per rule with every flagged word once, most severe first", () => {
    const text = "Mr Ash of Elm Road, 80, and Mr Ash again";
    const groups = groupFindings(text, [
      finding("venting", "warning", 0, 2),
      finding("patient-identifier", "warning", 10, 18),
      finding("patient-identifier", "breach", 0, 6),
      finding("patient-identifier", "breach", 3, 6),
      finding("patient-identifier", "breach", 28, 34),
    ]);
    assert.deepEqual(
      groups.map((g) => g.rule),
      ["patient-identifier", "venting"],
    );
    assert.equal(groups[0]!.severity, "breach");
    assert.deepEqual(groups[0]!.words, ["Mr Ash", "Elm Road"]);
    assert.equal(groups[0]!.spans.length, 4);
  });

  it("is empty for no findings", () => {
    assert.deepEqual(groupFindings("fine", []), []);
  });
});
