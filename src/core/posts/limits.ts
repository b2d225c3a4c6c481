// How long a post may be on each channel, counted the way that platform counts: X by weighted characters,
// Bluesky and Mastodon by graphemes (what a reader sees as one character), the others by UTF-16 units
// (never fewer than the platform counts, so a post that fits here is not refused there). Pure.
import { find } from "linkifyjs";

/** Every channel a practice posts to (the same ids as src/channels/adapter.ts CHANNEL_KINDS). */
export type PostChannelKind =
  "facebook" | "instagram" | "x" | "linkedin" | "bluesky" | "mastodon" | "website" | "manual";

/** How a channel counts, in words a person reads beside the count. */
export type CountUnit = "weighted characters" | "characters";

/** A link's length on X and Mastodon, whatever its real length: both count it as a shortened URL. */
export const SHORT_LINK_LENGTH = 23;
/** Mastodon's limit unless the instance says otherwise. */
export const DEFAULT_MASTODON_LIMIT = 500;
/** Bluesky's second limit: the post's UTF-8 bytes (long emoji sequences reach it before 300 graphemes). */
export const BLUESKY_MAX_BYTES = 3_000;

interface ChannelRule {
  /** The most the channel allows, or null when it has no practical limit. */
  max: number | null;
  unit: CountUnit;
  requiresImage: boolean;
  measure: (text: string) => number;
}

/** Options a practice's channel carries (Mastodon's limit is the instance's own). */
export interface LimitOptions {
  mastodonMaxChars?: number | undefined;
}

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

