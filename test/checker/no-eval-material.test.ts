// The product holds nothing taken from the evaluation and training sets in ../shared/eval: no run of five
// words from any item (dev and training sets) appears in src/ or data/, and no lexicon phrase of two or more
// words exists only because one development item contains it. Ordinary phrases that happen to match are in
// eval-material-allow.json, each with its reason, and reviewed in the diff like code.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import {
  EVAL_DIR,
  allPhrases,
  findSharedRuns,
  findSingleItemPhrases,
  loadAllowList,
  loadEvalItems,
  ownCorpusText,
  productFiles,
  words,
  type EvalItem,
} from "./eval-material";

const present = existsSync(EVAL_DIR);
const skip = present
  ? false
  : `../shared/eval is absent (looked in ${EVAL_DIR}): evaluation material not checked`;
if (!present) console.log(`# SKIP no-eval-material: ${skip}`);

describe("the product holds no evaluation material", { skip }, () => {
  const items = present ? loadEvalItems() : [];
  const allow = present ? loadAllowList() : [];

  it("reads every dev and training set", () => {
    const files = new Set(items.map((i) => i.file));
    for (const f of ["gp-dev.jsonl", "external/nhs-feedback-dev.jsonl", "train/btc-egh.jsonl"])
      assert.ok(files.has(f), `${f} was not read`);
    assert.ok(items.length > 20_000, `only ${items.length} items read`);
  });

  it("shares no run of five words with any item", () => {
    const hits = findSharedRuns(items, productFiles(), allow);
    assert.deepEqual(
      hits.map((h) => `${h.file}:${h.line} "${h.run}" (from ${h.item})`),
      [],
      "remove these, or add a truly ordinary phrase to test/checker/eval-material-allow.json with its reason",
    );
  });

  it("has no lexicon phrase that only one development item contains", () => {
    const hits = findSingleItemPhrases(items, allPhrases(), ownCorpusText(items), allow);
    assert.deepEqual(
      hits.map((h) => `${h.file} "${h.phrase}" (only in ${h.item})`),
      [],
      "a phrase written for one test item: remove it, or show it is ordinary in the allow-list",
    );
  });

  it("keeps every allow-list entry short, explained and still needed", () => {
    const runs = new Set<string>();
    for (const it of items) {
      const w = words(it.text);
      for (let i = 0; i + 2 <= w.length; i++) runs.add(w.slice(i, i + 2).join(" "));
    }
    for (const a of allow) {
      assert.ok(a.reason.length >= 20, `"${a.phrase}" needs a reason`);
      assert.ok(words(a.phrase).length <= 12, `"${a.phrase}" is too long to be an ordinary phrase`);
      const w = words(a.phrase);
      assert.ok(
        runs.has(w.slice(0, 2).join(" ")),
        `"${a.phrase}" matches no item: remove it from the allow-list`,
      );
    }
    assert.ok(allow.length <= 100, "the allow-list is meant to stay short");
  });

  it("catches a planted five-word run and a planted single-item phrase (the detector can fail)", () => {
    const item: EvalItem = {
      file: "gp-dev.jsonl",
      id: "x",
      text: "Zebra quilt orbits the lavender moon tonight",
      dev: true,
    };
    const other: EvalItem = { file: "gp-dev.jsonl", id: "y", text: "nothing in common here", dev: true };
    const runs = findSharedRuns([item], [`${import.meta.dirname}/fixtures/planted-run.txt`], []);
    assert.equal(runs.length, 1);
    const one = findSingleItemPhrases([item, other], [{ file: "f", phrase: "lavender moon" }], "", []);
    assert.equal(one.length, 1);
    const trained = findSingleItemPhrases(
      [item, other],
      [{ file: "f", phrase: "lavender moon" }],
      " the lavender moon ",
      [],
    );
    assert.equal(trained.length, 0, "a phrase found in our training text is not flagged");
  });
});
