import type { Command } from "commander";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { loadConfig, type Config } from "../../config";
import { openRuntime, DataFolderInUse } from "../../runtime";
import { lockDataFolder } from "../../store/data-folder-lock";
import {
  BackupError,
  backupBytes,
  requestBackup,
  restoreBackup,
  writeFileAtomically,
} from "../../app/backup/backup";
import { CliError } from "../cli-error";

const ON_POSTGRES =
  "safepost backup and restore are for the embedded database. On PostgreSQL use its own tools: " +
  'pg_dump --format=custom --file=safepost.dump "$DATABASE_URL", and pg_restore --clean --dbname="$DATABASE_URL" safepost.dump.';

function embeddedOnly(config: Config): void {
  if (config.DATABASE_URL) throw new CliError(ON_POSTGRES, 2);
}

/** The backup: from the running server when there is one, else straight from the data folder. */
async function takeBackup(config: Config): Promise<Buffer> {
  try {
    const rt = await openRuntime(config);
    try {
      return await backupBytes(rt.database);
    } finally {
      await rt.close();
    }
  } catch (err) {
    if (!(err instanceof DataFolderInUse)) throw err;
    return requestBackup(config.SAFEPOST_DATA_DIR);
  }
}

export function registerBackup(program: Command): void {
  program
    .command("backup")
    .description("copy the embedded database to a file (works while the server runs)")
    .requiredOption("-o, --out <file>", "the file to write, e.g. safepost-2026-12-02.backup")
    .action(async (opts: { out: string }) => {
      const config = loadConfig();
      embeddedOnly(config);
      if (!existsSync(config.SAFEPOST_DATA_DIR))
        throw new CliError(`there is no database at ${config.SAFEPOST_DATA_DIR} to back up yet.`, 2);
      let bytes: Buffer;
      try {
        bytes = await takeBackup(config);
      } catch (err) {
        if (err instanceof BackupError) throw new CliError(err.message);
        throw err;
      }
      try {
        writeFileAtomically(opts.out, bytes);
      } catch {
        throw new CliError(
          `the backup could not be written to ${opts.out}: check the folder exists and is writable.`,
        );
      }
      const mb = (bytes.length / 1024 / 1024).toFixed(1);
      process.stdout.write(
        `safepost: backed up the database to ${resolve(opts.out)} (${mb} MB).\n` +
          "The secret key (data/secret.key or SAFEPOST_SECRET_KEY) is not in it: keep a copy of the key apart.\n",
      );
    });
}

export function registerRestore(program: Command): void {
  program
    .command("restore")
    .description("replace the embedded database with a backup (stop the server first)")
    .argument("<file>", "a file written by safepost backup")
    .action(async (file: string) => {
      const config = loadConfig();
      embeddedOnly(config);
      let release: () => void;
      try {
        release = lockDataFolder(config.SAFEPOST_DATA_DIR);
      } catch (err) {
        if (err instanceof DataFolderInUse)
          throw new CliError(
            "safepost is running on this data folder. Stop it first: a restore replaces the whole database.",
          );
        throw err;
      }
      try {
        const report = await restoreBackup(file, config.SAFEPOST_DATA_DIR);
        process.stdout.write(
          `safepost: restored ${file}: ${report.practices} practice(s), ${report.people} people, ` +
            `${report.auditEntries} audit entries, audit trail intact.\n` +
            (report.previous ? `The database it replaced is kept at ${report.previous}.\n` : ""),
        );
      } catch (err) {
        if (err instanceof BackupError) throw new CliError(err.message);
        throw err;
      } finally {
        release();
      }
    });
}