/** Graphemes: "é" written as e + combining accent is one, a family emoji is one. */
export function graphemeCount(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

const utf8 = new TextEncoder();

/** The URLs in a text, as start/end offsets; `schemeOnly` keeps those written with http(s):// (Mastodon). */
function urlRanges(text: string, schemeOnly = false): { start: number; end: number }[] {
  return find(text, "url")
    .filter((u) => !schemeOnly || /^https?:\/\//i.test(u.value))
    .map((u) => ({ start: u.start, end: u.end }));
}

/** Replaces each URL with a stand-in of `length` characters, for counting. */
function withShortLinks(text: string, ranges: { start: number; end: number }[]): string {
  let out = "";
  let at = 0;
  for (const r of ranges) {
    out += text.slice(at, r.start) + "x".repeat(SHORT_LINK_LENGTH);
    at = r.end;
  }
  return out + text.slice(at);
}

// X's published weighting (twitter-text configuration v3): these code points weigh 1, all others 2,
// each emoji 2 however many code points it has, each URL 23; the limit is 280.
const X_LIGHT_RANGES: readonly [number, number][] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];
// Built at run time: the `v` flag (emoji sequences as one match) is newer than the TypeScript target.
const EMOJI = new RegExp("\\p{RGI_Emoji}", "gv");

function xWeight(codePoint: number): number {
  return X_LIGHT_RANGES.some(([lo, hi]) => codePoint >= lo && codePoint <= hi) ? 1 : 2;
}

/** X's weighted length: NFC first (as X does), then URLs 23, emoji 2, other code points 1 or 2. */
export function xWeightedLength(input: string): number {
  const text = input.normalize("NFC");
  const urls = urlRanges(text);
  const pieces: string[] = [];
  let at = 0;
  for (const r of urls) {
    pieces.push(text.slice(at, r.start));
    at = r.end;
  }
  pieces.push(text.slice(at));
  return urls.length * SHORT_LINK_LENGTH + pieces.reduce((sum, piece) => sum + xPieceWeight(piece), 0);
}

function xPieceWeight(piece: string): number {
  let total = (piece.match(EMOJI) ?? []).length * 2;
  for (const plain of piece.split(EMOJI)) {
    for (const ch of plain) total += xWeight(ch.codePointAt(0) ?? 0);
  }
  return total;
}

/** Mastodon's count: URLs with a scheme are 23, "@name@instance" counts as "@name", the rest in graphemes. */
export function mastodonLength(text: string): number {
  const countable = withShortLinks(text, urlRanges(text, true)).replace(
    /(^|[^/\w])@([a-z0-9_]+)@[a-z0-9.-]+[a-z0-9]+/gi,
    "$1@$2",
  );
  return graphemeCount(countable);
}

const utf16 = (text: string): number => text.length;

const RULES: Record<Exclude<PostChannelKind, "mastodon">, ChannelRule> = {
  x: { max: 280, unit: "weighted characters", requiresImage: false, measure: xWeightedLength },
  bluesky: { max: 300, unit: "characters", requiresImage: false, measure: graphemeCount },
  instagram: { max: 2_200, unit: "characters", requiresImage: true, measure: utf16 },
  linkedin: { max: 3_000, unit: "characters", requiresImage: false, measure: utf16 },
  facebook: { max: 63_206, unit: "characters", requiresImage: false, measure: utf16 },
  website: { max: null, unit: "characters", requiresImage: false, measure: graphemeCount },
  manual: { max: null, unit: "characters", requiresImage: false, measure: graphemeCount },
};

function ruleFor(kind: PostChannelKind, options: LimitOptions): ChannelRule {
  if (kind === "mastodon") {
    const max = options.mastodonMaxChars ?? DEFAULT_MASTODON_LIMIT;
    return { max, unit: "characters", requiresImage: false, measure: mastodonLength };
  }
  return RULES[kind];
}

/** A text's length on one channel against that channel's limit. */
export interface ChannelCount {
  count: number;
  /** Null: the channel has no practical limit. */
  max: number | null;
  unit: CountUnit;
  /** How far over the limit (0 when it fits). */
  over: number;
}

/** Counts `text` the way `kind` counts it. */
export function countFor(kind: PostChannelKind, text: string, options: LimitOptions = {}): ChannelCount {
  const rule = ruleFor(kind, options);
  const count = rule.measure(text);
  const over = rule.max === null ? 0 : Math.max(0, count - rule.max);
  return { count, max: rule.max, unit: rule.unit, over };
}

/** Whether the channel refuses a post without an image (Instagram). */
export function requiresImage(kind: PostChannelKind): boolean {
  return ruleFor(kind, {}).requiresImage;
}

/** Why a post cannot go to a channel as it stands: a stable code and a sentence for the author. */
export interface ChannelProblem {
  code: "too-long" | "needs-image";
  message: string;
}

export const CHANNEL_NAMES: Record<PostChannelKind, string> = {
  facebook: "Facebook",
  instagram: "Instagram",
  x: "X",
  linkedin: "LinkedIn",
  bluesky: "Bluesky",
  mastodon: "Mastodon",
  website: "the practice website",
  manual: "the manual channel",
};

const n = (x: number): string => x.toLocaleString("en-GB");

/** The problems of the exact text sent to a channel (footer and link included) with its images. */
export function channelProblems(
  kind: PostChannelKind,
  post: { text: string; imageCount: number },
  options: LimitOptions = {},
): ChannelProblem[] {
  const problems: ChannelProblem[] = [];
  const { count, max, unit, over } = countFor(kind, post.text, options);
  const name = CHANNEL_NAMES[kind];
  if (over > 0 && max !== null) {
    problems.push({
      code: "too-long",
      message: `This is ${n(count)} ${unit} on ${name}, ${n(over)} over its limit of ${n(max)}. Shorten the text or the footer.`,
    });
  } else if (kind === "bluesky" && utf8.encode(post.text).length > BLUESKY_MAX_BYTES) {
    problems.push({
      code: "too-long",
      message: `This is too long for Bluesky: its emoji and symbols take more room than Bluesky allows. Shorten the text.`,
    });
  }
  if (requiresImage(kind) && post.imageCount === 0) {
    problems.push({ code: "needs-image", message: `${name} needs at least one image with each post.` });
  }
  return problems;
}
