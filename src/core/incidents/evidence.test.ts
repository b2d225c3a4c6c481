import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AppError } from "../errors";
import { checkEvidence, cleanFileName, evidenceTypeOf } from "./evidence";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe("evidence files", () => {
  it("tells the type by the content", () => {
    assert.equal(evidenceTypeOf(bytes("%PDF-1.7 ...")), "application/pdf");
    assert.equal(evidenceTypeOf(bytes([0xff, 0xd8, 0xff, 0xe0])), "image/jpeg");
    assert.equal(evidenceTypeOf(bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 ")), "image/webp");
    assert.equal(evidenceTypeOf(bytes("GIF89a")), "image/gif");
    assert.equal(evidenceTypeOf(bytes("<html>")), null);
    assert.equal(evidenceTypeOf(bytes("RIFF", [0, 0, 0, 0], "WAVE")), null);
  });

  it("refuses an empty file in plain words, and keeps file names to a name", () => {
    assert.throws(
      () => checkEvidence(new Uint8Array()),
      (e: unknown) => e instanceof AppError && /empty/.test(e.message),
    );
    assert.equal(cleanFileName("C:\\Users\\jo\\shot.png"), "shot.png");
    assert.equal(cleanFileName("../../etc/passwd"), "passwd");
    assert.equal(cleanFileName("\u0000"), "evidence");
  });
});
