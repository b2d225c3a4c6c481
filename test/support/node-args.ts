import { spawnSync } from "node:child_process";
/**
 * How tests start a child Node process from source. `--liftoff-only` keeps V8 on its baseline WebAssembly
 * compiler, as `npm start` does: embedded PostgreSQL is a large WebAssembly module, and optimising it again in
 * every short-lived process cost a quarter of a test file's CPU and half its memory (measured on
 * test/policy/separation-of-duties.test.ts: 18.1 s to 13.6 s of CPU, 1.09 GB to 0.58 GB peak).
 */
export const TSX: readonly string[] = ["--liftoff-only", "--import", "tsx"];

/**
 * The CLI as a process: `spawnSync(process.execPath, [...CLI, "policy", "show", …])`. Under `npm test` it is
 * the bundle scripts/test.mjs built from the sources at the start of the run (`SAFEPOST_TEST_CLI`), which
 * starts in half the CPU of the sources through tsx; a test file run on its own runs the sources.
 */
export const CLI: readonly string[] = process.env.SAFEPOST_TEST_CLI
  ? ["--liftoff-only", process.env.SAFEPOST_TEST_CLI]
  : [...TSX, "src/cli/main.ts"];

/** Runs the CLI on the embedded database in `dataDir` (no PostgreSQL, no log lines). */
export function cliOnData(dataDir: () => string) {
  return (args: string[]) =>
    spawnSync(process.execPath, [...CLI, ...args], {
      encoding: "utf8",
      env: { ...process.env, SAFEPOST_DATA_DIR: dataDir(), DATABASE_URL: "", SAFEPOST_LOG_LEVEL: "silent" },
    });
}
