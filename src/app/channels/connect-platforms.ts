// Each platform's OAuth 2.0 settings in one table: where its sign-in and token endpoints are, the scopes
// asked for, whether it takes PKCE, how the client authenticates, and how the account posted as is found after
// the code exchange. The protocol itself is openid-client's; this file only describes each platform.
// Sources are listed in docs/channels-connect.md.
import * as oauth from "openid-client";
import type { ChannelKind } from "../../channels/adapter";
import { LINKEDIN_HEADERS } from "../../channels/linkedin";
import type { AppPlatform } from "./app-credentials";

/** A token endpoint's answer, as the account lookup needs it. */
export interface TokenAnswer {
  accessToken: string;
  refreshToken?: string;
  /** Seconds until the access token expires, when the platform says. */
  expiresIn?: number;
}

/** An account (page, organisation, profile) the signed-in person may post as. */
export interface FoundAccount {
  accountId: string;
  /** The channel's name as the practice reads it: the page's or account's own name. */
  name: string;
  /** What the adapter will need (accessToken, refreshToken…); sealed before it is stored. */
  credentials: Record<string, string>;
  /** When the access token expires; null when it does not. */
  expiresAt: Date | null;
}

/** What an account lookup may use: a JSON GET with the token, and the OAuth configuration for extra grants. */
export interface LookupTools {
  getJson(url: string, accessToken: string, headers?: Record<string, string>): Promise<unknown>;
  config: oauth.Configuration;
  now: Date;
}

export interface OAuthPlatform {
  kind: ChannelKind;
  /** Whose app credentials it signs in with. */
  app: AppPlatform;
  /** The authorisation server's identifier (checked against an `iss` in its answer, RFC 9207). */
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** The platform API's base, stored as the channel's api_base. */
  apiBase: string;
  scopes: readonly string[];
  /** How the scopes are joined in the request (Facebook takes commas). */
  scopeSeparator: " " | ",";
  pkce: boolean;
  clientAuth: "basic" | "post";
  /** Whether the platform hands out refresh tokens (the refresh job renews with them). */
  refreshes: boolean;
  findAccounts(tools: LookupTools, tokens: TokenAnswer): Promise<FoundAccount[]>;
}

const GRAPH = "https://graph.facebook.com/v21.0";

const expiry = (now: Date, seconds: number | undefined): Date | null =>
  seconds && seconds > 0 ? new Date(now.getTime() + seconds * 1000) : null;

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" ? (value as Record<string, unknown>) : {};
const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.map(record) : []);
const text = (value: unknown): string =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : "";

/**
 * Facebook Login gives a short-lived user token; exchanged for a long-lived one, its Pages (/me/accounts)
 * come with Page tokens that do not expire.
 */
async function facebookPages(tools: LookupTools, tokens: TokenAnswer, fields: string) {
  let userToken = tokens.accessToken;
  try {
    const long = await oauth.genericGrantRequest(tools.config, "fb_exchange_token", {
      fb_exchange_token: tokens.accessToken,
    });
    userToken = long.access_token;
  } catch {
    // Keep the short-lived token: Page tokens from it still work, they expire with it.
  }
  const answer = record(await tools.getJson(`${GRAPH}/me/accounts?fields=${fields}`, userToken));
  return list(answer.data);
}

const facebook: OAuthPlatform = {
  kind: "facebook",
  app: "facebook",
  issuer: "https://www.facebook.com",
  authorizationEndpoint: "https://www.facebook.com/v21.0/dialog/oauth",
  tokenEndpoint: `${GRAPH}/oauth/access_token`,
  apiBase: GRAPH,
  scopes: [
    "pages_show_list",
    "pages_manage_posts",
    "pages_read_engagement",
    "pages_read_user_content",
    "pages_manage_engagement",
  ],
  scopeSeparator: ",",
  pkce: true,
  clientAuth: "post",
  refreshes: false,
  async findAccounts(tools, tokens) {
    const pages = await facebookPages(tools, tokens, "id,name,access_token");
    return pages
      .filter((p) => text(p.id) && text(p.access_token))
      .map((p) => ({
        accountId: text(p.id),
        name: text(p.name) || "Facebook Page",
        credentials: { accessToken: text(p.access_token) },
        expiresAt: null,
      }));
  },
};

const instagram: OAuthPlatform = {
  ...facebook,
  kind: "instagram",
  scopes: [
    "pages_show_list",
    "pages_read_engagement",
    "instagram_basic",
    "instagram_content_publish",
    "instagram_manage_comments",
  ],
  async findAccounts(tools, tokens) {
    const pages = await facebookPages(
      tools,
      tokens,
      "id,name,access_token,instagram_business_account{id,username}",
    );
    return pages
      .filter((p) => text(record(p.instagram_business_account).id) && text(p.access_token))
      .map((p) => {
        const ig = record(p.instagram_business_account);
        return {
          accountId: text(ig.id),
          name: text(ig.username) ? `@${text(ig.username)}` : "Instagram account",
          credentials: { accessToken: text(p.access_token) },
          expiresAt: null,
        };
      });
  },
};

