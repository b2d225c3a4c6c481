// Backups of the embedded database: a consistent snapshot while the server runs, and a restore that loses
// nothing.
//
// A backup is PGlite's whole data folder as a gzip-compressed tar, taken between transactions (the one
// connection is held for it, so no change is half in the copy). The data folder belongs to one process, so
// while the server runs, `safepost backup` asks the server for the copy over a Unix socket inside the
// data folder's lock (`db.lock/control.sock`, readable by the folder's owner only); when no server runs, it
// opens the folder itself. PostgreSQL installations use pg_dump and pg_restore instead (README).
//
// A restore never touches the current folder until the backup has been opened, migrated and its audit
// trail verified in a folder of its own; the current folder is then kept beside it, renamed.
import { createConnection, createServer, type Server } from "node:net";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { gunzip, gzip } from "node:zlib";
import { promisify } from "node:util";
import { sql } from "kysely";
import { openDatabase, type OpenDatabase } from "../../store/database";
import { verifyAuditChain } from "../audit/verify-audit";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** A backup that cannot be made or restored, in words for the person running the command. */
export class BackupError extends Error {}

/** The control socket of the server that holds `dataDir`. */
export function controlSocketPath(dataDir: string): string {
  return join(`${resolve(dataDir)}.lock`, "control.sock");
}

/** A consistent copy of the embedded database, compressed. */
export async function backupBytes(database: OpenDatabase): Promise<Buffer> {
  const dump = database.dump;
  if (!dump) throw new BackupError("only the embedded database can be backed up this way; use pg_dump.");
  // Holding the one connection keeps every transaction (the app's and the job queue's) out of the copy.
  const blob = await database.db.connection().execute(() => dump());
  return gzipAsync(Buffer.from(await blob.arrayBuffer()));
}

/** Writes a file so that a crash leaves either the old file or the whole new one, never half of it. */
export function writeFileAtomically(path: string, bytes: Uint8Array): void {
  const target = resolve(path);
  const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
  writeFileSync(partial, bytes, { mode: 0o600 });
  renameSync(partial, target);
}

/**
 * Serves backups to `safepost backup` while this process holds the data folder. Returns a stop function.
 * The protocol is one line ("backup\n") answered with one line of JSON ({"ok":true,"bytes":N} or
 * {"ok":false,"message":…}) and then N bytes.
 */
export async function serveBackups(database: OpenDatabase, dataDir: string): Promise<() => Promise<void>> {
  const path = controlSocketPath(dataDir);
  // Unix socket paths are short (about 100 bytes): a data folder deep in the tree goes without one.
  if (Buffer.byteLength(path) > 100) return async () => {};
  rmSync(path, { force: true });
  const server: Server = createServer((socket) => {
    let request = "";
    socket.on("error", () => socket.destroy());
    socket.on("data", (chunk) => {
      request += chunk.toString();
      if (!request.includes("\n")) return;
      if (request.trim() !== "backup") {
        socket.end(JSON.stringify({ ok: false, message: "unknown request" }) + "\n");
        return;
      }
      backupBytes(database).then(
        (bytes) => {
          socket.write(JSON.stringify({ ok: true, bytes: bytes.length }) + "\n");
          socket.end(bytes);
        },
        () => socket.end(JSON.stringify({ ok: false, message: "the database could not be copied" }) + "\n"),
      );
    });
  });
  await new Promise<void>((ready, fail) => {
    server.once("error", fail);
    server.listen(path, () => ready());
  });
  chmodSync(path, 0o600);
  return () => new Promise<void>((done) => server.close(() => done()));
}

/** Asks the server holding `dataDir` for a backup. */
export function requestBackup(dataDir: string): Promise<Buffer> {
  const path = controlSocketPath(dataDir);
  return new Promise((done, fail) => {
    const socket = createConnection(path);
    const chunks: Buffer[] = [];
    socket.on("connect", () => socket.write("backup\n"));
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", () =>
      fail(
        new BackupError(
          "the running safepost server did not answer the backup request. Stop it and run the backup again.",
        ),
      ),
    );
    socket.on("end", () => {
      const all = Buffer.concat(chunks);
      const newline = all.indexOf(0x0a);
      let head: { ok?: boolean; bytes?: number; message?: string } = {};
      try {
        head = JSON.parse(all.subarray(0, newline).toString()) as typeof head;
      } catch {
        /* answered below */
      }
      const body = all.subarray(newline + 1);
      if (head.ok && head.bytes === body.length) done(body);
      else
        fail(
          new BackupError(
            `the running safepost server could not make the backup (${head.message ?? "no answer"}).`,
          ),
        );
    });
  });
}

export interface RestoreReport {
  practices: number;
  people: number;
  auditEntries: number;
  /** Where the database that was replaced now lives, or null when there was none. */
  previous: string | null;
}

const stamp = (d: Date): string => d.toISOString().replace(/[:.]/g, "-");

/**
 * Replaces the embedded database in `dataDir` with the backup in `file`. The caller holds the data folder's
 * lock. Nothing is changed unless the backup opens, migrates and has an intact audit trail.
 */
export async function restoreBackup(file: string, dataDir: string, now = new Date()): Promise<RestoreReport> {
  let compressed: Buffer;
  try {
    compressed = readFileSync(file);
  } catch {
    throw new BackupError(`there is no readable file at ${file}.`);
  }
  let tar: Buffer;
  try {
    tar = await gunzipAsync(compressed);
  } catch {
    throw new BackupError(`${file} is not a safepost backup (it is not a compressed database copy).`);
  }
  const target = resolve(dataDir);
  const staging = `${target}.restoring-${stamp(now)}`;
  mkdirSync(staging, { recursive: true });
  let report: Omit<RestoreReport, "previous">;
  try {
    let database: OpenDatabase;
    try {
      database = await openDatabase({ dataDir: staging, from: new Blob([new Uint8Array(tar)]) });
    } catch {
      throw new BackupError(`${file} is not a safepost backup (it could not be opened as a database).`);
    }
    try {
      const count = async (table: "practices" | "users" | "audit_log") =>
        Number(
          (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(database.db))
            .rows[0]?.n ?? 0,
        );
      const trail = await verifyAuditChain(database.db);
      if (!trail.ok)
        throw new BackupError(
          `the backup's audit trail has been tampered with (${trail.problems.length} problem(s)); nothing was restored.`,
        );
      report = {
        practices: await count("practices"),
        people: await count("users"),
        auditEntries: trail.checked,
      };
    } finally {
      await database.close();
    }
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  let previous: string | null = null;
  if (existsSync(target)) {
    previous = `${target}.before-restore-${stamp(now)}`;
    renameSync(target, previous);
  }
  renameSync(staging, target);
  return { ...report, previous };
}
