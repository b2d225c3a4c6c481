#!/usr/bin/env node
// Builds the server and CLI into dist/cli.js (one esbuild bundle) and the web app into dist/web (Vite).
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { bundleCli } from "./cli-bundle.mjs";

await bundleCli("dist", { cli: "src/cli/main.ts", "build-template": "src/store/build-template.ts" });

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
