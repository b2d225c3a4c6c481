// The key half of `safepost secrets rotate`. With a key file: the new key is written beside it first (0600),
// the old one copied as a backup, every secret sealed again in one transaction, and only then the new file
// renamed over the old one (atomic on one file system). If the transaction fails, the new file and the backup
// are removed and the old key file was never touched. With SAFEPOST_SECRET_KEY the database is rotated and the
// operator is given the new key to set on every instance.
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { AppError } from "../../core/errors";
import type { Db } from "../../store/database";
import { resealSecrets, type RotationCounts } from "./rotate-secrets";
import { loadSecretKey } from "./secret-key";

export interface RotateKeyOptions {
  db: Db;
  now: Date;
  /** SAFEPOST_SECRET_KEY, when the key comes from the environment. */
  envKey?: string | undefined;
  keyFile: string;
  /** The new key (base64 of 32 bytes); made at random when absent. */
  newKey?: string | undefined;
  /** Keep the old key file as `<key file>.old` after success (for backups taken before the rotation). */
  keepOldKey?: boolean;
}

export type RotateKeyResult =
  | { counts: RotationCounts; source: "key-file"; keyFile: string; oldKeyKept: string | null }
  | { counts: RotationCounts; source: "environment"; newKey: string };

function decodeNewKey(text: string): Buffer {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32)
    throw new AppError(
      "invalid-input",
      "The new key must be 32 random bytes in base64 (for example from `openssl rand -base64 32`).",
    );
  return key;
}

/** Writes a whole file owner-only, refusing to replace one that exists, and flushes it to disk. */
function writeKeyFile(path: string, key: Buffer): void {
  const fd = openSync(path, "wx", 0o600);
  try {
    writeSync(fd, `${key.toString("base64")}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(path, 0o600);
}

/** Rotates the installation's secret key and every secret sealed under it. */
export async function rotateSecretKey(o: RotateKeyOptions): Promise<RotateKeyResult> {
  const newKey = o.newKey ? decodeNewKey(o.newKey) : randomBytes(32);
  if (o.envKey) {
    const oldKey = loadSecretKey({ secretKey: o.envKey, keyFile: o.keyFile });
    const counts = await resealSecrets(o.db, oldKey, newKey, o.now);
    return { counts, source: "environment", newKey: newKey.toString("base64") };
  }
  if (!existsSync(o.keyFile))
    throw new AppError("not-found", `There is no key file at ${o.keyFile}, so there is nothing to rotate.`);
  const pending = `${o.keyFile}.new`;
  const backup = `${o.keyFile}.old`;
  if (existsSync(pending))
    throw new AppError(
      "conflict",
      `An earlier rotation stopped part-way and left ${pending}. If safepost cannot read channel sign-ins or two-step secrets now, the database was rotated: move ${pending} over ${o.keyFile}. Otherwise delete ${pending} and ${backup}. Then run this again.`,
    );
  if (existsSync(backup))
    throw new AppError(
      "conflict",
      `${backup} is kept from an earlier rotation. Move it somewhere safe (with the backups it opens) or delete it, then run this again.`,
    );
  const oldKey = loadSecretKey({ keyFile: o.keyFile });
  writeKeyFile(pending, newKey);
  copyFileSync(o.keyFile, backup, constants.COPYFILE_EXCL);
  chmodSync(backup, 0o600);
  let counts: RotationCounts;
  try {
    counts = await resealSecrets(o.db, oldKey, newKey, o.now);
  } catch (err) {
    rmSync(pending, { force: true });
    rmSync(backup, { force: true });
    throw err;
  }
  renameSync(pending, o.keyFile);
  if (!o.keepOldKey) rmSync(backup, { force: true });
  return { counts, source: "key-file", keyFile: o.keyFile, oldKeyKept: o.keepOldKey ? backup : null };
}
