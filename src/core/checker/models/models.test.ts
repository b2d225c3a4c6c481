// The classifiers' plumbing: the compact model format decodes to what was written, a model finding marks
// the words that decided it, and the policy's scope vetoes a model outside the contexts a rule applies to.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { fromBase64, LinearModels, readVarints, toBase64, writeVarints, type PackedModel } from "./linear";
import { decideCategory, ruleApplies } from "./labels";
import { check } from "../index";

describe("model file format", () => {
  it("round-trips base64 and varints, including values above 2^21", () => {
    const bytes = Uint8Array.from([0, 1, 2, 250, 255, 128, 7]);
    assert.deepEqual([...fromBase64(toBase64(bytes))], [...bytes]);
    const values = [0, 1, 127, 128, 300, 262_143, 5_000_000];
    assert.deepEqual(readVarints(writeVarints(values)), values);
  });

  it("scores with the quantised weights and points at the strongest word", () => {
    const m: PackedModel = {
      format: 1,
      bits: 4,
      labels: ["a"],
      bias: [-1],
      threshold: [0.5],
      scale: [0.5],
      buckets: [toBase64(writeVarints([3, 2]))], // buckets 3 and 5
      weights: [toBase64(new Uint8Array(Int8Array.from([4, -2]).buffer))],
    };
    const lm = new LinearModels(m);
    const f = {
      idx: Int32Array.from([3, 5, 9]),
      val: Float64Array.from([1, 1, 1]),
      from: Int32Array.from([0, 1, 2]),
      to: Int32Array.from([1, 2, 3]),
    };
    // z = -1 + 4·0.5 − 2·0.5 = 0 → p = 0.5
    assert.equal(lm.score(f)[0], 0.5);
    assert.deepEqual(lm.evidence(f, 0), [{ from: 0, to: 1, weight: 2 }]);
  });
});

describe("rules and models together", () => {
  it("never finds a rule outside the contexts the policy gives it", () => {
    assert.equal(ruleApplies("sick-leave-conflict", "personal", false), false);
    assert.equal(ruleApplies("sick-leave-conflict", "comment", true), false);
    assert.equal(ruleApplies("insecure-channel", "personal", false), false);
    const r = check({ text: "Off sick with my back but smashed a 10k this morning!", context: "comment" });
    assert.ok(!r.findings.some((f) => f.rule === "sick-leave-conflict"));
  });

  it("lets the rules force a category, and keeps theirs when the models are unsure", () => {
    const probs = [0.9, 0, 0, 0, 0, 0.1, 0];
    assert.equal(decideCategory(probs, "abuse", "complaint"), "abuse");
    assert.equal(decideCategory(probs, undefined, "review"), "complaint");
    assert.equal(decideCategory([0.45, 0, 0, 0, 0.3, 0, 0], undefined, "review"), "review");
    assert.equal(decideCategory([0.6, 0, 0, 0, 0.5, 0, 0], undefined, "review"), "review");
  });

  it("gives a model finding the rule's shape, with spans on the words of the text", () => {
    const text = "Honestly the patients today have been a nightmare, every single one of them moaning";
    const r = check({ text, context: "personal" });
    for (const f of r.findings) {
      assert.ok(f.spans.length > 0 && f.start < f.end && f.end <= text.length, f.rule);
      assert.ok(f.message && f.suggestion && f.clause, f.rule);
    }
  });
});
