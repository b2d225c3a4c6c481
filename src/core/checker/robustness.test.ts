import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { check, verdictOf } from "./index";
import type { CheckContext } from "./types";

const contexts: CheckContext[] = ["personal", "practice", "comment"];

function assertWellFormed(text: string, context: CheckContext): void {
  const r = check({ text, context });
  for (const e of r.entities) {
    assert.ok(
      e.start >= 0 && e.start <= e.end && e.end <= text.length,
      `entity span ${e.start}-${e.end} outside text`,
    );
    assert.equal(e.text, text.slice(e.start, e.end));
  }
  for (const f of r.findings) {
    assert.ok(f.spans.length > 0);
    assert.equal(f.start, f.spans[0]!.start);
    for (const s of f.spans)
      assert.ok(
        s.start >= 0 && s.start <= s.end && s.end <= text.length,
        `finding span ${s.start}-${s.end} outside text`,
      );
  }
  assert.equal(r.verdict, verdictOf(r.findings));
  assert.equal(r.triage !== undefined, context === "comment");
}

describe("any input", () => {
  it("spans stay inside the text and the verdict follows the findings (random text)", () => {
    const pieces = fc.constantFrom(
      "patient",
      "Dr",
      "Smith",
      "94 year old",
      "UTI",
      "idiot",
      "f***",
      "c0vid",
      "jab",
      "401 023 2137",
      "07700 900456",
      "@nhs.net",
      "jo@nhs.net",
      "\u200b",
      "\u202e",
      "\ud800",
      "😀",
      "і",
      " ",
      ".",
      "\n",
      "?",
      "Hawthorn Close",
      "born 1 May 1950",
      "you lot",
      "DM us your DOB",
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(pieces, fc.string(), fc.string({ unit: "binary", maxLength: 8 })), {
          maxLength: 40,
        }),
        fc.constantFrom(...contexts),
        (parts, context) => {
          assertWellFormed(parts.join(""), context);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("answers empty, binary junk, lone surrogates, RTL and emoji text", () => {
    const junk = Array.from({ length: 2000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join("");
    for (const t of [
      "",
      " ",
      junk,
      "\ud800\udc00\ud800",
      "مرحبا بكم في العيادة",
      "😀".repeat(500),
      "\u0000\u0001\u0002",
    ])
      for (const c of contexts) assertWellFormed(t, c);
  });
});

describe("adversarial input", () => {
  // Timing belongs in the benchmark; this only guards against catastrophic backtracking, generously.
  const cases: [string, string][] = [
    ["letters", "a".repeat(100_000)],
    ["digits and spaces", "1 ".repeat(50_000)],
    ["at signs", "@".repeat(100_000)],
    ["email-like", "a.".repeat(49_999) + "@"],
    ["digits and dashes", "1-".repeat(50_000)],
    ["capitalised words", "Aa ".repeat(33_000)],
    ["spaced letters", "f u ".repeat(25_000)],
    ["urls", "http://".repeat(14_000)],
    ["zero-width", "\u200b".repeat(100_000)],
    ["titles", "Dr ".repeat(33_000)],
    ["masks", "f*".repeat(50_000)],
  ];
  for (const [name, text] of cases) {
    it(`answers 100 KB of ${name} well within time`, () => {
      // CPU time, not wall time: other work on a shared machine must not fail this test.
      const t = process.cpuUsage();
      assertWellFormed(text, "comment");
      const used = process.cpuUsage(t);
      const ms = (used.user + used.system) / 1000;
      assert.ok(ms < 1500, `${name}: ${Math.round(ms)} ms of CPU`);
    });
  }
});
