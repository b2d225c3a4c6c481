// The server and CLI as one esbuild bundle split into chunks, so each command loads only what it needs.
// scripts/build.mjs writes it to dist/ for `npm start`; scripts/test.mjs writes a private copy for the tests
// that run the CLI as a process (test/support/node-args.ts).
import { build } from "esbuild";
import { chmodSync, rmSync } from "node:fs";
import { join } from "node:path";

/** Bundles `entryPoints` (name → source file) into `outdir`; `cli` becomes an executable `cli.js`. */
export async function bundleCli(outdir, entryPoints = { cli: "src/cli/main.ts" }) {
  rmSync(join(outdir, "chunks"), { recursive: true, force: true });
  await build({
    entryPoints,
    outdir,
    chunkNames: "chunks/[name]-[hash]",
    splitting: true,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    packages: "external",
    sourcemap: true,
    // The embedded database is PostgreSQL compiled to WebAssembly. V8's optimising compiler compiles its hot
    // functions a second time, which costs about 100 MB of memory for no gain a practice would notice; the
    // baseline compiler alone stays small (docs/benchmarks.md). V8 reads the flag only at start, hence here.
    banner: { js: "#!/usr/bin/env -S node --liftoff-only" },
    logLevel: "warning",
  });
  if (entryPoints.cli) chmodSync(join(outdir, "cli.js"), 0o755);
}
