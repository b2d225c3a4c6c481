// One migrated PGlite data folder, built once and copied into every test's database: booting an empty
// PGlite (initdb) and migrating it cost most of a test file's time. The copy is a tar on disk, named by a
// hash of everything that shapes it, so it is rebuilt only when a migration or PGlite changes.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { openDatabase, type DatabaseOptions, type OpenDatabase } from "../../src/store/database";
import { isFreshDataFolder, writeEmptyDatabase } from "../../src/store/first-start";

const root = resolve(import.meta.dirname, "../..");
const cacheDir = join(root, "node_modules", ".cache", "safepost-test");

/** A hash of the migrations, the database module and PGlite's version: what the template depends on. */
function templateKey(): string {
  const hash = createHash("sha256");
  const migrations = join(root, "src", "store", "migrations");
  for (const name of readdirSync(migrations).sort())
    hash.update(name).update(readFileSync(join(migrations, name)));
  hash.update(readFileSync(join(root, "src", "store", "database.ts")));
  // The job queue's schema (pg-boss) is in the template too.
  hash.update(readFileSync(join(root, "src", "jobs", "queue.ts")));
  hash.update(readFileSync(join(root, "node_modules", "pg-boss", "package.json")));
  hash.update(readFileSync(join(root, "node_modules", "@electric-sql", "pglite", "package.json")));
  return hash.digest("hex").slice(0, 16);
}

/** The template's file, built now if missing (concurrent builders each write a whole file, then rename). */
export async function templateFile(): Promise<string> {
  const file = join(cacheDir, `pglite-${templateKey()}.tar`);
  if (existsSync(file)) return file;
  mkdirSync(cacheDir, { recursive: true });
  await writeEmptyDatabase(file, { gzip: false });
  return file;
}

let loaded: Promise<Blob> | null = null;

/**
 * A fresh, migrated in-memory PGlite, copied from the template (read once per process). Its job queue runs
 * on a test clock unless told otherwise: tests move time by hand, and runDueJobs moves the queue's clock too.
 */
export async function openFromTemplate(
  jobs: NonNullable<DatabaseOptions["jobs"]> = { clock: "test" },
): Promise<OpenDatabase> {
  return openDatabase({ from: await templateBlob(), jobs });
}

function templateBlob(): Promise<Blob> {
  loaded ??= templateFile().then((file) => new Blob([readFileSync(file)]));
  return loaded;
}

/**
 * The app's database in the data folder `dataDir` (as the CLI and `npm start` keep it), started from the template
 * when the folder is new, so a test that hands the folder to the CLI does not wait for initdb and every migration.
 */
export async function openDataFolder(
  dataDir: string,
  jobs?: NonNullable<DatabaseOptions["jobs"]>,
): Promise<OpenDatabase> {
  return openDatabase({
    dataDir,
    ...(isFreshDataFolder(dataDir) ? { from: await templateBlob() } : {}),
    ...(jobs ? { jobs } : {}),
  });
}
