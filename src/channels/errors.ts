// One way to turn a platform's answer into a ChannelError, shared by every adapter: the same status means the
// same thing to the publishing job whichever platform said it. Messages are sentences for the practice; the
// platform's own reason travels in details, cut short and cleaned of the post's text and the credentials.
import { ChannelError } from "./adapter";

/** Where in a publish a failure happened: uploads before the post, or the call that creates the post. */
export type CallPhase = "prepare" | "create";

export interface PlatformAnswer {
  status: number;
  /** The Retry-After header (seconds or an HTTP date), if any. */
  retryAfter?: string | null | undefined;
  /** The platform's own reason, as it gave it. */
  reason?: string | undefined;
  /** The platform said the token is expired, revoked or lacks permission (whatever the status). */
  auth?: boolean;
  /** The platform said it is rate-limiting (whatever the status: some answer 400 or 403). */
  rateLimited?: boolean;
}

/** What must never appear in an error: the post's text and the connection's secrets. */
export interface Redaction {
  text?: string | undefined;
  secrets?: readonly string[] | undefined;
}

const DEFAULT_RETRY_SECONDS = 60;
const MAX_REASON = 300;

/** Seconds to wait from a Retry-After header: a number of seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null | undefined, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The platform's reason, short, with the post's text and any secret taken out. */
export function cleanReason(reason: string | undefined, redact: Redaction = {}): string | undefined {
  if (!reason) return undefined;
  let out = reason;
  for (const secret of redact.secrets ?? []) if (secret.length >= 6) out = out.split(secret).join("[secret]");
  const text = redact.text?.trim();
  if (text) {
    out = out.split(text).join("[post text]");
    // A platform quoting part of the post: take out any line of it long enough to be recognised.
    for (const line of text.split("\n").map((l) => l.trim()))
      if (line.length >= 12) out = out.split(line).join("[post text]");
  }
  out = out.replace(/\s+/g, " ").trim();
  return out.length > MAX_REASON ? `${out.slice(0, MAX_REASON - 1)}…` : out;
}

/** The ChannelError for a platform's error answer. */
export function errorFromAnswer(
  platform: string,
  answer: PlatformAnswer,
  phase: CallPhase,
  redact: Redaction = {},
): ChannelError {
  const { status } = answer;
  const platformReason = cleanReason(answer.reason, redact);
  const reasonPart = platformReason === undefined ? {} : { platformReason };
  if (answer.auth || status === 401) {
    return new ChannelError(
      "reconnect",
      `${platform} no longer accepts safepost's access to this account. An admin needs to reconnect the channel; posts for it wait until then.`,
      { status, ...reasonPart },
    );
  }
  if (answer.rateLimited || status === 429) {
    const retryAfterSecs = retryAfterSeconds(answer.retryAfter) ?? DEFAULT_RETRY_SECONDS;
    return new ChannelError(
      "retry",
      `${platform} asked safepost to slow down. The post was not published; safepost tries again in ${retryAfterSecs} seconds.`,
      { status, retryAfterSeconds: retryAfterSecs, ...reasonPart },
    );
  }
  // A gateway that gave up waiting may have left the platform to finish the post: never assume it did not.
  if (status === 504 && phase === "create") return unknownOutcome(platform, { status });
  if (status >= 500) {
    const wait = retryAfterSeconds(answer.retryAfter);
    return new ChannelError(
      "retry",
      `${platform} had a fault of its own and did not take the post. safepost tries again shortly.`,
      { status, ...(wait === null ? {} : { retryAfterSeconds: wait }), ...reasonPart },
    );
  }
  return new ChannelError(
    "rejected",
    `${platform} refused this post, so it was not published. Its reason is shown with the delivery; change the post and send it again.`,
    { status, ...reasonPart },
  );
}

/** The ChannelError when the connection failed, timed out or was cut. */
export function errorFromNetwork(platform: string, phase: CallPhase): ChannelError {
  if (phase === "create") return unknownOutcome(platform, {});
  return new ChannelError(
    "retry",
    `safepost could not reach ${platform} while preparing the post. Nothing was published; safepost tries again shortly.`,
    {},
  );
}

function unknownOutcome(platform: string, details: { status?: number }): ChannelError {
  return new ChannelError(
    "unknown-outcome",
    `The connection to ${platform} broke after safepost sent the post, so whether it went live is not known. safepost looks for it before anything is sent again.`,
    details,
  );
}

/** The caller's signal joined to a time limit of our own, so no platform call waits for ever. */
export function withTimeout(signal: AbortSignal | undefined, ms = 30_000): AbortSignal {
  const limit = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, limit]) : limit;
}
