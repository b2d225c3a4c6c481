import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { fold, tokenise, unleet } from "./text";

describe("fold", () => {
  it("lower-cases, strips accents and keeps a map to the original offsets", () => {
    const f = fold("Zoë SMITH");
    assert.equal(f.norm, "zoe smith");
    assert.equal(f.map[4], 4);
    assert.equal(f.map[f.norm.length], 9);
  });
  it("drops zero-width characters so a hidden word is still read", () => {
    const f = fold("id\u200Biot");
    assert.equal(f.norm, "idiot");
    assert.equal(f.map[2], 3); // "i" after the zero-width space
  });
  it("reads Cyrillic look-alike letters as Latin", () => {
    assert.equal(fold("іdіоt").norm, "idiot");
  });
  it("reads fullwidth and mathematical bold letters", () => {
    assert.equal(fold("ｉｄｉｏｔ").norm, "idiot");
    assert.equal(fold("𝐢𝐝𝐢𝐨𝐭").norm, "idiot");
  });
});

describe("tokenise", () => {
  it("keeps masked words whole and numbers sentences", () => {
    const toks = tokenise(fold("What the f*** is this. Dr. Smith said so!"));
    assert.deepEqual(
      toks.map((t) => t.norm),
      ["what", "the", "f***", "is", "this", "dr", "smith", "said", "so"],
    );
    assert.equal(toks[2]!.masked, true);
    assert.equal(toks[5]!.sent, 1);
    assert.equal(toks[6]!.sent, 1, "Dr. does not end a sentence");
  });
  it("gives original offsets even after dropped characters", () => {
    const text = "a\u200Bb cat";
    const toks = tokenise(fold(text));
    assert.equal(text.slice(toks[1]!.start, toks[1]!.end), "cat");
  });
});

describe("unleet", () => {
  it("reads digits and symbols inside words as letters", () => {
    assert.equal(unleet("c0vid"), "covid");
    assert.equal(unleet("sh1t"), "shit");
  });
  it("leaves plain numbers alone", () => {
    assert.equal(unleet("2024"), "2024");
  });
});
