import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { check } from "../index";
import namesModel from "../../../../data/models/names.json" with { type: "json" };
import { fold, tokenise } from "../text";
import { emissions, loadTagger, spansOf, viterbi, type TaggerModel } from "./tagger";
import { caseStyle, contextFeatures, FeatureTable, views, wordFeatures } from "./tagger-features";

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

describe("the tagger's hashed feature table", () => {
  // The run-time scorer reads features by hash without building their names; the trainer builds the names.
  // Both must give the same sums, to the last bit, or the tagger would not be the model that was trained.
  const model = namesModel as TaggerModel;
  const byName = new Map<string, [number, number]>();
  model.f.forEach((k, n) => byName.set(k, [model.b[n]! / model.scale, model.i[n]! / model.scale]));
  const sum = (fs: readonly string[]): [number, number] => {
    const s: [number, number] = [0, 0];
    for (const f of fs) {
      const x = byName.get(f);
      if (x) {
        s[0] += x[0];
        s[1] += x[1];
      }
    }
    return s;
  };
  const byStrings = (text: string, rules?: Uint8Array): number[] => {
    const f = fold(text);
    const tokens = tokenise(f);
    const v = views(tokens, text, f.norm);
    const style = caseStyle(tokens);
    const out: number[] = [];
    for (let k = 0; k < tokens.length; k++) {
      const o = sum(wordFeatures(v[k]!, style));
      const c = sum(contextFeatures(tokens, v, k, style, f.norm, rules));
      out.push(o[0] + c[0], o[1] + c[1]);
    }
    return out;
  };
  const tagger = loadTagger(model);
  const byHash = (text: string, rules?: Uint8Array): number[] => {
    const f = fold(text);
    return [...emissions(tagger, tokenise(f), text, f.norm, rules)];
  };
  const texts = [
    "Went to the match with Gareth Thomas last night",
    "just seen sarah jones in town, she's lovely",
    "THANK YOU TO DR PATEL AND THE WHOLE TEAM!!!",
    "Thanks to Mr. Baker for his help with Mum's forms",
    "@jo_smith and #TeamOakfield: 14 Mill Lane, Leeds LS1 4AB",
    "Ann, Bob and Ceri went to the Old Vicarage Surgery 🎉🎉",
    "A Very Long Headline With Every Word Capitalised Here",
    "a",
    "Pneumonoultramicroscopicsilicovolcanoconiosis is a word; so is O'Neill-Jones's",
    "ring 07700 900123 before 9am on 01/02/2027 – ask for Kelly on reception",
  ];
  it("scores every token of every text exactly as the named features do", () => {
    for (const text of texts) assert.deepEqual(byHash(text), byStrings(text), text);
  });
  it("scores the rule marks the trainer can add exactly as the named features do", () => {
    for (const text of texts) {
      const n = tokenise(fold(text)).length;
      const rules = Uint8Array.from({ length: n }, (_, k) => (k * 7 + text.length) % 3);
      assert.deepEqual(byHash(text, rules), byStrings(text, rules), text);
    }
  });
  it("keeps the last weights of a feature named twice and finds every name it holds", () => {
    const t = new FeatureTable(
      ["w=a", "w=b", "w=a"],
      Float64Array.from([1, 2, 3]),
      Float64Array.from([4, 5, 6]),
    );
    t.one("w=a");
    t.one("w=b");
    t.one("w=c");
    assert.deepEqual([t.sumB, t.sumI], [5, 11]);
  });
});
