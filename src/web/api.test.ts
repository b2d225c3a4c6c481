import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { ApiError, api, setCsrfToken } from "./api";

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

const realFetch = globalThis.fetch;

function fakeFetch(status: number, body: unknown): Seen[] {
  const seen: Seen[] = [];
  globalThis.fetch = (async (url: string, init: RequestInit = {}) => {
    seen.push({
      url,
      method: init.method ?? "GET",
      headers: init.headers as Record<string, string>,
      body: init.body as string | undefined,
    });
    const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status });
  }) as typeof fetch;
  return seen;
}

describe("web API client", () => {
  afterEach(() => {
    globalThis.fetch = realFetch;
    setCsrfToken(null);
  });

  it("sends the session's CSRF token on state-changing requests only", async () => {
    setCsrfToken("csrf-123");
    const seen = fakeFetch(200, { members: [] });
    await api.members("p1");
    await api.setRoles("p1", "u1", ["staff"]);
    await api.revokeInvite("p1", "i1").catch(() => undefined);
    assert.equal(seen[0]!.headers["x-csrf-token"], undefined);
    assert.equal(seen[1]!.method, "PATCH");
    assert.equal(seen[1]!.headers["x-csrf-token"], "csrf-123");
    assert.equal(seen[1]!.body, JSON.stringify({ roles: ["staff"] }));
    assert.equal(seen[2]!.method, "DELETE");
    assert.equal(seen[2]!.headers["x-csrf-token"], "csrf-123");
  });

  it("turns an error body into an ApiError with its code, sentence and fields", async () => {
    fakeFetch(400, {
      error: { code: "invalid-input", message: "Please enter a name.", fields: { name: "Required." } },
    });
    const err = await api
      .invite("p1", { email: "a@b.example", name: "", roles: ["staff"] })
      .catch((e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 400);
    assert.equal(err.code, "invalid-input");
    assert.equal(err.message, "Please enter a name.");
    assert.deepEqual(err.fields, { name: "Required." });
    assert.equal(err.path, "/api/practices/p1/invites");
  });

  it("gives a plain sentence when the server answers without a JSON error, or cannot be reached", async () => {
    fakeFetch(502, "<html>Bad gateway</html>");
    const bad = await api.session().catch((e: unknown) => e);
    assert.ok(bad instanceof ApiError && bad.code === "internal" && /went wrong/.test(bad.message));
    globalThis.fetch = (async () => {
      throw new TypeError("fetch failed");
    }) as typeof fetch;
    const offline = await api.session().catch((e: unknown) => e);
    assert.ok(offline instanceof ApiError && offline.code === "network");
  });

  it("returns nothing for 204 and builds the audit query", async () => {
    const seen = fakeFetch(204, undefined);
    assert.equal(await api.signOut(), undefined);
    const seen2 = fakeFetch(200, {
      entries: [],
      nextBefore: null,
      chain: { ok: true, checked: 0, problems: [] },
    });
    await api.audit("p1", "42", 50);
    assert.equal(seen[0]!.url, "/api/auth/sign-out");
    assert.equal(seen2[0]!.url, "/api/practices/p1/audit?limit=50&before=42");
  });
});
