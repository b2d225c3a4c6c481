// The test-time response check (src/server/response-check.ts): every contracted JSON success answer must be
// what its schema says, including no field the schema does not name; errors and files are left alone.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import Fastify from "fastify";
import { z } from "zod";
import { installResponseCheck, responseProblems, undocumentedFields } from "../../src/server/response-check";

const item = z.object({ id: z.string(), at: z.string().nullable() });
const schema = z.object({ items: z.array(item), total: z.number() });

describe("the response check", () => {
  it("names fields outside the contract, nested and in lists, and wrong types", () => {
    assert.equal(responseProblems(schema, { items: [{ id: "a", at: null }], total: 1 }), null);
    assert.deepEqual(
      undocumentedFields(
        {
          items: [
            { id: "a", at: null },
            { id: "b", at: null, secret: 1 },
          ],
          total: 2,
          x: 0,
        },
        {
          items: [
            { id: "a", at: null },
            { id: "b", at: null },
          ],
          total: 2,
        },
      ),
      ["items[1].secret", "x"],
    );
    assert.match(responseProblems(schema, { items: [{ id: 3, at: null }], total: 1 })!, /items\.0\.id/);
    assert.match(
      responseProblems(schema, { items: [], total: 0, extra: true })!,
      /not in the contract: extra/,
    );
  });

  it("turns a drifting answer into a 500 naming the route, and leaves matching answers, errors and files alone", async () => {
    const app = Fastify();
    installResponseCheck(app, [
      { method: "GET", path: "/things/:id", summary: "", tag: "", response: schema },
      { method: "GET", path: "/file", summary: "", tag: "", response: schema },
    ]);
    let answer: unknown = { items: [], total: 0 };
    let status = 200;
    app.get("/things/:id", async (_req, reply) => reply.code(status).send(answer));
    app.get("/file", async (_req, reply) => reply.type("text/csv").send("a,b\n"));
    app.get("/unlisted", async () => ({ anything: true }));
    const get = (url: string) => app.inject({ method: "GET", url });

    assert.equal((await get("/things/1")).statusCode, 200);
    answer = { items: [{ id: "a", at: null, note: "x" }], total: 1 };
    const drift = await get("/things/1");
    assert.equal(drift.statusCode, 500);
    assert.match(
      drift.json().error.message,
      /GET \/things\/:id answered outside its contract: .*items\[0\]\.note/,
    );
    status = 404;
    answer = { error: { code: "not-found", message: "gone" } };
    assert.equal((await get("/things/1")).statusCode, 404, "an error answer is not a success answer");
    assert.equal((await get("/file")).statusCode, 200, "a file is not JSON");
    assert.equal((await get("/unlisted")).statusCode, 200, "a route without a contract is not checked");
    await app.close();
  });
});
