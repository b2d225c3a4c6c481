// How long a text the checker reads, and how many characters each platform allows in a post.
// One limit, stated in characters (UTF-16 code units, as JavaScript counts them), enforced by the page,
// the API and the CLI with the same sentence; the checker never truncates a text silently.
import { AppError } from "../errors";

/** The longest text the checker checks, in characters. */
export const CHECK_MAX_CHARS = 100_000;

/** The most characters each channel allows in one post (each platform's published limit). */
export const CHANNEL_LIMITS: readonly { channel: string; chars: number }[] = [
  { channel: "X", chars: 280 },
  { channel: "Bluesky", chars: 300 },
  { channel: "Mastodon", chars: 500 },
  { channel: "Instagram", chars: 2_200 },
  { channel: "LinkedIn", chars: 3_000 },
  { channel: "Facebook", chars: 63_206 },
];

const n = (x: number): string => x.toLocaleString("en-GB");

/** The plain sentence for a text over the limit, or null when it fits. */
export function tooLongMessage(length: number): string | null {
  if (length <= CHECK_MAX_CHARS) return null;
  return `This text is too long to check: it has ${n(length)} characters and the checker reads up to ${n(CHECK_MAX_CHARS)}, so nothing was checked. Please check it in parts.`;
}

/** Throws a payload-too-large AppError when the text is over the checker's limit. */
export function assertCheckable(text: string): void {
  const message = tooLongMessage(text.length);
  if (message) throw new AppError("payload-too-large", message);
}
