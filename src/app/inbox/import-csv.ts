// The CSV import (`safepost inbox import`, the inbox page's upload): columns channel, author, text, received_at
// and post_url (platform_id may follow), read with csv-parse. A bad row is a plain error naming its line, and
// nothing is stored: the rows are all checked before any is written, then written in one transaction.
import { parse } from "csv-parse/sync";
import { AppError } from "../../core/errors";
import { commentInputSchema, IMPORT_MAX_ROWS, type CommentFields } from "../../core/inbox";
import type { AppContext } from "../context";
import { receiveComments, type ReceiveSummary } from "./receive-comments";

export const CSV_COLUMNS = ["channel", "author", "text", "received_at", "post_url"] as const;
const OPTIONAL_COLUMNS = ["platform_id"];
/** The largest file read (about 20,000 long comments). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

const bad = (message: string): AppError => new AppError("invalid-input", message);
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const sentence = (s: string): string => (/[.!?]$/.test(s) ? s : `${s}.`);

// A NUL byte, or half of a surrogate pair: text PostgreSQL cannot keep.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (v: string): boolean => v.includes("\u0000") || LONE_SURROGATE.test(v);

/** What csv-parse's complaint means, in words. */
function csvProblem(err: unknown): AppError {
  const e = err as { code?: string; lines?: number };
  const line = e.lines ? `Line ${e.lines}: ` : "";
  switch (e.code) {
    case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH":
    case "CSV_RECORD_INCONSISTENT_COLUMNS":
      return bad(
        `${line}this row has a different number of values from the first line. Put text with commas in double quotes.`,
      );
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_QUOTE_NOT_CLOSED":
    case "INVALID_OPENING_QUOTE":
      return bad(
        `${line}a double quote is not closed where it should be. Write a quote inside quoted text as two quotes ("").`,
      );
    default:
      return bad(`${line}this line could not be read as CSV.`);
  }
}

/** The rows of a CSV file as comments, or a plain error naming the first bad line. */
export function readCommentsCsv(csv: string): { comments: CommentFields[]; lines: number[] } {
  if (Buffer.byteLength(csv, "utf8") > IMPORT_MAX_BYTES)
    throw bad("That file is larger than 10 MB. Split it into smaller files and import each.");
  if (csv.trim() === "")
    throw bad(`The file is empty. Its first line should name the columns ${CSV_COLUMNS.join(",")}.`);
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(csv, { bom: true, info: true, skip_empty_lines: true }) as unknown as typeof rows;
  } catch (err) {
    throw csvProblem(err);
  }
  const [head, ...body] = rows;
  const header = head!.record.map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter(
    (h) => !(CSV_COLUMNS as readonly string[]).includes(h) && !OPTIONAL_COLUMNS.includes(h),
  );
  if (missing.length || unknown.length)
    throw bad(
      `Line 1 should name the columns ${CSV_COLUMNS.join(",")}${
        missing.length ? `; it is missing ${missing.map((m) => `'${m}'`).join(", ")}` : ""
      }${unknown.length ? `; safepost does not read ${unknown.map((u) => `'${u.slice(0, 40)}'`).join(", ")}` : ""}.`,
    );
  if (!body.length) throw bad("The file has no comments: only its first line (the column names).");
  if (body.length > IMPORT_MAX_ROWS)
    throw bad(
      `The file has ${body.length.toLocaleString("en-GB")} comments; import at most ${IMPORT_MAX_ROWS.toLocaleString("en-GB")} at a time.`,
    );
  const at = (record: string[], column: string): string | undefined => {
    const i = header.indexOf(column);
    return i < 0 ? undefined : record[i];
  };
  const comments = body.map(({ record, info }) => {
    const line = `Line ${info.lines}`;
    if (record.some(unstorable))
      throw bad(`${line}: it holds a character that cannot be saved (a NUL byte or a broken character).`);
    const parsed = commentInputSchema.safeParse({
      channel: at(record, "channel"),
      author: at(record, "author"),
      text: at(record, "text"),
      receivedAt: at(record, "received_at"),
      postUrl: at(record, "post_url"),
      platformId: at(record, "platform_id"),
    });
    if (!parsed.success) throw bad(`${line}: ${lowerFirst(sentence(parsed.error.issues[0]!.message))}`);
    return parsed.data;
  });
  return { comments, lines: body.map((r) => r.info.lines) };
}

/** Imports a CSV file's comments for the practice: all of them, or (on any bad line) none. */
export async function importCommentsCsv(
  ctx: AppContext,
  practiceId: string,
  actorId: string | null,
  csv: string,
): Promise<ReceiveSummary & { lines: number }> {
  const { comments, lines } = readCommentsCsv(csv);
  const summary = await receiveComments(ctx, practiceId, comments, {
    actorId,
    source: "import",
    label: (i) => `Line ${lines[i] ?? i + 2}`,
  });
  return { ...summary, lines: comments.length };
}
