import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { errorForLog, fromZod } from "./errors";

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

describe("what an unexpected error leaves in the log", () => {
  it("keeps the type, code and stack frames, never the message with the values it quotes", () => {
    const err = Object.assign(
      new Error("duplicate key: Key (email)=(jo.bloggs@example.org) already exists"),
      {
        code: "23505",
      },
    );
    const logged = errorForLog(err);
    assert.equal(logged.type, "Error");
    assert.equal(logged.code, "23505");
    assert.ok(logged.stack.length > 0 && logged.stack.every((line) => line.startsWith("at ")));
    assert.doesNotMatch(JSON.stringify(logged), /jo\.bloggs|duplicate key/);
  });

  it("copes with something thrown that is not an Error", () => {
    assert.equal(errorForLog("a string with a name in it").type, "Error");
    assert.doesNotMatch(JSON.stringify(errorForLog("Mrs Smith")), /Smith/);
  });
});
