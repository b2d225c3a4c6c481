import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { AppError } from "../../core/errors";
import type { Db } from "../../store/database";
import type { AppContext } from "../context";
import { secretsOf } from "./secret-box";

/** How far the phone's clock may drift: one 30-second step either side. */
const TOLERANCE_SECONDS = 30;
const ISSUER = "safepost";

export interface TotpEnrolment {
  /** For typing into the app by hand (groups of four). */
  secret: string;
  uri: string;
  /** The QR code as an SVG data URL, drawn here: the secret never leaves the machine. */
  qrCode: string;
}

const purpose = (userId: string) => `totp:${userId}`;

/**
 * Starts (or restarts) setting up an authenticator app: a fresh secret, stored encrypted and unconfirmed
 * until the person types a first code. Refused when one is already confirmed (remove it first).
 */
export async function startTotpEnrolment(ctx: AppContext, userId: string): Promise<TotpEnrolment> {
  const user = await ctx.db
    .selectFrom("users")
    .leftJoin("totp_factors", "totp_factors.user_id", "users.id")
    .select(["users.email", "totp_factors.confirmed_at"])
    .where("users.id", "=", userId)
    .executeTakeFirstOrThrow();
  if (user.confirmed_at)
    throw new AppError(
      "conflict",
      "An authenticator app is already set up for your account. Remove it first to set up another.",
    );
  const secret = generateSecret();
  const secretEnc = secretsOf(ctx).seal(secret, purpose(userId));
  await ctx.db
    .insertInto("totp_factors")
    .values({ user_id: userId, secret_enc: secretEnc })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ secret_enc: secretEnc, last_step: null }))
    .execute();
  const uri = generateURI({ issuer: ISSUER, label: user.email, secret });
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    secret: secret.replace(/(.{4})/g, "$1 ").trim(),
    uri,
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
  };
}

/** Only digits count: "123 456" and "123-456" are the same code. */
export const cleanCode = (code: string): string => code.replace(/[\s-]/g, "");

/**
 * Checks a code from the app. Each time step is accepted once only (the stored last step moves forward
 * atomically), so a code seen over someone's shoulder cannot be used again. `confirmed` picks whether the
 * confirmed factor or the one being set up is checked.
 */
export async function checkTotp(
  ctx: AppContext,
  db: Db,
  userId: string,
  code: string,
  confirmed: boolean,
): Promise<boolean> {
  const token = cleanCode(code);
  if (!/^\d{6}$/.test(token)) return false;
  const row = await db
    .selectFrom("totp_factors")
    .select(["secret_enc", "last_step", "confirmed_at"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row || Boolean(row.confirmed_at) !== confirmed) return false;
  const secret = secretsOf(ctx).open(row.secret_enc, purpose(userId));
  const epoch = Math.floor(ctx.now().getTime() / 1000);
  const result = await verify({
    secret,
    token,
    epoch,
    epochTolerance: TOLERANCE_SECONDS,
    ...(row.last_step === null ? {} : { afterTimeStep: Number(row.last_step) }),
  });
  if (!result.valid) return false;
  const step = Math.floor(epoch / 30) + result.delta;
  const moved = await db
    .updateTable("totp_factors")
    .set({ last_step: step, ...(confirmed ? {} : { confirmed_at: ctx.now() }) })
    .where("user_id", "=", userId)
    .where((eb) => eb.or([eb("last_step", "is", null), eb("last_step", "<", String(step))]))
    .executeTakeFirst();
  return moved.numUpdatedRows > 0n;
}

/** Whether the person has a confirmed authenticator app. */
export async function hasTotp(db: Db, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("totp_factors")
    .select("user_id")
    .where("user_id", "=", userId)
    .where("confirmed_at", "is not", null)
    .executeTakeFirst();
  return Boolean(row);
}

export async function removeTotp(db: Db, userId: string): Promise<boolean> {
  const res = await db.deleteFrom("totp_factors").where("user_id", "=", userId).executeTakeFirst();
  return res.numDeletedRows > 0n;
}
