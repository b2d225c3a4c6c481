// openid-client configured by hand for one platform (no discovery: most platforms publish no metadata), and
// the small JSON GET the account lookups use. Shared by connecting and by the refresh job.
import * as oauth from "openid-client";
import type { AppCredentials } from "./app-credentials";
import type { OAuthPlatform } from "./connect-platforms";

const TIMEOUT_SECONDS = 15;

/** Plain http only for a server on this machine (a test, or a local gateway). */
export function isLoopback(url: URL): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

/** A platform answered, but not with what was asked for (its status kept for the caller to sort). */
export class PlatformAnswerError extends Error {
  constructor(readonly status: number) {
    super(`the platform answered ${status}`);
    this.name = "PlatformAnswerError";
  }
}

/**
 * Some token endpoints (LinkedIn's among them) leave out `token_type`, which the OAuth specification requires
 * and openid-client insists on; a bearer token is what they issue, so the answer is completed with it.
 */
function completingTokenType(tokenEndpoint: string): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url !== tokenEndpoint || !res.ok || !res.headers.get("content-type")?.includes("json")) return res;
    const body = (await res.json()) as Record<string, unknown>;
    if (typeof body.token_type !== "string") body.token_type = "bearer";
    return new Response(JSON.stringify(body), {
      status: res.status,
      headers: { "content-type": "application/json" },
    });
  };
}

/** The OAuth configuration for a platform and the practice's app there. */
export function oauthConfig(platform: OAuthPlatform, app: AppCredentials): oauth.Configuration {
  const secret = app.clientSecret;
  const auth = !secret
    ? oauth.None()
    : platform.clientAuth === "basic"
      ? oauth.ClientSecretBasic(secret)
      : oauth.ClientSecretPost(secret);
  const config = new oauth.Configuration(
    {
      issuer: platform.issuer,
      authorization_endpoint: platform.authorizationEndpoint,
      token_endpoint: platform.tokenEndpoint,
    },
    app.clientId,
    secret ? { client_secret: secret } : {},
    auth,
  );
  config.timeout = TIMEOUT_SECONDS;
  config[oauth.customFetch] = completingTokenType(platform.tokenEndpoint) as never;
  if (new URL(platform.tokenEndpoint).protocol === "http:") oauth.allowInsecureRequests(config);
  return config;
}

/** A JSON GET with the access token as a bearer token; PlatformAnswerError on a non-2xx answer. */
export async function getJson(
  url: string,
  accessToken: string,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const res = await fetch(url, {
    headers: { ...headers, authorization: `Bearer ${accessToken}`, accept: "application/json" },
    signal: AbortSignal.timeout(TIMEOUT_SECONDS * 1000),
    redirect: "error",
  });
  if (!res.ok) {
    await res.body?.cancel();
    throw new PlatformAnswerError(res.status);
  }
  return res.json();
}
