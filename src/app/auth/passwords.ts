import argon2 from "argon2";
import { AppError } from "../../core/errors";
import { MAX_PASSWORD, MIN_PASSWORD } from "../../core/password-rules";

/** argon2id with the library's defaults (64 MiB, 3 passes). */
export const hashPassword = (password: string): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id });

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) return false;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A password rule a person can follow: long enough, not absurdly long. */
export function assertPasswordAcceptable(password: string, field = "password"): void {
  if (password.length < MIN_PASSWORD)
    throw new AppError("invalid-input", `Please choose a password of at least ${MIN_PASSWORD} characters.`, {
      [field]: `At least ${MIN_PASSWORD} characters.`,
    });
  if (password.length > MAX_PASSWORD)
    throw new AppError("invalid-input", `That password is too long (${MAX_PASSWORD} characters at most).`, {
      [field]: `${MAX_PASSWORD} characters at most.`,
    });
}
