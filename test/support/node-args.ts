import { spawnSync } from "node:child_process";
/**
 * How tests start a child Node process from source. `--liftoff-only` keeps V8 on its baseline WebAssembly
 * compiler, as `npm start` does: embedded PostgreSQL is a large WebAssembly module, and optimising it again in
 * every short-lived process cost a quarter of a test file's CPU and half its memory (measured on
 * test/policy/separation-of-duties.test.ts: 18.1 s to 13.6 s of CPU, 1.09 GB to 0.58 GB peak).
 */
export const TSX: readonly string[] = ["--liftoff-only", "--import", "tsx"];

/** The CLI from source: `spawnSync(process.execPath, [...SOURCE_CLI, "policy", "show", …])`. */
export const SOURCE_CLI: readonly string[] = [...TSX, "src/cli/main.ts"];

/** Runs the CLI from source on the embedded database in `dataDir` (no PostgreSQL, no log lines). */
export function cliOnData(dataDir: () => string) {
  return (args: string[]) =>
    spawnSync(process.execPath, [...SOURCE_CLI, ...args], {
      encoding: "utf8",
      env: { ...process.env, SAFEPOST_DATA_DIR: dataDir(), DATABASE_URL: "", SAFEPOST_LOG_LEVEL: "silent" },
    });
}
