// The inbox import benchmark's file is one safepost reads whole: every generated row is a valid comment, and no
// two comments have the same text (so the figure is not flattered by repeats).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { commentsCsv } from "../../bench/inbox-import";
import { readCommentsCsv } from "../../src/app/inbox";

describe("the inbox import benchmark's CSV", () => {
  it("reads as that many distinct comments on several channels", () => {
    const { comments } = readCommentsCsv(commentsCsv(500));
    assert.equal(comments.length, 500);
    assert.equal(new Set(comments.map((c) => c.text)).size, 500);
    assert.ok(new Set(comments.map((c) => c.channel)).size >= 6);
  });
});
