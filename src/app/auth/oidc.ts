import * as client from "openid-client";
import { AppError, notFound } from "../../core/errors";
import { normaliseEmail } from "../../core/email";
import { readPracticeSettings } from "../../core/practice-settings";
import { NHSMAIL_REFUSALS, type OidcRefusal } from "../../core/two-factor";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";
import { randomToken, sha256 } from "../tokens";
import { secretsOf } from "./secret-box";
import { afterFirstStep, type SignInOutcome } from "./second-factor";
import { createSession } from "./sessions";

/**
 * "Sign in with NHSmail": OpenID Connect (authorisation code with PKCE, state and nonce) against the issuer a
 * practice configured (NHSmail is Microsoft Entra ID). Only a verified email address of one of the
 * practice's own email domains is accepted, and it links to the existing account of an active member with
 * that address; nobody is created this way.
 */

const STATE_MINUTES = 10;
export const CALLBACK_PATH = "/api/auth/nhsmail/callback";

export interface OidcSettingsView {
  issuer: string;
  clientId: string;
  hasClientSecret: boolean;
}

const secretPurpose = (practiceId: string) => `oidc-client-secret:${practiceId}`;

/** Plain http is allowed only for a provider on this machine (a test, or a local gateway). */
function isLoopback(url: URL): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

function parseIssuer(issuer: string): URL {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw badIssuer();
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url))) throw badIssuer();
  return url;
}

const badIssuer = () =>
  new AppError("invalid-input", "Enter the issuer's full address, starting with https://.", {
    issuer: "Enter an address starting with https://.",
  });

/** Practices whose members can sign in with NHSmail (their names are public, as on their policy pages). */
export async function listOidcPractices(ctx: AppContext): Promise<{ slug: string; name: string }[]> {
  return ctx.db
    .selectFrom("practice_oidc")
    .innerJoin("practices", "practices.id", "practice_oidc.practice_id")
    .select(["practices.slug", "practices.name"])
    .orderBy("practices.name")
    .execute();
}

export async function getOidcSettings(ctx: AppContext, practiceId: string): Promise<OidcSettingsView | null> {
  const row = await ctx.db
    .selectFrom("practice_oidc")
    .selectAll()
    .where("practice_id", "=", practiceId)
    .executeTakeFirst();
  return row
    ? { issuer: row.issuer, clientId: row.client_id, hasClientSecret: Boolean(row.client_secret_enc) }
    : null;
}

/** Saves a practice's NHSmail settings; an omitted secret keeps the stored one. The secret is encrypted. */
export async function saveOidcSettings(
  ctx: AppContext,
  input: {
    practiceId: string;
    actorId: string;
    issuer: string;
    clientId: string;
    clientSecret?: string | undefined;
  },
): Promise<OidcSettingsView> {
  const issuer = parseIssuer(input.issuer.trim()).href.replace(/\/$/, "");
  const clientId = input.clientId.trim();
  if (!clientId)
    throw new AppError("invalid-input", "Enter the application (client) id.", {
      clientId: "Enter the client id.",
    });
  const secret =
    input.clientSecret === undefined || input.clientSecret === ""
      ? undefined
      : secretsOf(ctx).seal(input.clientSecret, secretPurpose(input.practiceId));
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("practice_oidc")
      .values({
        practice_id: input.practiceId,
        issuer,
        client_id: clientId,
        client_secret_enc: secret ?? null,
      })
      .onConflict((oc) =>
        oc.column("practice_id").doUpdateSet({
          issuer,
          client_id: clientId,
          updated_at: ctx.now(),
          ...(secret ? { client_secret_enc: secret } : {}),
        }),
      )
      .execute();
    await appendAudit(
      trx,
      {
        practiceId: input.practiceId,
        actorId: input.actorId,
        action: "practice.nhsmail-configured",
        targetType: "practice",
        targetId: input.practiceId,
        details: { fields: ["issuer", "clientId", ...(secret ? ["clientSecret"] : [])] },
      },
      ctx.now(),
    );
  });
  configurations.clear();
  return (await getOidcSettings(ctx, input.practiceId))!;
}

