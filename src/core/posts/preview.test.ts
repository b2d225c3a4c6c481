import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_FOOTER, footerFor, previewFor, previewsFor } from "./preview";

const post = { text: "Flu clinics start on Saturday.  ", link: "https://example.org/flu", imageCount: 0 };

describe("what each channel is sent", () => {
  it("writes text, link and the default footer into one text for X, with its weighted count", () => {
    const p = previewFor(post, { kind: "x" });
    assert.equal(p.text, `Flu clinics start on Saturday.\n\nhttps://example.org/flu\n\n${DEFAULT_FOOTER}`);
    assert.equal(p.link, null);
    assert.equal(p.count.count, 30 + 2 + 23 + 2 + DEFAULT_FOOTER.length);
    assert.equal(p.count.max, 280);
  });

  it("sends Facebook's link as its own field, so it becomes a link card and is not in the text", () => {
    const p = previewFor(post, { kind: "facebook" });
    assert.equal(p.text, `Flu clinics start on Saturday.\n\n${DEFAULT_FOOTER}`);
    assert.equal(p.link, "https://example.org/flu");
  });

  it("sends LinkedIn's link as the post's article when there is no image, and in the text beside images", () => {
    const card = previewFor(post, { kind: "linkedin", footer: "" });
    assert.equal(card.text, "Flu clinics start on Saturday.");
    assert.equal(card.link, "https://example.org/flu");
    const withImage = previewFor({ ...post, imageCount: 1 }, { kind: "linkedin", footer: "" });
    assert.equal(withImage.text, "Flu clinics start on Saturday.\n\nhttps://example.org/flu");
    assert.equal(withImage.link, null);
  });

  it("uses the practice's own footer for a channel, and none when it is blank; the website has none by default", () => {
    assert.equal(
      previewFor(post, { kind: "bluesky", footer: " Not for appointments. " }).text.endsWith(
        "\n\nNot for appointments.",
      ),
      true,
    );
    assert.equal(
      previewFor({ ...post, link: null }, { kind: "mastodon", footer: "" }).text,
      "Flu clinics start on Saturday.",
    );
    assert.equal(footerFor("website", null), "");
    assert.equal(previewFor(post, { kind: "website" }).text, "Flu clinics start on Saturday.");
  });

  it("does not write a link twice when the author already put it in the text", () => {
    const p = previewFor(
      { ...post, text: "Book at https://example.org/flu now" },
      { kind: "mastodon", footer: "" },
    );
    assert.equal(p.text, "Book at https://example.org/flu now");
  });

  it("counts the footer in the limit: a text that fits alone can be over with it", () => {
    const text = "a".repeat(250);
    assert.equal(
      previewFor({ text, link: null, imageCount: 0 }, { kind: "x", footer: "" }).problems.length,
      0,
    );
    const withFooter = previewFor({ text, link: null, imageCount: 0 }, { kind: "x" });
    assert.deepEqual(
      withFooter.problems.map((p) => p.code),
      ["too-long"],
    );
  });

  it("gives one preview per channel in order, Instagram saying it needs an image", () => {
    const all = previewsFor(post, [
      { kind: "instagram" },
      { kind: "linkedin" },
      { kind: "mastodon", mastodonMaxChars: 100 },
    ]);
    assert.deepEqual(
      all.map((p) => [p.kind, p.problems.map((x) => x.code)]),
      [
        ["instagram", ["needs-image"]],
        ["linkedin", []],
        ["mastodon", ["too-long"]],
      ],
    );
  });
});
