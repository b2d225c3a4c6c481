// The time a pasted or imported comment was received: the UK form a practice writes (day first), ISO as before,
// and a plain message for a date that does not exist.
import { it } from "node:test";
import assert from "node:assert/strict";
import { commentInputSchema, parseReceivedAt } from "../../src/core/inbox/comment-input";

it("reads a UK day and time, day first, on the UK clock (winter and summer)", () => {
  assert.equal(parseReceivedAt("01/12/2026 09:30")?.toISOString(), "2026-12-01T09:30:00.000Z");
  assert.equal(parseReceivedAt("1/6/2026 9:30")?.toISOString(), "2026-06-01T08:30:00.000Z");
  assert.equal(parseReceivedAt("02/12/2026")?.toISOString(), "2026-12-02T09:00:00.000Z");
});

it("still reads ISO days and times", () => {
  assert.equal(parseReceivedAt("2026-12-01 09:30")?.toISOString(), "2026-12-01T09:30:00.000Z");
  assert.equal(parseReceivedAt("2026-12-01T09:30:00Z")?.toISOString(), "2026-12-01T09:30:00.000Z");
});

it("refuses an impossible date or time in plain words, with the UK example", () => {
  for (const bad of ["31/02/2026 09:30", "12/13/2026", "01/12/2026 25:00", "2026-02-30 10:00"]) {
    assert.equal(parseReceivedAt(bad), null, bad);
    const r = commentInputSchema.safeParse({ channel: "facebook", text: "Hello", receivedAt: bad });
    assert.ok(!r.success);
    const message = r.error.issues[0]!.message;
    assert.match(message, /is not a real date and time/);
    assert.match(message, /01\/12\/2026 09:30/);
  }
  const r = commentInputSchema.safeParse({ channel: "facebook", text: "Hello", receivedAt: "last Tuesday" });
  assert.ok(!r.success);
  assert.equal(
    r.error.issues[0]!.message,
    "Give the time it was received as a date and time, for example 01/12/2026 09:30.",
  );
});
