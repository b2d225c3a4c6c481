// `safepost secrets rotate` run as a process: refused with a plain sentence while a safepost server has the
// embedded database's data folder open (the key file untouched), and done once that server has stopped.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config";
import { openRuntime } from "../../src/runtime";
import { CLI } from "../support/node-args";

/** Runs the CLI from source (asynchronously: the server under test lives in this process). */
function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      env: { ...process.env, DATABASE_URL: "", SAFEPOST_SECRET_KEY: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => done({ status: code ?? 1, stdout, stderr }));
  });
}

describe("safepost secrets rotate and a running server", () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), "safepost-rotate-cli-"));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("refuses while the server has the data folder open, saying how to stop it, and rotates once it stops", async () => {
    const env = { SAFEPOST_DATA_DIR: join(root, "db"), SAFEPOST_KEY_FILE: join(root, "secret.key") };
    const server = await openRuntime(loadConfig(env));
    const keyBefore = readFileSync(env.SAFEPOST_KEY_FILE, "utf8");
    let closed = false;
    try {
      const refused = await cli(["secrets", "rotate"], env);
      assert.notEqual(refused.status, 0, refused.stdout);
      assert.match(refused.stderr, /safepost is running on this data folder/);
      assert.match(refused.stderr, /Stop it first/);
      assert.doesNotMatch(refused.stderr, /at .*\.ts:\d+/, "no stack trace");
      assert.equal(readFileSync(env.SAFEPOST_KEY_FILE, "utf8"), keyBefore, "the key is unchanged");
      await server.close();
      closed = true;

      const done = await cli(["secrets", "rotate"], env);
      assert.equal(done.status, 0, done.stderr);
      assert.match(done.stdout, /Sealed again under the new key/);
      assert.notEqual(readFileSync(env.SAFEPOST_KEY_FILE, "utf8"), keyBefore, "the key was replaced");
    } finally {
      if (!closed) await server.close();
    }
  });
});
