// A fresh install starts from a database that the build made ready (`dist/pglite-template.tar.gz`): an
// empty PGlite data folder, already initialised and migrated, holding no practice, person or secret.
// Initialising PGlite (initdb) and running every migration took most of a first start; unpacking this
// folder takes a fraction of it. The migrations still run at every start, so a template older than the
// code is brought up to date like any database.
//
// The template is unpacked onto the disk, file by file, before PGlite opens the folder as it opens any
// other. Handing PGlite the archive instead (its `loadDataDir`) held the whole unpacked database in the
// process's memory as well: about 150 MB more resident for as long as the server ran, and slower.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { extract } from "tar";
import { openDatabase } from "./database";

export const TEMPLATE_FILE = "pglite-template.tar.gz";

/** dist/pglite-template.tar.gz under the package root, found by walking up to package.json. */
export function templatePath(from = dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return join(dir, "dist", TEMPLATE_FILE);
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The data folder names something that is not a database: a file, or a folder that holds other files.
 * A database is never made there: beside someone's documents it would be backed up, moved or deleted
 * with them, and a mistyped setting should be seen at once, not after a week of the practice's work.
 */
export class NotADataFolder extends Error {
  constructor(dataDir: string, reason: "file" | "other files") {
    super(
      reason === "file"
        ? `the data folder ${dataDir} is a file, not a folder. Set SAFEPOST_DATA_DIR to a new folder (safepost makes it) or to the folder of an earlier safepost database.`
        : `the data folder ${dataDir} holds other files, not a safepost database, so safepost will not put its database there. Set SAFEPOST_DATA_DIR to a new or empty folder, or to the folder of an earlier safepost database.`,
    );
    this.name = "NotADataFolder";
  }
}

/**
 * Throws NotADataFolder unless `dataDir` is missing, an empty folder or a PostgreSQL data folder (it has
 * PG_VERSION at its top, as every data folder PostgreSQL or PGlite makes does).
 */
export function assertDataFolder(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  if (!statSync(dataDir).isDirectory()) throw new NotADataFolder(dataDir, "file");
  if (readdirSync(dataDir).length > 0 && !existsSync(join(dataDir, "PG_VERSION")))
    throw new NotADataFolder(dataDir, "other files");
}

/** True when `dataDir` holds no database yet (missing or empty). */
export function isFreshDataFolder(dataDir: string): boolean {
  return !existsSync(dataDir) || readdirSync(dataDir).length === 0;
}

/** The template a fresh data folder starts from, or null when there is none (then PGlite initialises one). */
export function firstStartTemplate(dataDir: string): string | null {
  if (!isFreshDataFolder(dataDir)) return null;
  const file = templatePath();
  return file && existsSync(file) ? file : null;
}

/**
 * Unpacks the template into `dataDir` when the folder is new; true when it did. The files go to a folder
 * beside it first (owner-only: a database holds patient-related text), which is then renamed into place,
 * so a start stopped half-way leaves no half-made database that would later be opened as a real one.
 * The caller holds the data folder's lock.
 */
export async function unpackFirstStartTemplate(dataDir: string): Promise<boolean> {
  const file = firstStartTemplate(dataDir);
  if (!file) return false;
  const staging = `${dataDir}.unpacking`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { mode: 0o700 });
  try {
    // The archive names its entries from the root (/pg_wal…): tar writes them inside the folder given.
    await extract({ file, cwd: staging });
    try {
      // A rename replaces a missing or empty folder in one step (isFreshDataFolder said it is empty).
      renameSync(staging, dataDir);
    } catch (err) {
      // The empty folder is a disk of its own (a mount point) or on another disk than the folder beside it:
      // it cannot be replaced, so the files go straight into it, as they did before the staging folder.
      const code = (err as { code?: string }).code;
      if (code !== "EBUSY" && code !== "EXDEV") throw err;
      await extract({ file, cwd: dataDir });
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return true;
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
