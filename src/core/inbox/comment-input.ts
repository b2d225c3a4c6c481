// What a person may give safepost as one comment (the paste box, one CSV row): the rules and their plain
// messages, shared by the API, the CSV import and the CLI. Pure.
import { z } from "zod";
import { fromDateParts, ukWallClockToInstant } from "../dates";
import { CHANNEL_KINDS, RECEIVED_AT_EXAMPLE, type ChannelKind } from "./types";

/** The longest comment stored (platforms allow less: Facebook's comments stop at 8,000). */
export const COMMENT_MAX_CHARS = 10_000;
export const AUTHOR_MAX_CHARS = 200;
/** The most rows one CSV import takes. */
export const IMPORT_MAX_ROWS = 20_000;
/** How a comment with no author reads. */
export const UNKNOWN_AUTHOR = "(no name given)";

const channelList = CHANNEL_KINDS.join(", ");

const RECEIVED_AT_MESSAGE = `Give the time it was received as a date and time, for example ${RECEIVED_AT_EXAMPLE}.`;

/** A UK day and time as written in the UK: "01/12/2026 09:30", "1/12/2026", "01-12-2026 9:30". */
const UK_FORM = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:,?\s+(\d{1,2}[:.]\d{2}))?$/;

/**
 * A time as people write it: the UK way ("01/12/2026 09:30", the day first), an ISO time with its offset, or a
 * UK day and wall-clock time ("2026-12-01 09:30", "2026-12-01T09:30"), or a day alone (09:00 UK time). Null
 * when it is no real time.
 */
export function parseReceivedAt(value: string): Date | null {
  const v = value.trim();
  const uk = UK_FORM.exec(v);
  if (uk) {
    const day = fromDateParts({ day: uk[1]!, month: uk[2]!, year: uk[3]! });
    return day.ok ? ukWallClockToInstant(day.day, (uk[4] ?? "09:00").replace(".", ":")) : null;
  }
  const local = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2})(?::\d{2})?)?$/.exec(v);
  if (local) return ukWallClockToInstant(local[1]!, local[2] ?? "09:00");
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(v)) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .nullable()
    .optional()
    .transform((s) => (s ? s : null));

/** One comment as given: the channel it came from, who wrote it, its words, when, and the post it is under. */
export const commentInputSchema = z.object({
  channel: z
    .string({ error: `Say which channel the comment came from: one of ${channelList}.` })
    .trim()
    .toLowerCase()
    .refine((c) => (CHANNEL_KINDS as readonly string[]).includes(c), {
      error: (issue) => `The channel '${String(issue.input).slice(0, 40)}' is not one of ${channelList}.`,
    })
    .transform((c) => c as ChannelKind),
  author: optionalText(
    AUTHOR_MAX_CHARS,
    `Keep the author's name or handle to ${AUTHOR_MAX_CHARS} characters.`,
  ).transform((s) => s ?? UNKNOWN_AUTHOR),
  text: z
    .string({ error: "Paste the words of the comment." })
    .max(
      COMMENT_MAX_CHARS,
      `A comment can be at most ${COMMENT_MAX_CHARS.toLocaleString("en-GB")} characters; this one is longer. Paste only the comment itself.`,
    )
    .refine((t) => t.trim() !== "", "Paste the words of the comment: it is empty."),
  receivedAt: z
    .string()
    .trim()
    .max(64, RECEIVED_AT_MESSAGE)
    .nullable()
    .optional()
    .refine((s) => !s || parseReceivedAt(s) !== null, {
      error: (issue) =>
        UK_FORM.test(String(issue.input).trim()) || /^\d{4}-\d{2}-\d{2}/.test(String(issue.input).trim())
          ? `${String(issue.input).trim().slice(0, 20)} is not a real date and time. ${RECEIVED_AT_MESSAGE}`
          : RECEIVED_AT_MESSAGE,
    })
    .transform((s) => (s ? parseReceivedAt(s) : null)),
  postUrl: optionalText(2000, "That post address is too long.").refine(
    (s) => s === null || /^https?:\/\/[^\s/]+(?:[/?#]\S*)?$/i.test(s),
    { message: "Give the post's address as a full web address starting https://, or leave it empty." },
  ),
  platformId: optionalText(200, "That comment id is too long."),
});

export type CommentInput = z.input<typeof commentInputSchema>;
export type CommentFields = z.output<typeof commentInputSchema>;
