import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  addDays,
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
