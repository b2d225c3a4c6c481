import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { check, CHECK_MAX_CHARS } from "./index";
import { AppError } from "../errors";

describe("the checker's input limit", () => {
  it("checks a text of exactly the limit", () => {
    const r = check({ text: "a".repeat(CHECK_MAX_CHARS), context: "personal" });
    assert.ok(r.verdict);
  });
  it("refuses a longer text instead of checking its first part and calling it ok", () => {
    const text = "Lovely day. ".repeat(9_000) + "Mrs Edna Cole at 4 Rowan Close has dementia";
    assert.ok(text.length > CHECK_MAX_CHARS);
    assert.throws(
      () => check({ text, context: "personal" }),
      (e: unknown) =>
        e instanceof AppError && e.code === "payload-too-large" && /Please check it in parts/.test(e.message),
    );
  });
});
