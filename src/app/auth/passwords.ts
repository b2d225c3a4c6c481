import { randomBytes } from "node:crypto";
import argon2 from "argon2";
import { AppError } from "../../core/errors";
import { MAX_PASSWORD, MIN_PASSWORD } from "../../core/password-rules";

export interface HashCost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** argon2id at the library's defaults (64 MiB, 3 passes, 4 lanes): what every real installation uses. */
export const PRODUCTION_HASH_COST: HashCost = { memoryCost: 65536, timeCost: 3, parallelism: 4 };

/** The smallest honest cost, for the test runner only (it sets NODE_ENV=test): hashing is then ~1 ms. */
export const TEST_HASH_COST: HashCost = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

/**
 * The cost new hashes are made with. Only NODE_ENV=test lowers it; anything else, unset included, is the
 * production cost. Verifying reads the cost from the stored hash, so either kind of hash still verifies.
 */
export function passwordHashCost(env: { NODE_ENV?: string | undefined } = process.env): HashCost {
  return env.NODE_ENV === "test" ? TEST_HASH_COST : PRODUCTION_HASH_COST;
}

const cost = passwordHashCost();

/** argon2id at passwordHashCost(). */
export const hashPassword = (password: string): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id, ...cost });

let dummy: Promise<string> | null = null;

/**
 * A hash of a random password at the current cost, made once: checking a password for an unknown email
 * against it costs what checking a real account does, so timing does not reveal which emails have accounts.
 */
export const dummyHash = (): Promise<string> =>
  (dummy ??= hashPassword(randomBytes(24).toString("base64url")));

/** How many password checks this process made (tests use it to see that unknown accounts cost one too). */
export const passwordChecks = { count: 0 };

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) return false;
  passwordChecks.count++;
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
