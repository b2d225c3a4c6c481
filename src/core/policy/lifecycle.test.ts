import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AppError } from "../errors";
import { acknowledgementCounts, asksForAcknowledgement, assertRevision } from "./lifecycle";
import { compareVersions, formatVersion, nextVersion, parseVersion } from "./version";
import { activeHotTopics, isClauseInForce } from "./hot-topics";
import { defaultReviewDue, reviewState } from "./review";
import { renderPolicy } from "./numbering";
import { policyTemplate } from "./template";
import { practiceDetails } from "./placeholders";
import type { PolicyClause } from "./types";

const code = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof AppError ? e.code : "other";
  }
};

describe("policy lifecycle", () => {
  it("a stale revision is a conflict", () => {
    assert.equal(
      code(() => assertRevision(1, 2)),
      "conflict",
    );
    assert.equal(
      code(() => assertRevision(2, 2)),
      undefined,
    );
  });
  it("a major version asks for acknowledgement again; a minor keeps the major's acknowledgements", () => {
    assert.equal(asksForAcknowledgement("major"), true);
    assert.equal(asksForAcknowledgement("minor"), false);
    assert.equal(acknowledgementCounts(1, 1), true);
    assert.equal(acknowledgementCounts(1, 2), false);
  });
});

describe("version numbers", () => {
  it("start at 1.0 and bump major or minor", () => {
    assert.deepEqual(nextVersion(null, "minor"), { major: 1, minor: 0 });
    assert.deepEqual(nextVersion({ major: 1, minor: 0 }, "minor"), { major: 1, minor: 1 });
    assert.deepEqual(nextVersion({ major: 1, minor: 4 }, "major"), { major: 2, minor: 0 });
    assert.equal(formatVersion({ major: 2, minor: 10 }), "2.10");
    assert.deepEqual(parseVersion("2.10"), { major: 2, minor: 10 });
    assert.equal(parseVersion("2"), null);
    assert.ok(compareVersions({ major: 1, minor: 10 }, { major: 1, minor: 9 }) > 0);
  });
});

describe("hot topics", () => {
  const hot: PolicyClause = {
    key: "hot",
    title: "Hot",
    text: "t",
    sources: [],
    patientFacing: false,
    rules: [],
    hotTopic: { label: "Flu", claims: ["x"], start: "2026-10-01", end: "2026-12-31" },
  };
  it("apply between their start and end dates, inclusive", () => {
    assert.equal(isClauseInForce(hot, "2026-09-30"), false);
    assert.equal(isClauseInForce(hot, "2026-10-01"), true);
    assert.equal(isClauseInForce(hot, "2026-12-31"), true);
    assert.equal(isClauseInForce(hot, "2027-01-01"), false);
  });
  it("drop out of the published text when they end, keeping other clauses' numbers", () => {
    const doc = policyTemplate();
    const mis = doc.sections.find((s) => s.key === "misinformation")!;
    mis.clauses[1]!.hotTopic = { label: "Vaccination", claims: [], end: "2026-12-31" };
    const read = (day: string): string[] =>
      renderPolicy(doc, { details: practiceDetails("P", {}), day }).flatMap((s) =>
        s.clauses.map((c) => `${c.number} ${c.key}`),
      );
    assert.ok(read("2026-12-31").includes("7.2 hot-topic-vaccination"));
    const after = read("2027-01-01");
    assert.ok(!after.some((c) => c.includes("hot-topic-vaccination")));
    assert.ok(after.includes("7.3 hot-topics-change"));
    assert.deepEqual(activeHotTopics(doc, "2027-01-01"), []);
    assert.equal(activeHotTopics(doc, "2026-12-01")[0]?.label, "Vaccination");
  });
});

describe("review dates", () => {
  it("default to 12 months after publication", () => {
    assert.equal(defaultReviewDue(new Date("2026-11-21T10:00:00Z")), "2027-11-21");
    assert.equal(defaultReviewDue(new Date("2028-02-29T10:00:00Z")), "2029-03-01");
  });
  it("show as due soon within 30 days and overdue after the date", () => {
    assert.equal(reviewState("2027-11-21", "2027-10-01"), "ok");
    assert.equal(reviewState("2027-11-21", "2027-10-25"), "due-soon");
    assert.equal(reviewState("2027-11-21", "2027-11-21"), "due-soon");
    assert.equal(reviewState("2027-11-21", "2027-11-22"), "overdue");
  });
});
