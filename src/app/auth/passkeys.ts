import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { AppError } from "../../core/errors";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";
import {
  completeChallenge,
  factorsOf,
  failChallenge,
  openChallenge,
  setChallengeWebauthn,
  type SignInOutcome,
} from "./second-factor";
import { assertCanRemoveFactor } from "./two-factor-account";
import { factorAdded, openEnrolment } from "./two-factor-sign-in";

const REGISTRATION_MINUTES = 5;

/** The relying party is safepost's own public address: passkeys made for it work only there. */
function relyingParty(ctx: AppContext) {
  const url = new URL(ctx.baseUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: "safepost" };
}

async function registrationOptions(
  ctx: AppContext,
  userId: string,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const user = await ctx.db
    .selectFrom("users")
    .select(["email", "name"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  const existing = await ctx.db
    .selectFrom("passkeys")
    .select(["id", "transports"])
    .where("user_id", "=", userId)
    .execute();
  const rp = relyingParty(ctx);
  return generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(userId),
    attestationType: "none",
    // EdDSA, ES256, RS256: the default list probes Node for post-quantum algorithms with a console warning.
    supportedAlgorithmIDs: [-8, -7, -257],
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
}

const notAdded = () =>
  new AppError("invalid-input", "That passkey could not be added. Please try again.", {
    passkey: "That passkey could not be added.",
  });

/** Checks a new passkey against the challenge it answers and keeps it; false when it does not verify. */
async function keepNewPasskey(
  ctx: AppContext,
  userId: string,
  challenge: string,
  response: unknown,
  name: string,
): Promise<boolean> {
  const rp = relyingParty(ctx);
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: false,
    });
  } catch {
    return false;
  }
  if (!verified.verified || !verified.registrationInfo) return false;
  const cred = verified.registrationInfo.credential;
  const taken = await ctx.db.selectFrom("passkeys").select("id").where("id", "=", cred.id).executeTakeFirst();
  if (taken) return false;
  await ctx.db
    .insertInto("passkeys")
    .values({
      id: cred.id,
      user_id: userId,
      public_key: Buffer.from(cred.publicKey).toString("base64url"),
      counter: cred.counter,
      transports: cred.transports ?? [],
      name: name.slice(0, 100) || "Passkey",
    })
    .execute();
  return true;
}

// --- At sign-in ---

/** The passkey prompt for someone at the second step (only their own passkeys are offered). */
export async function passkeyOptionsAtSignIn(
  ctx: AppContext,
  token: string,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const challenge = await openChallenge(ctx, token);
  const keys = await ctx.db
    .selectFrom("passkeys")
    .select(["id", "transports"])
    .where("user_id", "=", challenge.userId)
    .execute();
  if (keys.length === 0)
    throw new AppError("conflict", "There is no passkey on your account. Use your app or a recovery code.");
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(ctx).rpID,
    allowCredentials: keys.map((k) => ({ id: k.id, transports: k.transports })),
    userVerification: "preferred",
  });
  await setChallengeWebauthn(ctx, challenge, options.challenge);
  return options;
}

export async function verifyPasskeyAtSignIn(
  ctx: AppContext,
  token: string,
  response: unknown,
): Promise<SignInOutcome> {
  const challenge = await openChallenge(ctx, token);
  const expected = challenge.webauthnChallenge;
  // Each prompt's challenge answers once, right or wrong.
  await setChallengeWebauthn(ctx, challenge, null);
  const id = (response as { id?: unknown } | null)?.id;
  const key =
    expected && typeof id === "string"
      ? await ctx.db
          .selectFrom("passkeys")
          .selectAll()
          .where("id", "=", id)
          .where("user_id", "=", challenge.userId)
          .executeTakeFirst()
      : undefined;
  if (!expected || !key) return failChallenge(ctx, challenge, "passkey");
  const rp = relyingParty(ctx);
  let newCounter: number;
  try {
    const result = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: expected,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: {
        id: key.id,
        publicKey: new Uint8Array(Buffer.from(key.public_key, "base64url")),
        counter: Number(key.counter),
        transports: key.transports,
      },
      requireUserVerification: false,
    });
    if (!result.verified) return failChallenge(ctx, challenge, "passkey");
    newCounter = result.authenticationInfo.newCounter;
  } catch {
    return failChallenge(ctx, challenge, "passkey");
  }
  await ctx.db
    .updateTable("passkeys")
    .set({ counter: newCounter, last_used_at: ctx.now() })
    .where("id", "=", key.id)
    .execute();
  return { kind: "session", ...(await completeChallenge(ctx, challenge, "passkey")) };
}

