// Connecting a practice's platform account (issue 9, part 7): OAuth 2.0 authorisation code with PKCE through
// openid-client. "Connect" keeps a pending request (state hashed, PKCE verifier sealed, ten minutes, single use,
// bound to the admin who started it) and sends the browser to the platform; its answer comes back to
// /api/channels/callback, where the code is exchanged, the account found and the channel stored connected with
// its tokens sealed to the channel's id. Tokens never reach the audit, the logs or an API answer.
import { randomUUID } from "node:crypto";
import * as oauth from "openid-client";
import { CHANNEL_KINDS, type ChannelKind } from "../../channels/adapter";
import { AppError } from "../../core/errors";
import { isUuid } from "../../core/ids";
import { authorize, type PermissionMember } from "../../core/permissions";
import { CONNECT_REFUSALS, type ConnectRefusal } from "../../contracts/channel-connect";
import { CHANNEL_NAMES } from "../../core/posts/limits";
import { appendAudit } from "../audit/audit-log";
import { secretsOf } from "../auth/secret-box";
import type { AppContext } from "../context";
import { loadPermissionMember } from "../members/role-grants";
import { sha256 } from "../tokens";
import { appCredentialsFor, storeRegisteredApp, type AppCredentials } from "./app-credentials";
import type { ChannelRow } from "./channels";
import { sealCredentials } from "./connect-credentials";
import { getJson, isLoopback, oauthConfig, PlatformAnswerError } from "./connect-oauth";
import {
  MASTODON_SCOPES,
  oauthPlatformFor,
  type FoundAccount,
  type OAuthPlatform,
} from "./connect-platforms";

export const CONNECT_CALLBACK_PATH = "/api/channels/callback";
const REQUEST_MINUTES = 10;

/** A connection that stopped, with the reason the channels page shows and the practice, when known. */
export class ConnectRefused extends AppError {
  constructor(
    readonly reason: ConnectRefusal,
    readonly practiceId: string | null,
  ) {
    super(
      reason === "forbidden" ? "forbidden" : reason === "not-found" ? "not-found" : "conflict",
      CONNECT_REFUSALS[reason],
    );
    this.name = "ConnectRefused";
  }
}

const verifierPurpose = (requestId: string) => `channel-connect:${requestId}`;
const redirectUri = (ctx: AppContext) => `${ctx.baseUrl}${CONNECT_CALLBACK_PATH}`;

function asKind(value: string, practiceId: string): ChannelKind {
  if (!(CHANNEL_KINDS as readonly string[]).includes(value))
    throw new ConnectRefused("not-found", practiceId);
  return value as ChannelKind;
}

/** Private addresses other than this machine's: a Mastodon "instance" there would make safepost probe the LAN. */
const PRIVATE_HOST = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|0\.|\[f[cd]|\[fe80)/i;

/**
 * A platform server's origin from what an admin typed ("mastodon.social" or "https://mastodon.social/"), or null
 * when it is not a plain https address (plain http only on this machine) outside the private networks.
 */
export function serverOrigin(input: string | null | undefined): string | null {
  const typed = (input ?? "").trim();
  if (!typed || typed.length > 200) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(typed) ? typed : `https://${typed}`);
  } catch {
    return null;
  }
  const allowed = url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url));
  if (!allowed || url.username || url.password || (url.pathname !== "/" && url.pathname !== "")) return null;
  if (PRIVATE_HOST.test(url.hostname)) return null;
  return url.origin;
}

/** A Mastodon server's origin from what an admin typed. */
export function mastodonInstance(input: string | null | undefined, practiceId: string): string {
  const origin = serverOrigin(input);
  if (!origin) throw new ConnectRefused("bad-instance", practiceId);
  return origin;
}

export async function actingAdmin(
  ctx: AppContext,
  practiceId: string,
  userId: string,
  kind: ChannelKind,
): Promise<PermissionMember> {
  const member = await loadPermissionMember(ctx.db, practiceId, userId);
  if (!member) throw new ConnectRefused("not-found", null);
  try {
    authorize(member, "connect-channel", { type: "channel", kind });
  } catch (err) {
    if (err instanceof AppError && err.code === "conflict")
      throw new ConnectRefused("not-connectable", practiceId);
    throw new ConnectRefused("forbidden", practiceId);
  }
  return member;
}

export async function channelToReconnect(
  ctx: AppContext,
  practiceId: string,
  channelId: string,
  kind: ChannelKind,
): Promise<ChannelRow> {
  const row = isUuid(channelId)
    ? await ctx.db
        .selectFrom("channels")
        .selectAll()
        .where("id", "=", channelId)
        .where("practice_id", "=", practiceId)
        .executeTakeFirst()
    : undefined;
  if (!row || row.kind !== kind) throw new ConnectRefused("not-found", practiceId);
  return row;
}

