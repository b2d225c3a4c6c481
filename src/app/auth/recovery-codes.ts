import { randomInt } from "node:crypto";
import type { Db } from "../../store/database";
import type { AppContext } from "../context";
import { macWith, retiredKeyPurpose, secretsOf } from "./secret-box";

export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i: codes are read off paper. 12 characters of 31 ≈ 59 bits each.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** "abcd-efgh-jkmn": how codes are shown; any case, spaces or hyphens are accepted back. */
const formatCode = (raw: string) => raw.match(/.{4}/g)!.join("-");
const normalise = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * Replaces a person's recovery codes with ten new ones and returns them (shown once; only keyed hashes
 * are stored, so a copy of the database alone cannot be turned back into codes).
 */
export async function issueRecoveryCodes(ctx: AppContext, db: Db, userId: string): Promise<string[]> {
  const box = secretsOf(ctx);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    formatCode(Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")),
  );
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await db
    .insertInto("recovery_codes")
    .values(codes.map((c) => ({ code_hash: box.mac(`${userId}:${normalise(c)}`), user_id: userId })))
    .execute();
  return codes;
}

/** Uses up one recovery code; true when it was one of the person's unused codes. */
export async function useRecoveryCode(
  ctx: AppContext,
  db: Db,
  userId: string,
  code: string,
): Promise<boolean> {
  const clean = normalise(code);
  if (clean.length !== 12) return false;
  const box = secretsOf(ctx);
  const value = `${userId}:${clean}`;
  // Codes issued before a key rotation are hashed under a retired key's sub-key (kept sealed, secrets rotate).
  const retired = await db.selectFrom("retired_mac_keys").select(["id", "key_enc"]).execute();
  const hashes = [
    box.mac(value),
    ...retired.map((r) =>
      macWith(Buffer.from(box.open(r.key_enc, retiredKeyPurpose(r.id)), "base64"), value),
    ),
  ];
  const res = await db
    .updateTable("recovery_codes")
    .set({ used_at: ctx.now() })
    .where("code_hash", "in", hashes)
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom("recovery_codes")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
