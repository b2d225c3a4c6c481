// The Bluesky session and error mapping shared by publishing and comments.
import { AtpAgent, XRPCError } from "@atproto/api";
import { ChannelError, type ChannelConnection } from "../adapter";
import { errorFromAnswer, errorFromNetwork, type CallPhase, type Redaction } from "../errors";

export type { AtpAgent };

export const PLATFORM = "Bluesky";

/** Error names the PDS uses for a session or password it no longer accepts. */
const AUTH_ERRORS = new Set([
  "AuthenticationRequired",
  "ExpiredToken",
  "InvalidToken",
  "AccountTakedown",
  "AccountDeactivated",
]);

export function secretsOf(conn: ChannelConnection): string[] {
  return Object.entries(conn.credentials)
    .filter(([k]) => k !== "identifier")
    .map(([, v]) => v);
}

/** Maps anything @atproto/api throws to a ChannelError. */
export function toChannelError(err: unknown, phase: CallPhase, redact: Redaction): ChannelError {
  if (err instanceof ChannelError) return err;
  if (err instanceof XRPCError && err.status >= 100) {
    const retryAfter = header(err, "retry-after") ?? resetToRetryAfter(header(err, "ratelimit-reset"));
    return errorFromAnswer(
      PLATFORM,
      {
        status: err.status,
        retryAfter,
        reason: `${err.error}: ${err.message}`,
        auth: AUTH_ERRORS.has(err.error),
        rateLimited: err.error === "RateLimitExceeded",
      },
      phase,
      redact,
    );
  }
  return errorFromNetwork(PLATFORM, phase);
}

function header(err: XRPCError, name: string): string | undefined {
  const headers = err.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Bluesky gives the end of a rate-limit window as a Unix time in seconds. */
function resetToRetryAfter(reset: string | undefined): string | null {
  if (!reset || !/^\d+$/.test(reset)) return null;
  return String(Math.max(1, Number(reset) - Math.floor(Date.now() / 1000)));
}

/**
 * An agent signed in as the connection's account with its app password (createSession). The session lives
 * only for this call: a kept session would rotate its refresh token on every use, and a publish has no way to
 * hand the new one back, so the app password is the one credential kept (encrypted) for Bluesky.
 */
export async function signIn(conn: ChannelConnection, signal: AbortSignal): Promise<AtpAgent> {
  const fetchWithSignal: typeof fetch = (input, init) =>
    fetch(input, { ...init, signal: init?.signal ?? signal });
  const agent = new AtpAgent({ service: conn.apiBase, fetch: fetchWithSignal });
  const { identifier, appPassword } = conn.credentials;
  if (!identifier || !appPassword) {
    throw errorFromAnswer(PLATFORM, { status: 401, auth: true }, "prepare");
  }
  await agent.login({ identifier, password: appPassword });
  return agent;
}

/** The post's web address on bsky.app, from its at:// URI. */
export function webUrl(uri: string): string {
  const [, , did, , rkey] = uri.split("/");
  return `https://bsky.app/profile/${did}/post/${rkey}`;
}
