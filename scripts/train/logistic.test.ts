// The trainer learns a separable problem, the same way every time (fixed seed), and FTRL's L1 leaves an
// unhelpful feature at exactly zero.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_OPTIONS, predict, trainLogistic, type Rows } from "./logistic";

// Feature 0 decides the label; feature 1 is noise present everywhere; feature 2 appears once at random.
function toy(): { rows: Rows; y: number[] } {
  const ptr = [0];
  const ids: number[] = [];
  const vals: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < 200; i++) {
    const pos = i % 2 === 0;
    const feats = [...(pos ? [0] : []), 1, ...(i === 7 ? [2] : [])];
    for (const f of feats) {
      ids.push(f);
      vals.push(1);
    }
    ptr.push(ids.length);
    y.push(pos ? 1 : 0);
  }
  return {
    rows: { ptr: Int32Array.from(ptr), ids: Int32Array.from(ids), vals: Float32Array.from(vals), dim: 3 },
    y,
  };
}

describe("logistic trainer", () => {
  const { rows, y } = toy();
  const all = y.map((_, i) => i);
  const ones = y.map(() => 1);
  for (const method of ["ftrl", "adagrad"] as const)
    it(`separates the classes (${method})`, () => {
      const m = trainLogistic(rows, all, y, ones, {
        ...DEFAULT_OPTIONS,
        method,
        ...(method === "adagrad" ? { l2: 1e-4 } : {}),
      });
      assert.ok(predict(rows, m, 0) > 0.8);
      assert.ok(predict(rows, m, 1) < 0.2);
    });
  it("gives the same weights on every run", () => {
    const a = trainLogistic(rows, all, y, ones);
    const b = trainLogistic(rows, all, y, ones);
    assert.deepEqual([...a.weights], [...b.weights]);
  });
  it("leaves a feature seen once at zero under L1", () => {
    const m = trainLogistic(rows, all, y, ones, { ...DEFAULT_OPTIONS, method: "ftrl", l1: 2 });
    assert.equal(m.weights[2], 0);
  });
});
