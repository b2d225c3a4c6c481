import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { LevelWithSilent } from "pino";
import { openFromTemplate } from "../support/template";
import { testContext } from "../support/context";
import { buildServer } from "../../src/server/app";
import { createLogger, type LogFormat } from "../../src/server/logger";
import type { OpenDatabase } from "../../src/store/database";

/** A server whose log lines are collected, with the requests every test makes. */
async function serverLogging(database: OpenDatabase, level: LevelWithSilent, format: LogFormat) {
  const lines: string[] = [];
  const destination = new PassThrough();
  destination.on("data", (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean)));
  const app = await buildServer(testContext(database), {
    logger: createLogger({ level, format, destination }),
  });
  await app.inject({ method: "GET", url: "/healthz" });
  await app.inject({ method: "GET", url: "/api/no-such-thing?email=someone%40example.org" });
  await app.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { email: "private.person@example.org", password: "not-the-password-123" },
  });
  // pino-pretty writes asynchronously through the stream: let it drain.
  await new Promise((resolve) => setImmediate(resolve));
  return { app, lines };
}

describe("the server's log", () => {
  const apps: FastifyInstance[] = [];
  const databases: OpenDatabase[] = [];
  after(async () => {
    for (const app of apps) await app.close();
    for (const database of databases) await database.close();
  });

  it("stays quiet at the default level: requests are not logged at info", async () => {
    const database = await openFromTemplate();
    databases.push(database);
    const { app, lines } = await serverLogging(database, "info", "text");
    apps.push(app);
    assert.deepEqual(lines, []);
  });

  it("logs each request once at debug with its route pattern and status, never bodies or query strings", async () => {
    const database = await openFromTemplate();
    databases.push(database);
    const { app, lines } = await serverLogging(database, "debug", "text");
    apps.push(app);
    const requests = lines.filter((l) => l.startsWith("request"));
    assert.equal(requests.length, 3, lines.join("\n"));
    assert.match(requests[0]!, /"route":"\/healthz".*"status":200/);
    assert.match(requests[1]!, /"route":"unmatched".*"status":404/);
    assert.match(requests[2]!, /"route":"\/api\/auth\/sign-in".*"status":401/);
    const all = lines.join("\n");
    assert.doesNotMatch(all, /private\.person|someone|not-the-password/);
  });

  it("writes one JSON object per line when the format is json", async () => {
    const database = await openFromTemplate();
    databases.push(database);
    const { app, lines } = await serverLogging(database, "debug", "json");
    apps.push(app);
    assert.ok(lines.length >= 3);
    for (const line of lines) {
      const entry = JSON.parse(line) as { level: number; msg: string };
      assert.equal(typeof entry.level, "number");
      assert.equal(typeof entry.msg, "string");
    }
    assert.equal(lines.filter((l) => (JSON.parse(l) as { msg: string }).msg === "request").length, 3);
  });

  it("prefixes warnings with their level in the text format, and nothing else", () => {
    const lines: string[] = [];
    const destination = new PassThrough();
    destination.on("data", (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean)));
    const logger = createLogger({ level: "info", format: "text", destination });
    logger.info("all is well");
    logger.warn("the mail server did not answer");
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        assert.deepEqual(lines, ["all is well", "WARN: the mail server did not answer"]);
        resolve();
      }),
    );
  });
});