/** Setting up a passkey as the first factor, at sign-in. */
export async function enrolPasskeyOptionsAtSignIn(
  ctx: AppContext,
  token: string,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const challenge = await openEnrolment(ctx, token);
  const options = await registrationOptions(ctx, challenge.userId);
  await setChallengeWebauthn(ctx, challenge, options.challenge);
  return options;
}

export async function enrolPasskeyAtSignIn(
  ctx: AppContext,
  token: string,
  response: unknown,
): Promise<{ outcome: SignInOutcome; recoveryCodes: string[] }> {
  const challenge = await openEnrolment(ctx, token);
  const expected = challenge.webauthnChallenge;
  await setChallengeWebauthn(ctx, challenge, null);
  if (!expected || !(await keepNewPasskey(ctx, challenge.userId, expected, response, "Passkey")))
    return failChallenge(ctx, challenge, "enrolled-passkey");
  const recoveryCodes = await factorAdded(ctx, challenge.userId, "passkey");
  return {
    outcome: { kind: "session", ...(await completeChallenge(ctx, challenge, "enrolled-passkey")) },
    recoveryCodes,
  };
}

// --- Signed in ---

export async function accountPasskeyOptions(
  ctx: AppContext,
  userId: string,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const options = await registrationOptions(ctx, userId);
  const expires = new Date(ctx.now().getTime() + REGISTRATION_MINUTES * 60_000);
  await ctx.db
    .insertInto("passkey_registrations")
    .values({ user_id: userId, challenge: options.challenge, expires_at: expires })
    .onConflict((oc) =>
      oc.column("user_id").doUpdateSet({ challenge: options.challenge, expires_at: expires }),
    )
    .execute();
  return options;
}

export async function addAccountPasskey(
  ctx: AppContext,
  userId: string,
  response: unknown,
  name: string,
): Promise<{ recoveryCodes: string[] }> {
  const reg = await ctx.db
    .deleteFrom("passkey_registrations")
    .where("user_id", "=", userId)
    .returning(["challenge", "expires_at"])
    .executeTakeFirst();
  if (!reg || reg.expires_at.getTime() <= ctx.now().getTime()) throw notAdded();
  if (!(await keepNewPasskey(ctx, userId, reg.challenge, response, name))) throw notAdded();
  return { recoveryCodes: await factorAdded(ctx, userId, "passkey") };
}

export async function removeAccountPasskey(
  ctx: AppContext,
  userId: string,
  passkeyId: string,
): Promise<void> {
  const f = await factorsOf(ctx.db, userId);
  const mine = await ctx.db
    .selectFrom("passkeys")
    .select("id")
    .where("id", "=", passkeyId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!mine) throw new AppError("not-found", "That passkey was not found on your account.");
  const remaining = (f.totp ? 1 : 0) + f.passkeys - 1;
  await assertCanRemoveFactor(ctx, userId, remaining);
  await ctx.db.deleteFrom("passkeys").where("id", "=", passkeyId).where("user_id", "=", userId).execute();
  if (remaining === 0) await ctx.db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await appendAudit(
    ctx.db,
    { practiceId: null, actorId: userId, action: "auth.two-factor-removed", details: { factor: "passkey" } },
    ctx.now(),
  );
}
