import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { openFromTemplate } from "../support/template";
import { testContext } from "../support/context";
import { testServer } from "../support/http";

describe("health and headers", () => {
  it("answers /healthz 200 while the database answers, 503 when it does not, with secure headers", async () => {
    const database = await openFromTemplate();
    const app = await testServer(testContext(database));
    const ok = await app.inject({ method: "GET", url: "/healthz" });
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json(), { status: "ok" });
    assert.match(String(ok.headers["content-security-policy"]), /default-src 'self'/);
    // Served over plain http on a practice network, upgrading requests to https would break the app.
    assert.doesNotMatch(String(ok.headers["content-security-policy"]), /upgrade-insecure-requests/);
    assert.equal(ok.headers["x-content-type-options"], "nosniff");
    assert.ok(ok.headers["x-frame-options"]);
    assert.ok(ok.headers["strict-transport-security"]);
    await database.close();
    const down = await app.inject({ method: "GET", url: "/healthz" });
    assert.equal(down.statusCode, 503);
    await app.close();
  });

  it("an unexpected failure answers a generic 500 with no stack trace", async () => {
    const database = await openFromTemplate();
    const app = await testServer(testContext(database));
    await database.close();
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: "a@b.example", password: "whatever" },
    });
    assert.equal(res.statusCode, 500);
    assert.equal(res.json().error.code, "internal");
    assert.doesNotMatch(res.body, /at .*\.ts|PGlite|stack/);
    await app.close();
  });
});