const x: OAuthPlatform = {
  kind: "x",
  app: "x",
  issuer: "https://x.com",
  authorizationEndpoint: "https://x.com/i/oauth2/authorize",
  tokenEndpoint: "https://api.x.com/2/oauth2/token",
  apiBase: "https://api.x.com",
  scopes: [
    "tweet.read",
    "tweet.write",
    "tweet.moderate.write",
    "users.read",
    "media.write",
    "offline.access",
  ],
  scopeSeparator: " ",
  pkce: true,
  clientAuth: "basic",
  refreshes: true,
  async findAccounts(tools, tokens) {
    const me = record(record(await tools.getJson(`${this.apiBase}/2/users/me`, tokens.accessToken)).data);
    if (!text(me.id)) return [];
    return [
      {
        accountId: text(me.id),
        name: text(me.username) ? `@${text(me.username)}` : "X account",
        credentials: {
          accessToken: tokens.accessToken,
          ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
        },
        expiresAt: expiry(tools.now, tokens.expiresIn),
      },
    ];
  },
};

const linkedin: OAuthPlatform = {
  kind: "linkedin",
  app: "linkedin",
  issuer: "https://www.linkedin.com/oauth",
  authorizationEndpoint: "https://www.linkedin.com/oauth/v2/authorization",
  tokenEndpoint: "https://www.linkedin.com/oauth/v2/accessToken",
  apiBase: "https://api.linkedin.com",
  scopes: ["w_organization_social", "r_organization_social", "rw_organization_admin"],
  scopeSeparator: " ",
  // LinkedIn takes PKCE only from native apps; a web app proves itself with its client secret.
  pkce: false,
  clientAuth: "post",
  refreshes: true,
  async findAccounts(tools, tokens) {
    const acls = record(
      await tools.getJson(
        `${this.apiBase}/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED`,
        tokens.accessToken,
        LINKEDIN_HEADERS,
      ),
    );
    const found: FoundAccount[] = [];
    for (const acl of list(acls.elements)) {
      const urn = text(acl.organization);
      const id = urn.split(":").pop() ?? "";
      if (!/^\d+$/.test(id)) continue;
      let name = "LinkedIn page";
      try {
        const org = record(
          await tools.getJson(
            `${this.apiBase}/rest/organizations/${id}`,
            tokens.accessToken,
            LINKEDIN_HEADERS,
          ),
        );
        name = text(org.localizedName) || name;
      } catch {
        // The name is a nicety; the id is what posts need.
      }
      found.push({
        accountId: urn,
        name,
        credentials: {
          accessToken: tokens.accessToken,
          ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
        },
        expiresAt: expiry(tools.now, tokens.expiresIn),
      });
    }
    return found;
  },
};

/** Mastodon: every instance is its own authorisation server, with an app safepost registers there. */
export function mastodonPlatform(instance: string): OAuthPlatform {
  return {
    kind: "mastodon",
    app: "mastodon",
    issuer: instance,
    authorizationEndpoint: `${instance}/oauth/authorize`,
    tokenEndpoint: `${instance}/oauth/token`,
    apiBase: instance,
    scopes: MASTODON_SCOPES,
    scopeSeparator: " ",
    pkce: true,
    clientAuth: "post",
    refreshes: false,
    async findAccounts(tools, tokens) {
      const me = record(
        await tools.getJson(`${instance}/api/v1/accounts/verify_credentials`, tokens.accessToken),
      );
      if (!text(me.id)) return [];
      return [
        {
          accountId: text(me.id),
          name: `@${text(me.acct) || text(me.username)}@${new URL(instance).host}`,
          credentials: { accessToken: tokens.accessToken },
          expiresAt: expiry(tools.now, tokens.expiresIn),
        },
      ];
    },
  };
}

export const MASTODON_SCOPES = ["read", "write"] as const;

const platforms = new Map<ChannelKind, OAuthPlatform>([
  ["facebook", facebook],
  ["instagram", instagram],
  ["x", x],
  ["linkedin", linkedin],
]);

/** The platform's OAuth settings (Mastodon: for that instance); null for kinds not connected by OAuth. */
export function oauthPlatformFor(kind: ChannelKind, instance?: string | null): OAuthPlatform | null {
  if (kind === "mastodon") return instance ? (overrides.get("mastodon") ?? mastodonPlatform(instance)) : null;
  return overrides.get(kind) ?? platforms.get(kind) ?? null;
}

const overrides = new Map<ChannelKind, OAuthPlatform>();

/**
 * Points a platform at another authorisation server and API (tests: one started inside the test). Returns a
 * function that restores the real settings.
 */
export function overridePlatform(kind: ChannelKind, changes: Partial<OAuthPlatform>): () => void {
  const base = kind === "mastodon" ? mastodonPlatform(changes.issuer ?? "") : platforms.get(kind);
  if (!base) throw new Error(`no OAuth platform for ${kind}`);
  overrides.set(kind, { ...base, ...changes });
  return () => overrides.delete(kind);
}
