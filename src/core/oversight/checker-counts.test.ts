import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { lastMonths, monthLabel, ruleLabel, rulesFound, ukMonth } from "./checker-counts";

describe("the checker's monthly counts", () => {
  it("puts a run in the UK month, so the first half hour of a summer month is that month", () => {
    assert.equal(ukMonth(new Date("2026-06-30T23:30:00Z")), "2026-07");
    assert.equal(ukMonth(new Date("2026-12-31T23:30:00Z")), "2026-12");
  });

  it("lists the last six months oldest first, across a new year", () => {
    assert.deepEqual(lastMonths(new Date("2027-02-10T12:00:00Z"), 6), [
      "2026-09",
      "2026-10",
      "2026-11",
      "2026-12",
      "2027-01",
      "2027-02",
    ]);
  });

  it("counts a rule once per run, however many words it marked", () => {
    assert.deepEqual(rulesFound([{ rule: "abuse" }, { rule: "patient-identifier" }, { rule: "abuse" }]), [
      "patient-identifier",
      "abuse",
    ]);
  });

  it("names rules and months in plain words", () => {
    assert.equal(ruleLabel("patient-identifier"), "Could identify a patient");
    assert.equal(ruleLabel("retired-rule"), "retired-rule");
    assert.equal(monthLabel("2026-12"), "December 2026");
  });
});
