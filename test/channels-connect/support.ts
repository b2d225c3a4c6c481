import { PassThrough } from "node:stream";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../src/app/context";
import { buildServer } from "../../src/server/app";
import { createLogger } from "../../src/server/logger";
import { CONNECT_CALLBACK_PATH } from "../../src/app/channels/connect";
import { overridePlatform } from "../../src/app/channels/connect-platforms";
import type { Client } from "../support/http";
import type { TestAuthServer } from "./oauth-server";

/** A server whose every log line (at debug, the most it writes) is kept for the test to search. */
export async function loggingServer(ctx: AppContext): Promise<{ app: FastifyInstance; logs: string[] }> {
  const logs: string[] = [];
  const destination = new PassThrough();
  destination.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
  const app = await buildServer(ctx, {
    logger: createLogger({ level: "debug", format: "json", destination }),
    checkResponses: true,
  });
  return { app, logs };
}

/** Points safepost's X settings at the test's authorisation server (restored by the returned function). */
export const xAtTestServer = (auth: TestAuthServer) =>
  overridePlatform("x", {
    issuer: auth.issuer,
    authorizationEndpoint: `${auth.issuer}/auth`,
    tokenEndpoint: `${auth.issuer}/token`,
    apiBase: auth.issuer,
  });

/**
 * Presses "Connect" as `client`, signs in at the platform, and comes back: the callback's page is checked to
 * send the browser on (same-site) to the finishing address, which is returned with the query the platform sent.
 */
export async function connectAtPlatform(
  client: Client,
  auth: TestAuthServer,
  startPath: string,
  baseUrl: string,
): Promise<{ finishPath: string }> {
  const start = await client.get(startPath);
  assert.equal(start.status, 302, start.text);
  const location = String(start.headers.location);
  assert.ok(location.startsWith(`${auth.issuer}/auth?`), location);
  const back = await auth.browse(location, `${baseUrl}${CONNECT_CALLBACK_PATH}`);
  const callback = await client.get(back.slice(baseUrl.length));
  assert.equal(callback.status, 200);
  const refresh = /http-equiv="refresh" content="0; url=([^"]+)"/.exec(callback.text);
  assert.ok(refresh, callback.text);
  return { finishPath: refresh[1]!.replace(/&amp;/g, "&").replace(/&#38;/g, "&") };
}
