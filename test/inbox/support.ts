// Invented comments of each kind (every name and detail made up) and helpers to count what the inbox holds.
import type { AppContext } from "../../src/app/context";

export const COMMENTS = {
  complaint: "Formal complaint: my slot came and went, forty minutes went by and no one explained the wait.",
  appointment: "Can I book an appointment with a nurse for next week please?",
  prescription:
    "Is it possible to get a repeat of my inhaler prescription sent over to the chemist on the high street?",
  review: "Lovely reception team, really kind when my dad was poorly. Thank you all!",
  threat: "You lot are useless idiots and I will come down there and smash the windows.",
  safeguarding:
    "My neighbour's little boy is always covered in bruises and left alone at night, I'm worried.",
  crisis: "I can't go on any more, I want to end my life tonight.",
  question: "What time do you open on Saturday?",
} as const;

/** How many rows the inbox's tables and the audit hold (to show a refused request wrote nothing). */
export async function inboxCounts(ctx: AppContext) {
  const count = async (table: "inbox_comments" | "inbox_conversations" | "audit_log" | "outbox") =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    comments: await count("inbox_comments"),
    conversations: await count("inbox_conversations"),
    audit: await count("audit_log"),
    outbox: await count("outbox"),
  };
}

/** A CSV file from rows of channel, author, text, received_at, post_url. */
export function csvOf(rows: string[][]): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return ["channel,author,text,received_at,post_url", ...rows.map((r) => r.map(cell).join(","))].join("\n");
}
