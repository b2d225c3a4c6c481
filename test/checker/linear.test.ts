// The checker's time grows with the length of its input, not with its square, on the adversarial inputs
// that once made it quadratic (repeated titles, lists of names, mixed titles, repeated full names).
// Loose on purpose: ten times the text must take well under 100 times the time (a quadratic step would
// take about 100); the precise figures are in docs/benchmarks.md (npm run bench).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { check } from "../../src/core/checker/index";
import { repeatTo } from "../../bench/adversarial";

/** The best CPU time of a few runs, in ms (CPU rather than wall time: the machine may be shared). */
function cpuMs(text: string, runs: number): number {
  let best = Infinity;
  for (let k = 0; k < runs; k++) {
    const c = process.cpuUsage();
    check({ text, context: "comment" });
    const u = process.cpuUsage(c);
    best = Math.min(best, (u.user + u.system) / 1000);
  }
  return Math.max(best, 1);
}

describe("the checker is linear on adversarial input", () => {
  check({ text: "warm up: Mr Smith, Ann, Bob and Sarah Jones", context: "comment" });
  for (const unit of [
    "Mr ",
    "Ann, Bob and ",
    "Mrs Mr Dr Ms ",
    "Sarah Jones ",
    "14 Mill Lane\nLeeds LS1 4AB\n",
  ])
    it(`ten times as much ${JSON.stringify(unit)} takes far less than a hundred times as long`, () => {
      const small = cpuMs(repeatTo(unit, 10_000), 3);
      const large = cpuMs(repeatTo(unit, 100_000), 1);
      assert.ok(
        large / small < 40,
        `${JSON.stringify(unit)}: 10,000 chars ${small} ms, 100,000 chars ${large} ms`,
      );
    });
});
