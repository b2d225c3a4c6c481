import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { dirname } from "node:path";

/**
 * The installation's 32-byte secret key: SAFEPOST_SECRET_KEY (base64) when set (required when several
 * instances share one PostgreSQL database), else the key file, created on first start with owner-only access.
 * The key file lives outside the database folder, so a copy of the database alone does not unlock the secrets.
 */
export function loadSecretKey(options: { secretKey?: string | undefined; keyFile: string }): Buffer {
  if (options.secretKey) return decode(options.secretKey, "SAFEPOST_SECRET_KEY");
  if (existsSync(options.keyFile))
    return decode(readFileSync(options.keyFile, "utf8").trim(), options.keyFile);
  mkdirSync(dirname(options.keyFile), { recursive: true });
  const key = randomBytes(32);
  // "wx": never overwrite a key another process wrote a moment ago.
  try {
    writeFileSync(options.keyFile, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch {
    return decode(readFileSync(options.keyFile, "utf8").trim(), options.keyFile);
  }
  chmodSync(options.keyFile, 0o600);
  return key;
}

function decode(text: string, where: string): Buffer {
  const key = Buffer.from(text, "base64");
  if (key.length !== 32)
    throw new Error(
      `safepost: ${where} must hold 32 random bytes in base64 (for example from \`openssl rand -base64 32\`).`,
    );
  return key;
}
