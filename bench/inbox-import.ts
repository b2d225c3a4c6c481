// The inbox import benchmark (part of npm run bench): 10,000 comments in one CSV file, imported as
// `safepost inbox import` does (read and checked whole, then each comment triaged by the checker and stored
// in one transaction), on the embedded database a practice runs by default and, with DATABASE_URL, on a
// PostgreSQL server. The comments are generated here from a few dozen made-up sentences of the kinds a
// practice's page receives, varied so no two are the same. Returns the markdown section for docs/benchmarks.md.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { importCommentsCsv } from "../src/app/inbox";
import { createPractice } from "../src/app/practices/create-practice";
import { addMembership, createUser } from "../src/app/users/create-user";
import { openDatabase, type OpenDatabase } from "../src/store/database";
import { benchContext, dropBenchSchemas } from "./support";

export const IMPORT_COMMENTS = 10_000;
const TARGET_SECONDS = 30;

const OPENINGS = [
  "Thanks to the team for",
  "Really disappointed with",
  "Can someone tell me about",
  "Is there any update on",
  "Just wanted to say how good",
  "Why is nobody answering about",
  "Could I book something for",
  "Not happy at all with",
];
const SUBJECTS = [
  "the flu clinic on Saturday",
  "the phone lines this morning",
  "the new car park",
  "my repeat prescription for next week",
  "the blood test slots",
  "the opening hours over the bank holiday",
  "the online consultation form",
  "the waiting room being so cold",
  "the walk-in vaccination session",
  "the travel jab appointments",
];
const ENDINGS = [
  "",
  " Thank you.",
  " Please get back to me.",
  " This is the third time I have asked.",
  " Five stars from me.",
  " I will be making a formal complaint.",
  " Keep up the good work!",
  " Any help appreciated.",
];
const CHANNELS = ["facebook", "instagram", "x", "linkedin", "bluesky", "mastodon", "website", "other"];

const csvField = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A CSV file of n comments: varied text, authors, channels and times. */
export function commentsCsv(n: number, start = Date.now() - 30 * 86_400_000): string {
  const lines = ["channel,author,text,received_at,post_url"];
  for (let i = 0; i < n; i++) {
    const text = `${OPENINGS[i % OPENINGS.length]} ${SUBJECTS[Math.floor(i / 8) % SUBJECTS.length]}${ENDINGS[Math.floor(i / 80) % ENDINGS.length]} (${i + 1})`;
    const at = new Date(start + i * 60_000).toISOString();
    lines.push(
      [CHANNELS[i % CHANNELS.length]!, `Patient ${(i % 2500) + 1}`, text, at, ""].map(csvField).join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

interface Outcome {
  database: string;
  seconds: number;
  stored: number;
  conversations: number;
  categories: number;
}

async function run(label: string, open: () => Promise<OpenDatabase>, csv: string): Promise<Outcome> {
  const database = await open();
  try {
    const ctx = benchContext(database);
    const practice = await createPractice(ctx.db, { slug: "bench", name: "Bench Surgery", twoFactor: "off" });
    const u = await createUser(ctx.db, {
      email: "poster@bench.example",
      name: "Poster",
      password: "bench password 1",
    });
    await addMembership(ctx.db, practice.id, u.id, ["poster", "staff"], new Date(Date.now() - 86_400_000));
    const started = process.hrtime.bigint();
    const summary = await importCommentsCsv(ctx, practice.id, u.id, csv);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const stored = await ctx.db
      .selectFrom("inbox_comments")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("practice_id", "=", practice.id)
      .executeTakeFirstOrThrow();
    return {
      database: label,
      seconds,
      stored: Number(stored.n),
      conversations: new Set(summary.conversationIds).size,
      categories: Object.keys(summary.byCategory).length,
    };
  } finally {
    await database.close();
  }
}

/** Runs the import benchmark on the embedded database and, with DATABASE_URL, on PostgreSQL; markdown lines. */
export async function inboxImportBench(): Promise<string[]> {
  const csv = commentsCsv(IMPORT_COMMENTS);
  const results: Outcome[] = [];
  const dir = mkdtempSync(join(tmpdir(), "safepost-bench-inbox-"));
  try {
    results.push(
      await run(
        "embedded (PGlite, data in a folder)",
        () => openDatabase({ dataDir: dir, jobs: { log: () => {} } }),
        csv,
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `bench_${randomBytes(5).toString("hex")}`;
    try {
      results.push(
        await run("PostgreSQL server", () => openDatabase({ url, schema, jobs: { log: () => {} } }), csv),
      );
    } finally {
      await dropBenchSchemas(url, schema);
    }
  }
  return [
    "## Inbox: importing comments",
    "",
    `${IMPORT_COMMENTS.toLocaleString("en-GB")} comments in one CSV file (${(Buffer.byteLength(csv) / 1048576).toFixed(1)} MB, generated by \`bench/inbox-import.ts\`), imported as \`safepost inbox import\` does: the whole file read and checked first, then every comment triaged by the checker in the practice's context and stored in one transaction. The target is under ${TARGET_SECONDS} s. The machine's load average when it finished: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(
        " / ",
      )} on its two cores (other work shares them, so the figures vary between runs). No peer is named: the inboxes a practice might use instead (Hootsuite, Chatwoot) are hosted services with no published import figure to run here.`,
    "",
    "| database | import and triage | comments stored | conversations | categories seen | target |",
    "|---|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| ${r.database} | ${r.seconds.toFixed(1)} s | ${r.stored.toLocaleString("en-GB")} | ${r.conversations.toLocaleString("en-GB")} | ${r.categories} | ${r.seconds < TARGET_SECONDS ? "met" : "missed"} (< ${TARGET_SECONDS} s) |`,
    ),
    "",
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await inboxImportBench()).join("\n"));
}
