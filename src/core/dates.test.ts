import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  addDays,
  addWorkingDays,
  bankHolidaysEnglandWales,
  easterSunday,
  isBankHolidayEnglandWales,
  isWorkingDay,
  formatUkDate,
  formatUkDateTime,
  formatUkTime,
  fromDateParts,
  toDateParts,
  ukIsoDay,
  ukWallClockToInstant,
} from "./dates";
import { checkClosingDay, defaultClosingDay } from "./policy/consultation";

describe("UK dates", () => {
  it("shows a day as day, month in words, year", () => {
    assert.equal(formatUkDate("2027-11-21"), "21 November 2027");
    assert.equal(formatUkDate(null), "");
  });

  it("reads a moment on the UK clock: summer time moves the day and the hour", () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    assert.equal(formatUkDate("2027-06-30T23:30:00Z"), "1 July 2027");
    assert.equal(formatUkDateTime("2027-06-30T23:30:00Z"), "1 July 2027, 00:30");
    assert.equal(formatUkDateTime(new Date("2027-01-15T14:05:00Z")), "15 January 2027, 14:05");
    assert.equal(ukIsoDay(new Date("2027-06-30T23:30:00Z")), "2027-07-01");
  });

  it("reads the NHS date input's three boxes, and says plainly what is wrong", () => {
    assert.deepEqual(fromDateParts({ day: "1", month: "2", year: "2027" }), { ok: true, day: "2027-02-01" });
    assert.deepEqual(toDateParts("2027-02-01"), { day: "1", month: "2", year: "2027" });
    const bad = (day: string, month: string, year: string) => {
      const r = fromDateParts({ day, month, year }, "The closing date");
      return r.ok ? "" : r.message;
    };
    assert.equal(bad("", "", ""), "Enter the closing date");
    assert.equal(bad("3", "", "2027"), "The closing date must include a month");
    assert.equal(bad("30", "2", "2027"), "The closing date must be a real date");
    assert.match(bad("3", "March", "2027"), /must be a real date/);
  });

  it("a consultation closes two weeks after today, and a past closing date is refused", () => {
    const now = new Date("2026-12-31T23:30:00Z");
    assert.equal(defaultClosingDay(now), "2027-01-14");
    assert.equal(addDays("2027-02-28", 1), "2027-03-01");
    assert.throws(() => checkClosingDay("2026-12-31", now), /after today/);
    assert.throws(() => checkClosingDay("2027-02-30", now), /real date/);
    assert.equal(checkClosingDay("2027-01-02", now), "2027-01-02");
  });
});

describe("UK wall-clock times", () => {
  it("names the right instant either side of the clock changes", () => {
    assert.equal(ukWallClockToInstant("2027-01-15", "09:30")?.toISOString(), "2027-01-15T09:30:00.000Z");
    assert.equal(ukWallClockToInstant("2027-07-01", "09:30")?.toISOString(), "2027-07-01T08:30:00.000Z");
    // Last Sunday of March 2027: 01:00 GMT becomes 02:00 BST.
    assert.equal(ukWallClockToInstant("2027-03-28", "00:30")?.toISOString(), "2027-03-28T00:30:00.000Z");
    assert.equal(ukWallClockToInstant("2027-03-28", "01:30"), null);
    assert.equal(ukWallClockToInstant("2027-03-28", "03:00")?.toISOString(), "2027-03-28T02:00:00.000Z");
    // Last Sunday of October 2027: 01:00–02:00 happens twice; the first (BST) is meant.
    assert.equal(ukWallClockToInstant("2027-10-31", "01:30")?.toISOString(), "2027-10-31T00:30:00.000Z");
    assert.equal(ukWallClockToInstant("2027-10-31", "02:30")?.toISOString(), "2027-10-31T02:30:00.000Z");
  });

  it("refuses what is not a time, and reads an instant back as the UK clock shows it", () => {
    assert.equal(ukWallClockToInstant("2027-01-15", "25:00"), null);
    assert.equal(ukWallClockToInstant("2027-02-30", "09:00"), null);
    assert.equal(ukWallClockToInstant("2027-01-15", "9am"), null);
    assert.equal(formatUkTime("2027-07-01T08:30:00.000Z"), "09:30");
  });
});

