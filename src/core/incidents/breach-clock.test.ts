import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { breachDeadline, breachReminders, formatBreachDeadline, hoursLeft } from "./breach-clock";

describe("the breach clock counts 72 calendar hours", () => {
  it("runs straight through a weekend", () => {
    const aware = new Date("2026-12-04T16:30:00Z"); // a Friday afternoon in winter (GMT)
    assert.equal(breachDeadline(aware).toISOString(), "2026-12-07T16:30:00.000Z"); // Monday
    assert.equal(hoursLeft(aware, new Date("2026-12-06T16:30:00Z")), 24);
    assert.equal(hoursLeft(aware, new Date("2026-12-07T17:30:00Z")), -1);
  });

  it("counts elapsed hours across the last Sunday of October, so the UK wall clock shows an hour less", () => {
    const aware = new Date("2026-10-23T09:00:00Z"); // Friday 10:00 BST
    const due = breachDeadline(aware);
    assert.equal(due.toISOString(), "2026-10-26T09:00:00.000Z"); // Monday 09:00 GMT
    assert.match(formatBreachDeadline(aware), /26 October 2026, 09:00/);
  });

  it("reminds at 24, 48 and 60 hours and then marks the case overdue", () => {
    const aware = new Date("2026-12-01T08:00:00Z");
    const points = breachReminders(aware).map((r) => [r.kind, r.at.toISOString()]);
    assert.deepEqual(points, [
      ["reminder", "2026-12-02T08:00:00.000Z"],
      ["reminder", "2026-12-03T08:00:00.000Z"],
      ["reminder", "2026-12-03T20:00:00.000Z"],
      ["overdue", "2026-12-04T08:00:00.000Z"],
    ]);
  });
});
