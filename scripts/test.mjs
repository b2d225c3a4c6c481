#!/usr/bin/env node
// Runs every test with Node's own runner (TypeScript through tsx).
//   npm test                  every tier: unit, integration, browser
//   npm test -- src/core      only files under the given paths
//   npm test -- --no-e2e      skip the browser tests (e2e/)
import { spawnSync } from "node:child_process";
import { readdirSync, statSync, existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { bundleCli } from "./cli-bundle.mjs";

const args = process.argv.slice(2);
const noE2e = args.includes("--no-e2e");
const roots = args.filter((a) => !a.startsWith("--"));

function walk(dir, out) {
  if (!existsSync(dir)) return out;
  if (statSync(dir).isFile()) {
    if (/\.test\.tsx?$/.test(dir)) out.push(dir);
    return out;
  }
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    walk(join(dir, name), out);
  }
  return out;
}

let files = (roots.length ? roots : ["src", "test", "e2e"]).flatMap((r) => walk(r, []));
if (noE2e) files = files.filter((f) => !f.startsWith("e2e"));
files.sort();
if (files.length === 0) {
  console.error("test: no test files found");
  process.exit(1);
}
const env = { ...process.env, NODE_ENV: "test" };
// The tests that run the CLI as a process run it bundled, as `npm start` does, not from source through tsx:
// transpiling the sources again in every such process cost two to three times the CPU of the command itself.
// The bundle is this run's own (the sources as they are now), kept apart from dist/ so that a stale or
// half-built dist/ cannot mislead a test, and removed at the end.
const cliDir = resolve("dist", `.test-cli-${process.pid}`);
await bundleCli(cliDir);
env.SAFEPOST_TEST_CLI = join(cliDir, "cli.js");
process.on("exit", () => rmSync(cliDir, { recursive: true, force: true }));
// One migrated PGlite for every test file to copy (test/support/template.ts), built before they start
// so two files do not both build it; a no-op while the cached copy is current.
const template = spawnSync(
  process.execPath,
  [
    "--liftoff-only",
    "--import",
    "tsx",
    "--input-type=module",
    "-e",
    'await (await import("./test/support/template.ts")).templateFile();',
  ],
  { stdio: "inherit", env },
);
if (template.status !== 0) process.exit(template.status ?? 1);
// Four files at once on two cores: a test file spends much of its time waiting (on the CLI processes it
// starts, on the PostgreSQL server, on the browser), and two at a time left the machine half idle.
const concurrency = process.env.SAFEPOST_TEST_CONCURRENCY ?? "4";
// SAFEPOST_TEST_TIMES=<folder>: each test file's process writes its wall and CPU time there (docs/testing.md).
const times = process.env.SAFEPOST_TEST_TIMES ? ["--import", "./test/support/file-times.mjs"] : [];
const result = spawnSync(
  process.execPath,
  // --liftoff-only reaches every test file's process (Node passes its flags on): see test/support/node-args.ts.
  [
    "--liftoff-only",
    "--import",
    "tsx",
    ...times,
    "--test",
    `--test-concurrency=${concurrency}`,
    "--test-reporter=spec",
    ...files,
  ],
  { stdio: "inherit", env },
);
process.exit(result.status ?? 1);
