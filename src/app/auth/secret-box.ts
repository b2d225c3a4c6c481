import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { AppError } from "../../core/errors";
import type { AppContext } from "../context";

/**
 * Encryption at rest for second-factor secrets (AES-256-GCM) and keyed hashes for recovery codes
 * (HMAC-SHA-256), both under sub-keys derived from the installation's 32-byte secret key (see
 * docs/two-factor.md: SAFEPOST_SECRET_KEY, else a key file beside the data folder). Each ciphertext is bound
 * to what it belongs to (`purpose`, e.g. "totp:<user id>"), so one row's secret cannot be pasted into another.
 */
export interface SecretBox {
  seal(plain: string, purpose: string): string;
  open(sealed: string, purpose: string): string;
  mac(value: string): string;
}

const VERSION = "v1";

const subKey = (masterKey: Buffer, label: string) =>
  Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), label, 32));

/** The keyed-hash sub-key of a master key (kept, sealed, when the key is rotated: recovery codes use it). */
export const macSubKey = (masterKey: Buffer): Buffer => subKey(masterKey, "safepost keyed hashes");

/** What a retired key's sealed hash sub-key is bound to. */
export const retiredKeyPurpose = (id: string): string => `retired-mac-key:${id}`;

/** A keyed hash under a sub-key from macSubKey. */
export const macWith = (key: Buffer, value: string): string =>
  createHmac("sha256", key).update(value).digest("hex");

export function secretBox(masterKey: Buffer): SecretBox {
  if (masterKey.length !== 32) throw new Error("safepost: the secret key must be 32 bytes");
  const encKey = subKey(masterKey, "safepost encryption at rest");
  const macKey = macSubKey(masterKey);
  return {
    seal(plain, purpose) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", encKey, iv);
      cipher.setAAD(Buffer.from(purpose));
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
    },
    open(sealed, purpose) {
      const [version, data] = sealed.split(":");
      const raw = Buffer.from(data ?? "", "base64url");
      if (version !== VERSION || raw.length < 28) throw unreadable();
      try {
        const decipher = createDecipheriv("aes-256-gcm", encKey, raw.subarray(0, 12));
        decipher.setAAD(Buffer.from(purpose));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
      } catch {
        throw unreadable();
      }
    },
    mac: (value) => macWith(macKey, value),
  };
}

const unreadable = () =>
  new AppError(
    "internal",
    "A stored sign-in secret could not be read: the installation's secret key may have changed. Use a recovery code, or ask your practice manager to reset your two-step sign-in.",
  );

// Tests and tools that build a context by hand get one random key per process (nothing outlives it).
let processKey: Buffer | null = null;

/** The context's secret box: the configured key (the runtime always sets one), else a per-process key. */
export function secretsOf(ctx: AppContext): SecretBox {
  if (ctx.secretKey) return secretBox(ctx.secretKey);
  processKey ??= randomBytes(32);
  return secretBox(processKey);
}
