import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { calendarWeeks, rangeOf, shiftAnchor } from "./calendar-days";

describe("calendar days", () => {
  it("a week runs Monday to Sunday around the day given", () => {
    assert.deepEqual(calendarWeeks("week", "2026-12-02"), [
      ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"],
    ]);
  });

  it("a month is padded to whole weeks, and its range starts and ends at UK midnight", () => {
    const weeks = calendarWeeks("month", "2027-03-15");
    assert.equal(weeks[0]![0], "2027-03-01");
    assert.equal(weeks.at(-1)![6], "2027-04-04");
    // 1 March is GMT; 5 April is BST, so its midnight is 23:00 UTC the day before.
    assert.deepEqual(rangeOf(weeks), { from: "2027-03-01T00:00:00.000Z", to: "2027-04-04T23:00:00.000Z" });
  });

  it("moves a week or a month at a time", () => {
    assert.equal(shiftAnchor("week", "2026-12-02", 1), "2026-12-09");
    assert.equal(shiftAnchor("month", "2027-01-31", 1), "2027-02-01");
    assert.equal(shiftAnchor("month", "2027-01-31", -1), "2026-12-01");
  });
});