describe("working days in England and Wales", () => {
  it("computes Easter Sunday for known years", () => {
    assert.equal(easterSunday(2024), "2024-03-31");
    assert.equal(easterSunday(2025), "2025-04-20");
    assert.equal(easterSunday(2026), "2026-04-05");
    assert.equal(easterSunday(2027), "2027-03-28");
    assert.equal(easterSunday(2038), "2038-04-25");
  });

  it("lists the year's bank holidays with substitute days", () => {
    assert.deepEqual(bankHolidaysEnglandWales(2026), [
      "2026-01-01",
      "2026-04-03",
      "2026-04-06",
      "2026-05-04",
      "2026-05-25",
      "2026-08-31",
      "2026-12-25",
      "2026-12-28", // Boxing Day is a Saturday
    ]);
    // Christmas on a Saturday: Monday 27 and Tuesday 28 December; New Year's Day on a Saturday → Monday 3.
    const y2021 = bankHolidaysEnglandWales(2021);
    assert.ok(y2021.includes("2021-12-27") && y2021.includes("2021-12-28") && !y2021.includes("2021-12-25"));
    assert.equal(bankHolidaysEnglandWales(2022)[0], "2022-01-03");
    // Christmas on a Sunday: Boxing Day Monday 26, Christmas substitute Tuesday 27.
    const y2022 = bankHolidaysEnglandWales(2022);
    assert.ok(y2022.includes("2022-12-26") && y2022.includes("2022-12-27"));
    // Proclaimed changes: the 2022 spring holiday moved to 2 June, and the state funeral was added.
    assert.ok(y2022.includes("2022-06-02") && y2022.includes("2022-09-19") && !y2022.includes("2022-05-30"));
    assert.ok(bankHolidaysEnglandWales(2020).includes("2020-05-08"));
    assert.ok(!bankHolidaysEnglandWales(2020).includes("2020-05-04"));
    assert.equal(bankHolidaysEnglandWales(2027).length, 8);
  });

  it("tells working days from weekends and bank holidays", () => {
    assert.equal(isWorkingDay("2026-12-03"), true); // a Thursday
    assert.equal(isWorkingDay("2026-12-05"), false); // Saturday
    assert.equal(isWorkingDay("2026-12-28"), false); // Boxing Day substitute
    assert.equal(isBankHolidayEnglandWales("2027-03-26"), true); // Good Friday 2027
    assert.equal(isWorkingDay("2026-12-04", ["2026-12-04"]), false); // a practice's own closure
  });

  it("adds working days, not counting the day itself", () => {
    assert.equal(addWorkingDays("2026-12-02", 3), "2026-12-07"); // Wed → Mon
    assert.equal(addWorkingDays("2026-12-04", 3), "2026-12-09"); // Fri → Wed
    assert.equal(addWorkingDays("2026-12-05", 3), "2026-12-09"); // Sat → Wed
    // Christmas 2026: Thu 24 → Tue 29, Wed 30, Thu 31 (25 and 28 December are holidays).
    assert.equal(addWorkingDays("2026-12-24", 3), "2026-12-31");
    // Easter 2027: Thursday 25 March → Tue 30, Wed 31 March, Thu 1 April.
    assert.equal(addWorkingDays("2027-03-25", 3), "2027-04-01");
    assert.equal(addWorkingDays("2026-12-05", 0), "2026-12-07");
    assert.equal(addWorkingDays("2026-12-03", 0), "2026-12-03");
    assert.throws(() => addWorkingDays("2026-12-03", -1), RangeError);
  });
});