export async function removeOidcSettings(
  ctx: AppContext,
  practiceId: string,
  actorId: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("practice_oidc").where("practice_id", "=", practiceId).execute();
    await appendAudit(
      trx,
      {
        practiceId,
        actorId,
        action: "practice.nhsmail-removed",
        targetType: "practice",
        targetId: practiceId,
      },
      ctx.now(),
    );
  });
  configurations.clear();
}

// Discovery documents change rarely: keep each for ten minutes.
const configurations = new Map<string, { config: client.Configuration; at: number }>();

async function configurationFor(ctx: AppContext, practiceId: string) {
  const row = await ctx.db
    .selectFrom("practice_oidc")
    .selectAll()
    .where("practice_id", "=", practiceId)
    .executeTakeFirst();
  if (!row) return null;
  const key = `${practiceId} ${row.issuer} ${row.client_id} ${row.client_secret_enc ?? ""}`;
  const cached = configurations.get(key);
  if (cached && Date.now() - cached.at < 10 * 60_000) return { config: cached.config, issuer: row.issuer };
  const issuerUrl = parseIssuer(row.issuer);
  const secret = row.client_secret_enc
    ? secretsOf(ctx).open(row.client_secret_enc, secretPurpose(practiceId))
    : undefined;
  let config: client.Configuration;
  try {
    config = await client.discovery(
      issuerUrl,
      row.client_id,
      secret,
      secret ? client.ClientSecretPost(secret) : client.None(),
      { timeout: 10, ...(issuerUrl.protocol === "http:" ? { execute: [client.allowInsecureRequests] } : {}) },
    );
  } catch {
    throw new AppError(
      "internal",
      "NHSmail sign-in is not reachable at the moment. Please sign in with your password, or try again later.",
    );
  }
  configurations.set(key, { config, at: Date.now() });
  return { config, issuer: row.issuer };
}

/**
 * Starts an NHSmail sign-in for a practice (by its short name): the address to send the browser to, and a
 * value for a cookie that binds the answer to this browser (so nobody can sign someone else in as themselves).
 */
export async function startOidcSignIn(
  ctx: AppContext,
  slug: string,
): Promise<{ url: string; browserBinding: string }> {
  const practice = await ctx.db
    .selectFrom("practices")
    .select("id")
    .where("slug", "=", slug)
    .executeTakeFirst();
  const found = practice ? await configurationFor(ctx, practice.id) : null;
  if (!practice || !found) throw notFound("NHSmail sign-in for that practice");
  const state = client.randomState();
  const nonce = client.randomNonce();
  const verifier = client.randomPKCECodeVerifier();
  const browserBinding = randomToken();
  await ctx.db
    .insertInto("oidc_states")
    .values({
      state_hash: sha256(`${state}.${browserBinding}`),
      practice_id: practice.id,
      code_verifier: verifier,
      nonce,
      expires_at: new Date(ctx.now().getTime() + STATE_MINUTES * 60_000),
    })
    .execute();
  const url = client.buildAuthorizationUrl(found.config, {
    redirect_uri: `${ctx.baseUrl}${CALLBACK_PATH}`,
    scope: "openid email profile",
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  });
  return { url: url.href, browserBinding };
}

/** A refused NHSmail sign-in, with a reason the sign-in page turns into a sentence. */
export class OidcRefused extends AppError {
  constructor(readonly reason: OidcRefusal) {
    super(reason === "expired" ? "gone" : "forbidden", NHSMAIL_REFUSALS[reason]);
  }
}

/**
 * Completes an NHSmail sign-in from the provider's answer (the callback address as the browser opened it).
 * The state is used up first, so an answer replayed later is refused; then the code is exchanged and the ID
 * token checked (issuer, audience, signature, expiry, nonce, PKCE) by openid-client.
 */
