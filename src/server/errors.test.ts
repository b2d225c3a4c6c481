import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { fromZod } from "./errors";

describe("input errors a person can read", () => {
  const schema = z.object({
    reviewDue: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the review date as a real date"),
    note: z.string().max(3, "Keep the note short."),
  });
  const message = (input: unknown) => {
    const r = schema.safeParse(input);
    assert.ok(!r.success);
    return fromZod(r.error);
  };

  it("never puts an internal field name in the sentence, and keeps the fields for the form", () => {
    const one = message({ reviewDue: "soon", note: "ok" });
    assert.equal(one.message, "Enter the review date as a real date.");
    assert.doesNotMatch(one.message, /reviewDue/);
    assert.ok(one.fields.reviewDue);
    const two = message({ reviewDue: "soon", note: "too long" });
    assert.equal(
      two.message,
      "There are 2 problems: Enter the review date as a real date. Keep the note short.",
    );
  });
});
