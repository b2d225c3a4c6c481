import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { channelProblems, countFor, graphemeCount, mastodonLength, xWeightedLength } from "./limits";

describe("X counts weighted characters", () => {
  it("counts Latin text one each and stops at 280", () => {
    assert.equal(xWeightedLength("Flu clinic on Saturday"), 22);
    assert.equal(countFor("x", "a".repeat(280)).over, 0);
    assert.equal(countFor("x", "a".repeat(281)).over, 1);
  });

  it("counts every link as 23 however long it is, with or without https://", () => {
    const long = `https://www.nhs.uk/conditions/${"flu/".repeat(30)}`;
    assert.equal(xWeightedLength(`See ${long}`), 4 + 23);
    assert.equal(xWeightedLength("See nhs.uk"), 4 + 23);
    assert.equal(xWeightedLength("a https://example.org b https://example.com/x"), 2 + 23 + 3 + 23);
  });

  it("counts CJK characters two each, so 140 of them fill a post", () => {
    assert.equal(xWeightedLength("予約"), 4);
    assert.equal(countFor("x", "診".repeat(140)).over, 0);
    assert.equal(countFor("x", "診".repeat(141)).over, 2);
  });

  it("counts an emoji as two, even a family or a flag made of several code points", () => {
    assert.equal(xWeightedLength("💉"), 2);
    assert.equal(xWeightedLength("👨‍👩‍👧‍👦"), 2); // seven code points
    assert.equal(xWeightedLength("🇬🇧"), 2);
    assert.equal(xWeightedLength("👍🏽 ok"), 2 + 3);
  });

  it("normalises combining marks first: e + accent is one, as é typed directly is", () => {
    assert.equal(xWeightedLength("cafe\u0301"), 4);
    assert.equal(xWeightedLength("café"), 4);
  });
});

describe("Bluesky counts graphemes", () => {
  it("counts what a reader sees as one character once", () => {
    assert.equal(graphemeCount("cafe\u0301"), 4);
    assert.equal(graphemeCount("👨‍👩‍👧‍👦🇬🇧"), 2);
    assert.equal(graphemeCount("診療所"), 3);
  });

  it("allows 300 and refuses 301, links counted in full", () => {
    assert.equal(countFor("bluesky", "é".repeat(300)).over, 0);
    assert.equal(countFor("bluesky", "e\u0301".repeat(301)).over, 1);
    const url = "https://example.org/" + "a".repeat(100);
    assert.equal(countFor("bluesky", url).count, url.length);
  });

  it("refuses a post that fits in graphemes but not in Bluesky's bytes", () => {
    const families = "👨‍👩‍👧‍👦".repeat(200); // 200 graphemes, 5,000 bytes
    assert.equal(countFor("bluesky", families).over, 0);
    assert.deepEqual(
      channelProblems("bluesky", { text: families, imageCount: 0 }).map((p) => p.code),
      ["too-long"],
    );
  });
});

describe("Mastodon counts the instance's limit", () => {
  it("defaults to 500 and follows the instance's own limit", () => {
    assert.equal(countFor("mastodon", "a".repeat(500)).over, 0);
    assert.equal(countFor("mastodon", "a".repeat(501)).over, 1);
    assert.equal(countFor("mastodon", "a".repeat(501), { mastodonMaxChars: 1000 }).over, 0);
  });

  it("counts links with a scheme as 23 and bare domains as written", () => {
    assert.equal(mastodonLength(`x https://example.org/${"a".repeat(80)}`), 2 + 23);
    assert.equal(mastodonLength("x nhs.uk"), 8);
  });

  it("counts a mention by its user name only, and graphemes for the rest", () => {
    assert.equal(mastodonLength("@surgery@mastodon.example hi"), "@surgery hi".length);
    assert.equal(mastodonLength("👍🏽"), 1);
  });
});

describe("the other channels", () => {
  it("Instagram allows 2,200 and needs an image", () => {
    assert.equal(countFor("instagram", "a".repeat(2200)).over, 0);
    const problems = channelProblems("instagram", { text: "a".repeat(2201), imageCount: 0 });
    assert.deepEqual(
      problems.map((p) => p.code),
      ["too-long", "needs-image"],
    );
    assert.match(problems[1]?.message ?? "", /Instagram needs at least one image/);
    assert.deepEqual(channelProblems("instagram", { text: "hi", imageCount: 1 }), []);
  });

  it("LinkedIn allows 3,000 and Facebook 63,206, counting an emoji as two so nothing is under-counted", () => {
    assert.equal(countFor("linkedin", "a".repeat(3001)).over, 1);
    assert.equal(countFor("facebook", "a".repeat(63_206)).over, 0);
    assert.equal(countFor("facebook", "💉").count, 2);
  });

  it("the website has no practical limit", () => {
    const c = countFor("website", "a".repeat(200_000));
    assert.equal(c.max, null);
    assert.equal(c.over, 0);
  });

  it("says how far over and what to do, in plain words", () => {
    const [p] = channelProblems("x", { text: "a".repeat(1300), imageCount: 0 });
    assert.equal(
      p?.message,
      "This is 1,300 weighted characters on X, 1,020 over its limit of 280. Shorten the text or the footer.",
    );
  });
});
