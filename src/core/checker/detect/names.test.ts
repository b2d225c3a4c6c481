import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { check } from "../index";

const persons = (text: string, staffNames?: string[]): string[] =>
  check({ text }, staffNames ? { staffNames } : undefined)
    .entities.filter((e) => e.type === "person")
    .map((e) => e.text);

describe("person names", () => {
  it("finds titled names without the title", () => {
    assert.deepEqual(persons("I saw Dr Okafor and Mrs Jean Whitfield today"), ["Okafor", "Jean Whitfield"]);
  });
  it("finds first name + surname from the lexicons", () => {
    assert.deepEqual(persons("Went to the match with Gareth Thomas last night"), ["Gareth Thomas"]);
  });
  it("finds a name after a strong cue even when no list knows it", () => {
    assert.deepEqual(persons("My name is Zubeyda"), ["Zubeyda"]);
  });
  it("finds lower-case full names in informal text", () => {
    assert.deepEqual(persons("just seen sarah jones in town"), ["sarah jones"]);
  });
  it("does not take capitalised ordinary words, places or organisations for names", () => {
    assert.deepEqual(persons("Happy New Year from everyone in Preston!"), []);
    assert.deepEqual(persons("Will you be open on Monday?"), []);
    assert.deepEqual(persons("Energetic and driven. Battery low."), []);
  });
  it("splits a list of names at the commas", () => {
    assert.deepEqual(persons("Thanks to Priya, Tom and Aisha"), ["Priya", "Tom", "Aisha"]);
  });
  it("finds the practice's own staff names in any case", () => {
    assert.deepEqual(persons("ask bronwyn on the desk", ["Bronwyn Hale"]), ["bronwyn"]);
  });
});
