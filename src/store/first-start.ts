// A fresh install starts from a database that the build made ready (`dist/pglite-template.tar.gz`): an
// empty PGlite data folder, already initialised and migrated, holding no practice, person or secret.
// Initialising PGlite (initdb) and running every migration took most of a first start; copying this
// folder takes a fraction of it. The migrations still run at every start, so a template older than the
// code is brought up to date like any database.
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { openDatabase } from "./database";

export const TEMPLATE_FILE = "pglite-template.tar.gz";

/** dist/pglite-template.tar.gz under the package root, found by walking up to package.json. */
export function templatePath(from = dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return join(dir, "dist", TEMPLATE_FILE);
    if (dirname(dir) === dir) return null;
  }
}

/** True when `dataDir` holds no database yet (missing or empty). */
export function isFreshDataFolder(dataDir: string): boolean {
  return !existsSync(dataDir) || readdirSync(dataDir).length === 0;
}

/** The template to start a fresh data folder from, or undefined to initialise one from nothing. */
export function firstStartTemplate(dataDir: string): Blob | undefined {
  if (!isFreshDataFolder(dataDir)) return undefined;
  const file = templatePath();
  if (!file || !existsSync(file)) return undefined;
  return new Blob([new Uint8Array(readFileSync(file))]);
}

/**
 * Writes an initialised, migrated, empty PGlite data folder to `file` as a tar (gzip-compressed when asked):
 * the build's first-start template, and the test suite's template. Written whole, then renamed, so two
 * writers at once each leave a complete file.
 */
export async function writeEmptyDatabase(file: string, options: { gzip: boolean }): Promise<void> {
  const database = await openDatabase({});
  try {
    const tar = Buffer.from(await (await database.dump!()).arrayBuffer());
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, options.gzip ? gzipSync(tar) : tar);
    renameSync(partial, file);
  } finally {
    await database.close();
  }
}