export async function finishOidcSignIn(
  ctx: AppContext,
  input: { callbackUrl: string; browserBinding: string | undefined },
): Promise<SignInOutcome> {
  const current = new URL(input.callbackUrl);
  const state = current.searchParams.get("state") ?? "";
  const row = await ctx.db
    .updateTable("oidc_states")
    .set({ used_at: ctx.now() })
    .where("state_hash", "=", sha256(`${state}.${input.browserBinding ?? ""}`))
    .where("used_at", "is", null)
    .where("expires_at", ">", ctx.now())
    .returning(["practice_id", "code_verifier", "nonce"])
    .executeTakeFirst();
  if (!state || !row) return refuse(ctx, null, "expired");
  const found = await configurationFor(ctx, row.practice_id);
  if (!found) return refuse(ctx, row.practice_id, "expired");
  let claims: client.IDToken | undefined;
  try {
    const tokens = await client.authorizationCodeGrant(found.config, current, {
      expectedState: state,
      expectedNonce: row.nonce,
      pkceCodeVerifier: row.code_verifier,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch {
    return refuse(ctx, row.practice_id, "token");
  }
  if (!claims) return refuse(ctx, row.practice_id, "token");
  // Entra ID marks addresses of a domain the tenant owns with xms_edov; other providers use email_verified.
  const verified = claims.email_verified === true || claims.xms_edov === true;
  const rawEmail = typeof claims.email === "string" ? claims.email : "";
  if (!verified || !rawEmail) return refuse(ctx, row.practice_id, "unverified-email");
  const email = normaliseEmail(rawEmail);
  const practice = await ctx.db
    .selectFrom("practices")
    .select("settings")
    .where("id", "=", row.practice_id)
    .executeTakeFirstOrThrow();
  const domains = readPracticeSettings(practice.settings).emailDomains;
  if (!domains.includes(email.slice(email.lastIndexOf("@") + 1)))
    return refuse(ctx, row.practice_id, "wrong-domain");
  const userId = await linkedAccount(ctx, row.practice_id, found.issuer, claims.sub, email);
  if (!userId) return refuse(ctx, row.practice_id, "no-account");
  // Multi-factor proof at NHSmail (amr "mfa") is a second factor; otherwise safepost asks for its own.
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  if (amr.includes("mfa")) {
    const session = await createSession(ctx, userId);
    await appendAudit(
      ctx.db,
      {
        practiceId: null,
        actorId: userId,
        action: "auth.signed-in",
        details: { method: "nhsmail", factor: "nhsmail-mfa" },
      },
      ctx.now(),
    );
    return { kind: "session", ...session, userId };
  }
  return afterFirstStep(ctx, userId, "nhsmail");
}

/** The account an NHSmail identity signs in to: the one linked before, else an active member with that email. */
async function linkedAccount(
  ctx: AppContext,
  practiceId: string,
  issuer: string,
  subject: string,
  email: string,
): Promise<string | null> {
  const member = (userId: string) =>
    ctx.db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select("users.id")
      .where("memberships.practice_id", "=", practiceId)
      .where("memberships.deactivated_at", "is", null)
      .where("users.disabled_at", "is", null)
      .where("users.id", "=", userId)
      .executeTakeFirst();
  const linked = await ctx.db
    .selectFrom("oidc_identities")
    .select("user_id")
    .where("issuer", "=", issuer)
    .where("subject", "=", subject)
    .executeTakeFirst();
  if (linked) return (await member(linked.user_id)) ? linked.user_id : null;
  const user = await ctx.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  if (!user || !(await member(user.id))) return null;
  await ctx.db
    .insertInto("oidc_identities")
    .values({ issuer, subject, user_id: user.id })
    .onConflict((oc) => oc.columns(["issuer", "subject"]).doNothing())
    .execute();
  await appendAudit(
    ctx.db,
    { practiceId, actorId: user.id, action: "auth.nhsmail-linked", targetType: "user", targetId: user.id },
    ctx.now(),
  );
  return user.id;
}

async function refuse(ctx: AppContext, practiceId: string | null, reason: OidcRefusal): Promise<never> {
  await appendAudit(
    ctx.db,
    { practiceId, actorId: null, action: "auth.nhsmail-refused", details: { reason } },
    ctx.now(),
  );
  throw new OidcRefused(reason);
}
