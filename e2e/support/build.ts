import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmdirSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const WEB_INDEX = "dist/web/index.html";
/** What the web bundle is built from: if any of it is newer than the bundle, rebuild. */
const SOURCES = ["src/web", "src/core", "vite.config.ts", "package-lock.json"];
const LOCK = "dist/.web-build.lock";

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

function isStale(): boolean {
  if (!existsSync(WEB_INDEX)) return true;
  const built = statSync(WEB_INDEX).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

const sleep = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds the web app (vite build, as scripts/build.mjs does) when dist/web is missing or older than its sources.
 * Test files run in parallel, so a lock directory makes sure only one of them builds at a time.
 */
export function ensureWebBuilt(): void {
  if (!isStale()) return;
  mkdirSync("dist", { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Someone else is building; a lock older than two minutes was left by a crashed run.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000) rmdirSync(LOCK);
      if (Date.now() - started > 180_000)
        throw new Error("e2e: timed out waiting for another web build to finish");
      sleep(250);
    }
  }
  try {
    if (!isStale()) return;
    // Only the web half of scripts/build.mjs: the CLI bundle is not needed here, and a half-edited CLI file
    // elsewhere in a shared checkout should not fail the browser tests.
    const r = spawnSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"], {
      // The test runner sets NODE_ENV=test; the bundle must be the production build people get.
      env: { ...process.env, NODE_ENV: "production" },
      stdio: "inherit",
    });
    if (r.status !== 0)
      throw new Error("e2e: building the web app failed (vite build); see the output above");
  } finally {
    rmdirSync(LOCK);
  }
}

/** True when the folder holds index.html and every script and stylesheet it names. */
function isComplete(dir: string): boolean {
  const index = join(dir, "index.html");
  if (!existsSync(index)) return false;
  const refs = [...readFileSync(index, "utf8").matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map(
    (m) => m[1]!,
  );
  return refs.length > 0 && refs.every((r) => existsSync(join(dir, r)));
}

/**
 * A private copy of the built web app for one test server. Others run `npm run build` in this checkout at any
 * moment, which empties dist/web for a few seconds; serving a snapshot keeps a browser test from seeing that.
 */
export function snapshotWebBuild(): { dir: string; remove(): void } {
  for (let attempt = 0; attempt < 20; attempt++) {
    ensureWebBuilt();
    const dir = mkdtempSync(join(tmpdir(), "safepost-web-"));
    try {
      cpSync(WEB_INDEX.replace(/\/index\.html$/, ""), dir, { recursive: true });
    } catch {
      // dist/web changed under us; try again
    }
    if (isComplete(dir)) return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
    rmSync(dir, { recursive: true, force: true });
    sleep(500);
  }
  throw new Error("e2e: could not take a complete copy of dist/web (is someone rebuilding it in a loop?)");
}