/** The app to sign in with: the practice's or the environment's; on Mastodon, registered on first use. */
async function appFor(
  ctx: AppContext,
  practiceId: string,
  platform: OAuthPlatform,
  instance: string,
): Promise<AppCredentials> {
  const found = await appCredentialsFor(ctx, practiceId, platform.app, instance);
  if (found) return found;
  if (platform.app !== "mastodon") throw new ConnectRefused("missing-app", practiceId);
  return registerMastodonApp(ctx, practiceId, instance);
}

/** Mastodon's own app registration (POST /api/v1/apps) on an instance the practice connects to first. */
async function registerMastodonApp(
  ctx: AppContext,
  practiceId: string,
  instance: string,
): Promise<AppCredentials> {
  let answer: Record<string, unknown>;
  try {
    const res = await fetch(`${instance}/api/v1/apps`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        client_name: "safepost",
        redirect_uris: redirectUri(ctx),
        scopes: MASTODON_SCOPES.join(" "),
        website: ctx.baseUrl,
      }),
      signal: AbortSignal.timeout(15_000),
      redirect: "error",
    });
    if (!res.ok) throw new PlatformAnswerError(res.status);
    answer = (await res.json()) as Record<string, unknown>;
  } catch {
    throw new ConnectRefused("unreachable", practiceId);
  }
  const clientId = typeof answer.client_id === "string" ? answer.client_id : "";
  const clientSecret = typeof answer.client_secret === "string" ? answer.client_secret : "";
  if (!clientId || !clientSecret) throw new ConnectRefused("unreachable", practiceId);
  await storeRegisteredApp(ctx.db, ctx, { practiceId, instance, clientId, clientSecret });
  return { clientId, clientSecret, source: "registered" };
}

export interface StartConnect {
  practiceId: string;
  userId: string;
  kind: string;
  /** Reconnecting this channel; absent for a new one. */
  channelId?: string | undefined;
  /** Mastodon: the server's address. */
  instance?: string | undefined;
}

/** Starts connecting: the platform's sign-in address to send the admin's browser to. */
export async function startConnect(ctx: AppContext, input: StartConnect): Promise<{ url: string }> {
  const { practiceId, userId } = input;
  const kind = asKind(input.kind, practiceId);
  await actingAdmin(ctx, practiceId, userId, kind);
  const existing = input.channelId ? await channelToReconnect(ctx, practiceId, input.channelId, kind) : null;
  const instance =
    kind === "mastodon" ? mastodonInstance(existing?.api_base ?? input.instance, practiceId) : "";
  const platform = oauthPlatformFor(kind, instance);
  // Bluesky connects with an app password (connectBluesky), not through a redirect.
  if (!platform) throw new ConnectRefused("not-connectable", practiceId);
  const app = await appFor(ctx, practiceId, platform, instance);
  const config = oauthConfig(platform, app);
  const id = randomUUID();
  const state = oauth.randomState();
  const verifier = oauth.randomPKCECodeVerifier();
  const now = ctx.now();
  await ctx.db
    .insertInto("channel_connect_requests")
    .values({
      id,
      state_hash: sha256(state),
      practice_id: practiceId,
      user_id: userId,
      kind,
      channel_id: existing?.id ?? null,
      instance: instance || null,
      verifier_enc: secretsOf(ctx).seal(verifier, verifierPurpose(id)),
      expires_at: new Date(now.getTime() + REQUEST_MINUTES * 60_000),
      created_at: now,
    })
    .execute();
  const params: Record<string, string> = {
    redirect_uri: redirectUri(ctx),
    response_type: "code",
    scope: platform.scopes.join(platform.scopeSeparator),
    state,
  };
  if (platform.pkce) {
    params.code_challenge = await oauth.calculatePKCECodeChallenge(verifier);
    params.code_challenge_method = "S256";
  }
  return { url: oauth.buildAuthorizationUrl(config, params).href };
}

export interface ConnectedChannel {
  practiceId: string;
  channelId: string;
  kind: ChannelKind;
  name: string;
}

/**
 * Finishes connecting from the platform's answer (its query string), for the signed-in person. The request is
 * used up first, and only by the person who started it: a replay, an expired request or someone else's answer is
 * refused and changes nothing.
 */
