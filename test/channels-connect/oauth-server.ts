import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/**
 * A real OAuth 2.0 authorisation server (oidc-provider: authorisation code, PKCE required, refresh tokens) on a
 * free loopback port, standing in for a platform's. Its sign-in and consent screens are skipped: `signInAs`
 * picks who signs in at the platform next. It also answers the platform API's "who am I" (`GET /2/users/me`,
 * X's shape) for a live access token it issued, so the account lookup runs against the real token.
 */
export class TestAuthServer {
  server!: Server;
  provider!: Provider;
  issuer = "";
  readonly clientId = "practice-app-client";
  readonly clientSecret = "practice-app-secret-that-is-long-enough";
  readonly scopes = [
    "tweet.read",
    "tweet.write",
    "tweet.moderate.write",
    "users.read",
    "media.write",
    "offline.access",
  ];
  current = "platform-account-1";
  /** Answer the next authorisation with error=access_denied (the person pressed Cancel). */
  decline = false;

  async start(redirectUri: string, accessTokenSeconds = 600): Promise<void> {
    this.server = createServer();
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: this.clientId,
          client_secret: this.clientSecret,
          redirect_uris: [redirectUri],
          response_types: ["code"],
          grant_types: ["authorization_code", "refresh_token"],
          token_endpoint_auth_method: "client_secret_basic",
        },
      ],
      scopes: this.scopes,
      pkce: { required: () => true },
      issueRefreshToken: async () => true,
      rotateRefreshToken: true,
      findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
      features: { devInteractions: { enabled: false }, revocation: { enabled: true } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      cookies: { keys: ["a test cookie signing key for the platform"] },
      ttl: {
        Interaction: 600,
        Session: 3600,
        Grant: 3600,
        AccessToken: accessTokenSeconds,
        AuthorizationCode: 60,
        RefreshToken: 86_400,
      },
    });
    const handle = this.provider.callback();
    this.server.on("request", (req, res) => {
      void (async () => {
        if (req.url?.startsWith("/interaction/")) return this.interact(req, res);
        if (req.url === "/2/users/me") return this.whoAmI(req, res);
        await handle(req, res);
      })().catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    });
  }

  private async interact(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) {
    const details = await this.provider.interactionDetails(req, res);
    if (this.decline) {
      this.decline = false;
      await this.provider.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "The person cancelled" },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (details.prompt.name === "login") {
      await this.provider.interactionFinished(
        req,
        res,
        { login: { accountId: this.current } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const grant = new this.provider.Grant({
      accountId: details.session!.accountId,
      clientId: String(details.params.client_id),
    });
    grant.addOIDCScope(String(details.params.scope));
    await this.provider.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
  }

  private async whoAmI(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) {
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    const found = token ? await this.provider.AccessToken.find(token) : undefined;
    res.setHeader("content-type", "application/json");
    if (!found || found.isExpired) {
      res.statusCode = 401;
      res.end(JSON.stringify({ title: "Unauthorized", status: 401 }));
      return;
    }
    res.end(JSON.stringify({ data: { id: found.accountId, name: "Practice", username: found.accountId } }));
  }

  /** Whether `token` is an access token this server issued and has not expired or revoked. */
  async isLiveAccessToken(token: string): Promise<boolean> {
    const found = await this.provider.AccessToken.find(token);
    return Boolean(found && !found.isExpired);
  }

  /** Revokes a refresh token (as a person removing the app's access on the platform would). */
  async revokeRefreshToken(token: string): Promise<void> {
    const found = await this.provider.RefreshToken.find(token);
    await found?.destroy();
  }

  signInAs(sub: string): void {
    this.current = sub;
  }

  /**
   * Plays the browser at the platform: follows redirects from the authorisation address (keeping the platform's
   * cookies) until it is sent back to `callbackBase`; returns that address.
   */
  async browse(start: string, callbackBase: string): Promise<string> {
    const jar = new Map<string, string>();
    let url = new URL(start);
    for (let i = 0; i < 20; i++) {
      const res = await fetch(url, {
        redirect: "manual",
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const at = pair!.indexOf("=");
        const value = pair!.slice(at + 1);
        if (value) jar.set(pair!.slice(0, at), value);
        else jar.delete(pair!.slice(0, at));
      }
      await res.body?.cancel();
      const location = res.headers.get("location");
      if (!location) throw new Error(`the platform stopped at ${url.pathname} with ${res.status}`);
      if (location.startsWith(callbackBase)) return location;
      url = new URL(location, url);
    }
    throw new Error("too many redirects at the platform");
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
