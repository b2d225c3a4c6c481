import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AppError } from "../errors";
import { gradeBreach } from "./breach-grading";

describe("NHS breach grading", () => {
  it("is reportable only when likelihood and severity are both at least 2", () => {
    assert.equal(gradeBreach({ likelihood: 2, severity: 2, vulnerableGroup: false }).reportable, true);
    assert.equal(gradeBreach({ likelihood: 1, severity: 5, vulnerableGroup: false }).reportable, false);
    assert.equal(gradeBreach({ likelihood: 5, severity: 1, vulnerableGroup: false }).reportable, false);
    assert.equal(gradeBreach({ likelihood: 3, severity: 4, vulnerableGroup: false }).score, 12);
  });

  it("grades a breach involving a vulnerable group at least 2 on both scales, so it is reportable", () => {
    const g = gradeBreach({ likelihood: 1, severity: 1, vulnerableGroup: true });
    assert.deepEqual([g.likelihood, g.severity, g.reportable], [2, 2, true]);
    assert.equal(gradeBreach({ likelihood: 4, severity: 1, vulnerableGroup: true }).likelihood, 4);
  });

  it("refuses a grade outside 1–5 with the field named", () => {
    assert.throws(
      () => gradeBreach({ likelihood: 6, severity: 2, vulnerableGroup: false }),
      (e: unknown) => e instanceof AppError && e.code === "invalid-input" && "likelihood" in (e.fields ?? {}),
    );
    assert.throws(() => gradeBreach({ likelihood: 2, severity: 2.5, vulnerableGroup: false }), AppError);
  });
});
