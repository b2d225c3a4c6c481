#!/usr/bin/env node
// Builds the server and CLI into dist/cli.js (one esbuild bundle) and the web app into dist/web (Vite).
import { build } from "esbuild";
import { chmodSync, existsSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";

rmSync("dist/chunks", { recursive: true, force: true });
await build({
  // One entry (dist/cli.js) split into chunks, so each command loads only what it needs.
  entryPoints: { cli: "src/cli/main.ts", "build-template": "src/store/build-template.ts" },
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  splitting: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  // The embedded database is PostgreSQL compiled to WebAssembly. V8's optimising compiler compiles its hot
  // functions a second time, which costs about 100 MB of memory for no gain a practice would notice; the
  // baseline compiler alone stays small (docs/benchmarks.md). V8 reads the flag only at start, hence here.
  banner: { js: "#!/usr/bin/env -S node --liftoff-only" },
  logLevel: "warning",
});
chmodSync("dist/cli.js", 0o755);

// The first-start template: an initialised, migrated, empty embedded database (src/store/first-start.ts).
{
  const r = spawnSync(process.execPath, ["dist/build-template.js", "dist/pglite-template.tar.gz"], {
    stdio: "inherit",
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (existsSync("src/web/index.html")) {
  const r = spawnSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"], {
    stdio: "inherit",
    // Always React's production build, whatever NODE_ENV the caller has (the test runner sets "test").
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
