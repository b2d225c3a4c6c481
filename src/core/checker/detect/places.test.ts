import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { check } from "../index";

const addresses = (text: string): string[] =>
  check({ text })
    .entities.filter((e) => e.type === "address")
    .map((e) => e.text);

describe("address blocks", () => {
  it("takes a multi-line address as one address", () => {
    assert.deepEqual(
      addresses("Please post it to 5512 Lindenweg 17 Apt. 20\nKlosterfeld\n Austria 30911, thanks"),
      ["5512 Lindenweg 17 Apt. 20\nKlosterfeld\n Austria 30911"],
    );
    assert.deepEqual(addresses("Reach me at PSC 2211, Box 4410\nAPO AE 09012"), [
      "PSC 2211, Box 4410\nAPO AE 09012",
    ]);
  });
  it("keeps a UK street address as it was, and stops at ordinary words", () => {
    assert.deepEqual(addresses("She lives at 14 Crown Street with her son"), ["14 Crown Street"]);
  });
  it("does not take a count of things for an address", () => {
    assert.deepEqual(addresses("Saw 12 Patients today and 3 Nurses called in sick"), []);
  });
});

describe("places from context", () => {
  const places = (text: string): string[] =>
    check({ text })
      .entities.filter((e) => e.type === "place")
      .map((e) => e.text);
  it("takes a capitalised word after 'in from' or 'lives in' for a place", () => {
    assert.deepEqual(places("A lady came in from Ashwell Green with a bad chest"), ["Ashwell Green"]);
    assert.deepEqual(places("He lives out in Thornaby"), ["Thornaby"]);
    assert.deepEqual(places("She is in from Monday"), []);
  });
});
