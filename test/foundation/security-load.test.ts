import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { connect, type AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import type { FastifyInstance } from "fastify";
import { openFromTemplate } from "../support/template";
import { testContext } from "../support/context";
import { Client, PASSWORD } from "../support/http";
import { createUser } from "../../src/app/users/create-user";
import { buildServer } from "../../src/server/app";
import { createLogger } from "../../src/server/logger";
import { limitFor } from "../../src/server/rate-limits";
import type { OpenDatabase } from "../../src/store/database";

describe("one client cannot freeze or flood the server", () => {
  let database: OpenDatabase;
  let app: FastifyInstance;
  const lines: string[] = [];
  before(async () => {
    database = await openFromTemplate();
    const destination = new PassThrough();
    destination.on("data", (c: Buffer) => lines.push(...c.toString().split("\n").filter(Boolean)));
    app = await buildServer(testContext(database), {
      logger: createLogger({ level: "info", format: "json", destination }),
    });
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it("limits the costly and public routes per address", () => {
    assert.equal(limitFor("POST", "/api/check"), 60);
    assert.equal(limitFor("POST", "/api/auth/reset-password"), 20);
    assert.equal(limitFor("POST", "/api/invites/lookup"), 30);
    assert.equal(limitFor("POST", "/api/invites/accept"), 20);
    assert.equal(limitFor("GET", "/p/:slug/social-media-policy"), 300);
    assert.equal(limitFor("GET", "/api/session"), null);
  });

  it("checking posts: past the limit an address gets a plain 429, other addresses do not", async () => {
    await createUser(database.db, { email: "checker@x.example", name: "Chris Checker", password: PASSWORD });
    const flood = new Client(app, "10.50.0.1");
    assert.equal((await flood.signIn("checker@x.example")).status, 200);
    for (let i = 0; i < 60; i++)
      assert.equal((await flood.post("/api/check", { text: "Our flu clinic opens on Monday." })).status, 200);
    const over = await flood.post("/api/check", { text: "Our flu clinic opens on Monday." });
    assert.equal(over.status, 429);
    assert.equal(over.body.error.code, "too-many-requests");
    assert.match(over.body.error.message, /Please wait \d+ seconds/);
    const elsewhere = new Client(app, "10.50.0.2");
    assert.equal((await elsewhere.signIn("checker@x.example")).status, 200);
    const other = await elsewhere.post("/api/check", { text: "Hello." });
    assert.equal(other.status, 200);
  });

  it("asking for reset links and looking up invitations are limited too", async () => {
    const c = new Client(app, "10.50.1.1");
    for (let i = 0; i < 10; i++)
      assert.equal((await c.post("/api/auth/forgot-password", { email: `a${i}@x.example` })).status, 202);
    assert.equal((await c.post("/api/auth/forgot-password", { email: "b@x.example" })).status, 429);
    const l = new Client(app, "10.50.1.2");
    for (let i = 0; i < 30; i++)
      assert.equal((await l.post("/api/invites/lookup", { token: `no-such-token-${i}` })).status, 404);
    assert.equal((await l.post("/api/invites/lookup", { token: "no-such-token-x" })).status, 429);
  });

  it("sets request, header and idle timeouts", () => {
    assert.equal(app.server.requestTimeout, 30_000);
    assert.equal(app.initialConfig.connectionTimeout, 60_000);
    assert.equal(app.server.headersTimeout, 15_000);
  });

  it("a client that disconnects mid-request is not logged as an error", async () => {
    await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.write(
          "POST /api/auth/sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
            'Content-Length: 5000\r\n\r\n{"email": "someone@x.example", "pass',
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100);
      });
      socket.on("error", reject);
    });
    await new Promise((r) => setTimeout(r, 300));
    const problems = lines.filter((l) => /"level":(50|60)/.test(l) || /unhandled/.test(l));
    assert.deepEqual(problems, []);
  });
});
