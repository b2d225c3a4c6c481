import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { check } from "../index";
import { spansOf, viterbi } from "./tagger";

const persons = (text: string, staffNames?: string[]): string[] =>
  check({ text }, staffNames ? { staffNames } : undefined)
    .entities.filter((e) => e.type === "person")
    .map((e) => e.text);

describe("the tagger's decoding", () => {
  it("never continues a name that has not begun", () => {
    // Token 0 strongly I, token 1 strongly I: the best legal path opens with B.
    const e = Float64Array.from([0, 5, 0, 5]);
    const tags = viterbi(e, new Float64Array(12), 2);
    assert.deepEqual([...tags], [1, 2]);
  });
  it("keeps a forbidden token out of every name", () => {
    const e = Float64Array.from([5, 0, 0, 5, 5, 0]);
    const tags = viterbi(e, new Float64Array(12), 3, (k) => k === 1);
    assert.equal(tags[1], 0);
    assert.deepEqual(spansOf(tags), [
      [0, 1],
      [2, 3],
    ]);
  });
});

describe("person names found by the tagger", () => {
  it("finds full names, lower-case names and a name no list knows after a cue", () => {
    assert.deepEqual(persons("Went to the match with Gareth Thomas last night"), ["Gareth Thomas"]);
    assert.deepEqual(persons("just seen sarah jones in town"), ["sarah jones"]);
    assert.deepEqual(persons("My name is Zubeyda"), ["Zubeyda"]);
  });
  it("reports a titled name with its title, which marks it", () => {
    assert.deepEqual(persons("I saw Dr Okafor and Mrs Jean Whitfield today"), [
      "Dr Okafor",
      "Mrs Jean Whitfield",
    ]);
    assert.deepEqual(persons("Thanks to Mr. Baker for his help"), ["Mr. Baker"]);
  });
  it("splits a list into one name each", () => {
    assert.deepEqual(persons("Priya, Tom and Aisha ran the stall"), ["Priya", "Tom", "Aisha"]);
  });
  it("does not take handles, capitalised ordinary words or places for names", () => {
    assert.deepEqual(persons("RT @ jamesholt : great game"), []);
    assert.deepEqual(persons("Happy New Year from everyone in Preston!"), []);
    assert.deepEqual(persons("The flu clinic is on Saturday at the Surgery"), []);
  });
  it("finds the practice's staff names in any case", () => {
    assert.deepEqual(persons("sandra on reception was lovely", ["Sandra Petrie"]), ["sandra"]);
  });
});
