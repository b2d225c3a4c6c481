import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { webRoot } from "../../src/cli/commands/serve";
import { ensureWebBuilt } from "../../e2e/support/build";
import { CLI } from "../support/node-args";

describe("safepost serve", () => {
  it("finds the built web app whether it runs bundled (dist/chunks) or from source", () => {
    const root = resolve(".");
    assert.equal(webRoot(join(root, "dist", "chunks")), join(root, "dist", "web"));
    assert.equal(webRoot(join(root, "src", "cli", "commands")), join(root, "dist", "web"));
  });

  it("serves the web app, the API and the public policy page from one process, as npm start does", async () => {
    const server = await startServe("text");
    try {
      const { url } = server;
      const page = await fetch(`${url}/sign-in`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<div id="root">|<script type="module"/);
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
      const pub = await fetch(`${url}/p/riverside/social-media-policy`);
      assert.equal(pub.status, 200);
      assert.match(await pub.text(), /Riverside Surgery/);
      assert.equal((await fetch(`${url}/api/nothing-here`)).status, 404);
      // A quiet console: the demo's sign-in lines and one start line; no request logs, nothing on stderr.
      await new Promise((r) => setTimeout(r, 200));
      const out = server.out();
      const lines = out.trim().split("\n");
      assert.equal(lines.filter((l) => /running at/.test(l)).length, 1, out);
      assert.match(out, /password: demo-password-1/);
      assert.doesNotMatch(out, /request|listening|"level"/i);
      assert.equal(server.err(), "");
    } finally {
      await server.stop();
    }
  });

  it("writes only JSON records in the JSON log format, and never the demo password", async () => {
    const server = await startServe("json");
    try {
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      await new Promise((r) => setTimeout(r, 200));
      const out = server.out();
      for (const line of out.trim().split("\n")) assert.doesNotThrow(() => JSON.parse(line), line);
      assert.match(out, /Riverside Surgery/);
      assert.match(out, /safepost demo show-password/);
      assert.doesNotMatch(out, /demo-password-1/);
    } finally {
      await server.stop();
    }
  });
});

/** Starts `safepost serve` on a fresh data folder with the demo, as `npm start` does, and waits for its start line. */
async function startServe(format: "text" | "json") {
  ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), "safepost-serve-"));
  const child = spawn(process.execPath, [...CLI, "serve"], {
    env: {
      ...process.env,
      PORT: "0",
      SAFEPOST_DATA_DIR: dir,
      DATABASE_URL: "",
      SAFEPOST_DEMO_PASSWORD: "demo-password-1",
      SAFEPOST_LOG_LEVEL: "info",
      SAFEPOST_LOG_FORMAT: format,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 120 s:\n${out}`)), 120_000);
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /running at (http:\/\/[^\s"]+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolveUrl(m[1]!);
        }
      });
      child.on("exit", (code) => reject(new Error(`exited ${code}:\n${out}`)));
    });
    return { url, out: () => out, err: () => err, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