export async function finishConnect(
  ctx: AppContext,
  input: { userId: string; query: URLSearchParams },
): Promise<ConnectedChannel> {
  const state = input.query.get("state") ?? "";
  if (!state) throw new ConnectRefused("expired", null);
  const now = ctx.now();
  const request = await ctx.db
    .updateTable("channel_connect_requests")
    .set({ used_at: now })
    .where("state_hash", "=", sha256(state))
    .where("user_id", "=", input.userId)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returningAll()
    .executeTakeFirst();
  if (!request) throw new ConnectRefused("expired", null);
  const practiceId = request.practice_id;
  const kind = asKind(request.kind, practiceId);
  if (input.query.get("error")) throw new ConnectRefused("declined", practiceId);
  await actingAdmin(ctx, practiceId, input.userId, kind);
  const existing = request.channel_id
    ? await channelToReconnect(ctx, practiceId, request.channel_id, kind)
    : null;
  const instance = request.instance ?? "";
  const platform = oauthPlatformFor(kind, instance);
  if (!platform) throw new ConnectRefused("not-connectable", practiceId);
  const app = await appFor(ctx, practiceId, platform, instance);
  const config = oauthConfig(platform, app);
  const verifier = secretsOf(ctx).open(request.verifier_enc, verifierPurpose(request.id));

  let tokens: oauth.TokenEndpointResponse;
  try {
    // The answer as it reached the callback address (openid-client checks state, iss and the code there).
    const current = new URL(`${redirectUri(ctx)}?${input.query.toString()}`);
    tokens = await oauth.authorizationCodeGrant(config, current, {
      expectedState: state,
      ...(platform.pkce ? { pkceCodeVerifier: verifier } : {}),
      idTokenExpected: false,
    });
  } catch (err) {
    throw new ConnectRefused(isNetworkError(err) ? "unreachable" : "token", practiceId);
  }

  let accounts: FoundAccount[];
  try {
    accounts = await platform.findAccounts(
      { getJson, config, now },
      {
        accessToken: tokens.access_token,
        ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
        ...(typeof tokens.expires_in === "number" ? { expiresIn: tokens.expires_in } : {}),
      },
    );
  } catch (err) {
    throw new ConnectRefused(err instanceof PlatformAnswerError ? "lookup" : "unreachable", practiceId);
  }
  const account = pickAccount(accounts, existing, practiceId);
  return storeConnection(ctx, {
    practiceId,
    userId: input.userId,
    kind,
    apiBase: platform.apiBase,
    account,
    existing,
  });
}

function isNetworkError(err: unknown): boolean {
  return (
    err instanceof TypeError ||
    (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError"))
  );
}

function pickAccount(
  accounts: FoundAccount[],
  existing: ChannelRow | null,
  practiceId: string,
): FoundAccount {
  if (existing?.account_id) {
    const same = accounts.find((a) => a.accountId === existing.account_id);
    if (same) return same;
    throw new ConnectRefused(accounts.length ? "other-account" : "no-account", practiceId);
  }
  if (accounts.length === 0) throw new ConnectRefused("no-account", practiceId);
  if (accounts.length > 1) throw new ConnectRefused("several-accounts", practiceId);
  return accounts[0]!;
}

/**
 * Stores the channel connected: the one being reconnected, the practice's channel already posting as that
 * account, or a new one. Its credentials are sealed to its id; the audit names the channel and kind only.
 */
export async function storeConnection(
  ctx: AppContext,
  input: {
    practiceId: string;
    userId: string;
    kind: ChannelKind;
    apiBase: string;
    account: FoundAccount;
    existing: ChannelRow | null;
  },
): Promise<ConnectedChannel> {
  const { practiceId, kind, account } = input;
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const same =
      input.existing ??
      (await trx
        .selectFrom("channels")
        .selectAll()
        .where("practice_id", "=", practiceId)
        .where("kind", "=", kind)
        .where("account_id", "=", account.accountId)
        .executeTakeFirst()) ??
      null;
    const channelId = same?.id ?? randomUUID();
    const connected = {
      status: "connected",
      api_base: input.apiBase,
      account_id: account.accountId,
      credentials_enc: sealCredentials(ctx, channelId, account.credentials),
      token_expires_at: account.expiresAt,
      connected_by: input.userId,
      connected_at: now,
      refresh_failed_at: null,
      updated_at: now,
    };
    let name: string;
    if (same) {
      await trx.updateTable("channels").set(connected).where("id", "=", same.id).execute();
      name = same.name;
    } else {
      name = `${CHANNEL_NAMES[kind]}: ${account.name}`.slice(0, 120);
      await trx
        .insertInto("channels")
        .values({
          id: channelId,
          practice_id: practiceId,
          kind,
          name,
          footer: null,
          max_chars: null,
          security: null,
          created_at: now,
          ...connected,
        })
        .execute();
    }
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: input.userId,
        action: same ? "channel.reconnected" : "channel.connected",
        targetType: "channel",
        targetId: channelId,
        details: { kind },
      },
      now,
    );
    return { practiceId, channelId, kind, name };
  });
}
