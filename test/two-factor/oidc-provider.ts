import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import Provider from "oidc-provider";

export interface TestAccount {
  email: string;
  email_verified: boolean;
  /** The provider proved a second factor (amr "mfa"). */
  mfa?: boolean;
}

/**
 * A real OpenID provider (oidc-provider) on a free loopback port, standing in for NHSmail. Its login and
 * consent screens are skipped: `signInAs` picks who "types their NHSmail password" next. In
 * `wrongAudience` mode the token endpoint's ID token is re-signed with the provider's own key for another
 * client, as a token stolen from another application would be.
 */
export class TestProvider {
  server!: Server;
  issuer = "";
  readonly clientId = "safepost-test-client";
  readonly clientSecret = "a test client secret that is long enough";
  accounts: Record<string, TestAccount> = {};
  current = "";
  wrongAudience = false;
  private key!: KeyObject;
  private kid = "test-key-1";

  async start(redirectUri: string): Promise<void> {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    this.key = privateKey;
    this.server = createServer();
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    const provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: this.clientId,
          client_secret: this.clientSecret,
          redirect_uris: [redirectUri],
          response_types: ["code"],
          grant_types: ["authorization_code"],
          token_endpoint_auth_method: "client_secret_post",
        },
      ],
      jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: this.kid, alg: "RS256", use: "sig" }] },
      findAccount: (_ctx, sub) => ({
        accountId: sub,
        claims: () => {
          const a = this.accounts[sub];
          return { sub, ...(a ? { email: a.email, email_verified: a.email_verified } : {}) };
        },
      }),
      claims: { openid: ["sub", "amr"], email: ["email", "email_verified"] },
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      cookies: { keys: ["a test cookie signing key"] },
      ttl: {
        Interaction: 600,
        Session: 3600,
        Grant: 3600,
        AccessToken: 600,
        IdToken: 600,
        AuthorizationCode: 60,
      },
    });
    const handle = provider.callback();
    this.server.on("request", (req, res) => {
      void (async () => {
        if (req.url?.startsWith("/interaction/")) {
          const details = await provider.interactionDetails(req, res);
          if (details.prompt.name === "login") {
            const mfa = this.accounts[this.current]?.mfa === true;
            await provider.interactionFinished(
              req,
              res,
              { login: { accountId: this.current, amr: mfa ? ["pwd", "mfa"] : ["pwd"] } },
              { mergeWithLastSubmission: false },
            );
          } else {
            const grant = new provider.Grant({
              accountId: details.session!.accountId,
              clientId: String(details.params.client_id),
            });
            grant.addOIDCScope("openid email profile");
            await provider.interactionFinished(
              req,
              res,
              { consent: { grantId: await grant.save() } },
              { mergeWithLastSubmission: true },
            );
          }
          return;
        }
        if (this.wrongAudience && req.method === "POST" && req.url?.startsWith("/token"))
          this.rewriteAudience(res);
        await handle(req, res);
      })().catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    });
  }

  private rewriteAudience(res: import("node:http").ServerResponse): void {
    const end = res.end.bind(res) as (chunk?: unknown) => void;
    (res as { end: (chunk?: unknown) => unknown }).end = (chunk?: unknown) => {
      const body = JSON.parse(String(chunk)) as { id_token?: string };
      if (body.id_token) {
        const [h, p] = body.id_token.split(".") as [string, string];
        const payload = JSON.parse(Buffer.from(p, "base64url").toString()) as Record<string, unknown>;
        payload.aud = "another-application";
        const newP = Buffer.from(JSON.stringify(payload)).toString("base64url");
        const sig = sign("sha256", Buffer.from(`${h}.${newP}`), this.key).toString("base64url");
        body.id_token = `${h}.${newP}.${sig}`;
      }
      const text = JSON.stringify(body);
      res.setHeader("content-length", Buffer.byteLength(text));
      end(text);
    };
  }

  signInAs(sub: string): void {
    this.current = sub;
  }

  /**
   * Plays the browser at the provider: from the authorisation address, follows redirects (keeping the
   * provider's cookies) until it is sent back to `callbackBase`; returns that address.
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
        const name = pair!.slice(0, at);
        const value = pair!.slice(at + 1);
        if (value) jar.set(name, value);
        else jar.delete(name);
      }
      const location = res.headers.get("location");
      if (!location)
        throw new Error(`the provider stopped at ${url.pathname} with ${res.status}: ${await res.text()}`);
      if (location.startsWith(callbackBase)) return location;
      url = new URL(location, url);
    }
    throw new Error("too many redirects at the provider");
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
