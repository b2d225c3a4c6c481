import { createHash, randomBytes } from "node:crypto";

/** A random URL-safe token with 256 bits of entropy. */
export const randomToken = (): string => randomBytes(32).toString("base64url");

/** Tokens are stored hashed, so reading the database does not give live links or sessions. */
export const sha256 = (value: string): string => createHash("sha256").update(value).digest("hex");
