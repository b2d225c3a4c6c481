import { readFileSync, statSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { z } from "zod";
import {
  importCommentsCsv,
  IMPORT_MAX_BYTES,
  listConversations,
  type ConversationView,
} from "../../app/inbox";
import { CATEGORY_LABELS } from "../../core/inbox";
import { commentEvidence } from "../../app/inbox/evidence";
import { longDateTime } from "../../exports/format";
import { inboxEvidencePdf } from "../../exports/inbox-evidence-pdf";
import { CliError } from "../cli-error";
import { parseOptions, practiceOption, withPractice } from "../practice-command";

const importOptions = z.object({
  practice: practiceOption,
  csv: z.string().min(1, "name the CSV file to import"),
});
const evidenceOptions = z.object({
  practice: practiceOption,
  comment: z.string().trim().min(1, "name the comment (its id, from `safepost inbox list --json`)"),
  out: z.string().trim().min(1, "name the PDF file to write, e.g. --out evidence.pdf"),
});
const listOptions = z.object({ practice: practiceOption, json: z.boolean().default(false) });

/** The CSV file's text, or a plain refusal (missing, a folder, too large, not UTF-8 text). */
function readCsv(path: string): string {
  let size: number;
  try {
    const s = statSync(path);
    if (!s.isFile()) throw new CliError(`${path} is not a file.`, 2);
    size = s.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`there is no file ${path}.`, 2);
  }
  if (size > IMPORT_MAX_BYTES)
    throw new CliError("that file is larger than 10 MB. Split it into smaller files and import each.", 2);
  return readFileSync(path, "utf8");
}

/** One conversation as the list prints it: category, status and action taken; then who and where. */
function describe(c: ConversationView): string[] {
  const due = c.acknowledgeBy ? `; acknowledge by ${c.acknowledgeBy}` : "";
  return [
    `${CATEGORY_LABELS[c.category]} | ${c.statusLabel} | ${c.actions.join(", ")}`,
    `  ${c.channel}, ${c.priority} priority, received ${longDateTime(c.receivedAt)}${due}; ${c.commentCount} comment${c.commentCount === 1 ? "" : "s"}${c.assignee ? `; with ${c.assignee.name}` : ""}`,
  ];
}

/** `safepost inbox import` and `safepost inbox list`: the practice's inbox from the command line. */
export function registerInbox(program: Command): void {
  const inbox = program
    .command("inbox")
    .description("patients' comments, triaged: import them and list them");

  inbox
    .command("import")
    .description(
      "import comments from a CSV file (columns channel,author,text,received_at,post_url): all of them, or none",
    )
    .requiredOption("--practice <slug>", "the practice's short name, e.g. riverside")
    .requiredOption("--csv <file>", "the CSV file")
    .action(async (raw: { practice: string; csv: string }) => {
      const o = parseOptions(importOptions, raw);
      const csv = readCsv(o.csv);
      await withPractice(o.practice, async (ctx, practice) => {
        const s = await importCommentsCsv(ctx, practice.id, null, csv);
        const kinds = Object.entries(s.byCategory)
          .map(([k, n]) => `${n} ${CATEGORY_LABELS[k as keyof typeof CATEGORY_LABELS].toLowerCase()}`)
          .join(", ");
        const lines = [
          `${practice.name}: imported ${s.stored} comment${s.stored === 1 ? "" : "s"}${kinds ? ` (${kinds})` : ""}.`,
        ];
        if (s.duplicates)
          lines.push(
            `${s.duplicates} ${s.duplicates === 1 ? "was" : "were"} already in the inbox and left as they were.`,
          );
        if (s.alerted)
          lines.push(
            `${s.alerted} could not wait: the safeguarding lead, practice managers or posters have been emailed.`,
          );
        process.stdout.write(lines.join("\n") + "\n");
      });
    });

  inbox
    .command("list")
    .description(
      "print the practice's conversations, most pressing first, with category, status and action taken",
    )
    .requiredOption("--practice <slug>", "the practice's short name, e.g. riverside")
    .option("--json", "print JSON")
    .action(async (raw: { practice: string; json?: boolean }) => {
      const o = parseOptions(listOptions, { ...raw, json: !!raw.json });
      await withPractice(o.practice, async (ctx, practice) => {
        const list = await listConversations(ctx, practice.id, null, {});
        if (o.json) {
          const bare = list.map(({ preview: _preview, ...c }) => c);
          process.stdout.write(
            JSON.stringify({ practice: practice.name, conversations: bare }, null, 2) + "\n",
          );
          return;
        }
        if (list.length === 0) {
          process.stdout.write(`${practice.name}'s inbox is empty.\n`);
          return;
        }
        const out = [`${practice.name}: ${list.length} conversation${list.length === 1 ? "" : "s"}`, ""];
        for (const c of list) out.push(...describe(c), "");
        process.stdout.write(out.join("\n"));
      });
    });

  inbox
    .command("evidence")
    .description("write a comment's evidence records (kept before it was hidden) to a PDF bundle")
    .requiredOption("--practice <slug>", "the practice's short name, e.g. riverside")
    .requiredOption("--comment <id>", "the comment's id")
    .requiredOption("--out <file>", "the PDF file to write")
    .action(async (raw: { practice: string; comment: string; out: string }) => {
      const o = parseOptions(evidenceOptions, raw);
      await withPractice(o.practice, async (ctx, practice) => {
        const bundle = await commentEvidence(ctx, practice.id, o.comment, null);
        writeFileSync(o.out, await inboxEvidencePdf(bundle, ctx.now()));
        process.stdout.write(
          `${practice.name}: wrote ${bundle.records.length} evidence record${bundle.records.length === 1 ? "" : "s"} to ${o.out}${bundle.chain.ok ? "; the evidence chain checks out" : `; WARNING: the evidence chain does not check out at record ${bundle.chain.brokenAt}`}.\n`,
        );
      });
    });
}
