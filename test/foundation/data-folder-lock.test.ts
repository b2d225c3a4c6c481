import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config";
import { DataFolderInUse, openRuntime, type Runtime } from "../../src/runtime";
import { lockDataFolder } from "../../src/store/data-folder-lock";
import { CLI, TSX } from "../support/node-args";

/** A separate process that takes the lock on `dataDir` and holds it until killed. */
async function holdLockInAnotherProcess(dataDir: string): Promise<ChildProcess> {
  const script =
    'import { lockDataFolder } from "./src/store/data-folder-lock.ts";' +
    `lockDataFolder(${JSON.stringify(dataDir)}); process.stdout.write("held\\n"); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, [...TSX, "--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("held") && resolve());
    child.once("exit", (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return child;
}

async function kill9(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}

describe("the embedded database's data folder", () => {
  it("is used by one safepost process at a time; a second is refused in plain words and may open it afterwards", async () => {
    const dir = mkdtempSync(join(tmpdir(), "safepost-lock-"));
    const config = loadConfig({ SAFEPOST_DATA_DIR: join(dir, "db") });
    let first: Runtime | null = null;
    try {
      first = await openRuntime(config);
      await assert.rejects(openRuntime(config), DataFolderInUse);
      const cli = spawnSync(process.execPath, [...CLI, "audit", "verify"], {
        env: { ...process.env, SAFEPOST_DATA_DIR: join(dir, "db"), DATABASE_URL: "" },
        encoding: "utf8",
      });
      assert.equal(cli.status, 1);
      assert.match(cli.stderr, /another safepost process is using the data folder/);
      assert.doesNotMatch(cli.stderr, /\n\s+at /, "no stack trace");
      await first.close();
      first = null;
      const again = await openRuntime(config);
      await again.close();
    } finally {
      await first?.close(); // a failed assertion still closes the database it opened
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("stays locked while its owner lives, however long since it last did anything", async () => {
    const dir = mkdtempSync(join(tmpdir(), "safepost-lock-"));
    const dataDir = join(dir, "db");
    const holder = await holdLockInAnotherProcess(dataDir);
    try {
      const anHourAgo = new Date(Date.now() - 3_600_000);
      utimesSync(`${dataDir}.lock`, anHourAgo, anHourAgo);
      utimesSync(join(`${dataDir}.lock`, "owner.json"), anHourAgo, anHourAgo);
      assert.throws(() => lockDataFolder(dataDir), DataFolderInUse);
    } finally {
      await kill9(holder);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is taken at once after its owner was killed with kill -9", async () => {
    const dir = mkdtempSync(join(tmpdir(), "safepost-lock-"));
    const dataDir = join(dir, "db");
    try {
      const holder = await holdLockInAnotherProcess(dataDir);
      await kill9(holder);
      const started = Date.now();
      const release = lockDataFolder(dataDir);
      assert.ok(Date.now() - started < 1_000, "no waiting for the dead owner's lock to go stale");
      assert.throws(() => lockDataFolder(dataDir), DataFolderInUse, "and it is ours now");
      release();
      lockDataFolder(dataDir)();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes over a lock left by an older safepost (no owner recorded) once it is a few seconds old", () => {
    const dir = mkdtempSync(join(tmpdir(), "safepost-lock-"));
    const dataDir = join(dir, "db");
    try {
      mkdirSync(`${dataDir}.lock`, { recursive: true });
      assert.throws(() => lockDataFolder(dataDir), DataFolderInUse, "a lock being made right now");
      const old = new Date(Date.now() - 60_000);
      utimesSync(`${dataDir}.lock`, old, old);
      lockDataFolder(dataDir)();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
