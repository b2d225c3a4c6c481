import type { Command } from "commander";
import { createInterface } from "node:readline";
import { once } from "node:events";
import { check } from "../../core/checker/index";
import { tooLongMessage } from "../../core/checker/limits";
import type { CheckContext, CheckResult } from "../../core/checker/types";
import { groupFindings } from "../../core/checker/group";
import { CliError } from "../cli-error";

const CONTEXTS = new Set<CheckContext>(["personal", "practice", "comment"]);

interface CheckOptions {
  context: string;
  sickLeave?: boolean;
  json?: boolean;
  jsonl?: boolean;
}

/** `safepost check`: one text as a readable report (or JSON), or the JSONL batch contract on stdin/stdout. */
export function registerCheck(program: Command): void {
  program
    .command("check")
    .description(
      "check a post or comment against the social media policy (reads stdin when no text is given)",
    )
    .argument("[text...]", "the text to check")
    .option("-c, --context <context>", "personal, practice or comment", "personal")
    .option("--sick-leave", "the writer is on sick leave")
    .option("--json", "print the result as JSON")
    .option("--jsonl", "batch: one JSON request per stdin line, one JSON answer per stdout line")
    .action(async (words: string[], opts: CheckOptions) => {
      if (opts.jsonl) return runBatch();
      if (!CONTEXTS.has(opts.context as CheckContext))
        throw new CliError(`--context must be personal, practice or comment (not "${opts.context}").`, 2);
      let text = words.join(" ");
      if (!words.length) {
        if (process.stdin.isTTY)
          throw new CliError(
            'Give the text to check, e.g. safepost check "Lovely walk today", or pipe it in.',
            2,
          );
        text = await readAll();
      }
      const tooLong = tooLongMessage(text.length);
      if (tooLong) throw new CliError(tooLong, 2);
      const result = check({
        text,
        context: opts.context as CheckContext,
        author: { onSickLeave: !!opts.sickLeave },
      });
      process.stdout.write(
        opts.json ? JSON.stringify(result, null, 2) + "\n" : report(text, result, !!process.stdout.isTTY),
      );
      if (result.verdict === "do-not-post") process.exitCode = 3;
      else if (result.verdict === "review") process.exitCode = 0;
    });
}

async function readAll(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Streams requests to answers line by line, holding one line at a time and honouring stdout backpressure. */
async function runBatch(): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const out = process.stdout;
  // A reader that stops early (`| head`) is not an error.
  out.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  const progress = !!process.stderr.isTTY;
  let n = 0;
  let bad = 0;
  const started = Date.now();
  for await (const line of rl) {
    if (!line.trim()) continue;
    n++;
    const answer = answerLine(line, n);
    if ("error" in answer) bad++;
    if (!out.write(JSON.stringify(answer) + "\n")) await once(out, "drain");
    if (progress && n % 1000 === 0)
      process.stderr.write(
        `\rchecked ${n} (${Math.round((n * 1000) / Math.max(1, Date.now() - started))}/s)`,
      );
  }
  if (progress) process.stderr.write(`\rchecked ${n}${bad ? `, ${bad} bad lines` : ""}\n`);
}

type Answer = ({ id: unknown } & CheckResult) | { id: unknown; error: string };

function answerLine(line: string, n: number): Answer {
  let req: unknown;
  try {
    req = JSON.parse(line);
  } catch {
    process.stderr.write(`safepost check: line ${n} is not JSON; answered with an error\n`);
    return { id: null, error: `line ${n} is not JSON` };
  }
  if (!req || typeof req !== "object" || Array.isArray(req))
    return { id: null, error: `line ${n} is not a JSON object` };
  const r = req as { id?: unknown; text?: unknown; context?: unknown; author?: { onSickLeave?: unknown } };
  const id = r.id ?? null;
  if (typeof r.text !== "string") return { id, error: "text must be a string" };
  const context = r.context ?? "personal";
  if (!CONTEXTS.has(context as CheckContext))
    return { id, error: "context must be personal, practice or comment" };
  const tooLong = tooLongMessage(r.text.length);
  if (tooLong) {
    process.stderr.write(`safepost check: line ${n}: ${tooLong}\n`);
    return { id, error: tooLong };
  }
  try {
    return {
      id,
      ...check({
        text: r.text,
        context: context as CheckContext,
        author: { onSickLeave: r.author?.onSickLeave === true },
      }),
    };
  } catch (err) {
    return { id, error: `could not check this line: ${err instanceof Error ? err.message : String(err)}` };
  }
}

const SEVERITY_LABEL = { breach: "BREACH", warning: "WARNING", advice: "advice" } as const;
const VERDICT_LABEL = {
  ok: "OK to post",
  review: "Review before posting",
  "do-not-post": "Do not post",
} as const;

/** A readable report: verdict, the text with flagged words marked, then each finding. */
export function report(text: string, r: CheckResult, tty: boolean): string {
  const spans = r.findings.filter((f) => f.severity !== "advice").flatMap((f) => f.spans);
  const marked = mark(text, spans, tty);
  const lines = [`${tty ? "\x1b[1m" : ""}${VERDICT_LABEL[r.verdict]}${tty ? "\x1b[0m" : ""}`, "", marked, ""];
  if (!r.findings.length) lines.push("No problems found.");
  for (const g of groupFindings(text, r.findings)) {
    lines.push(`${SEVERITY_LABEL[g.severity]}  ${g.rule}  (policy clause ${g.clause}: ${g.clauseTitle})`);
    if (g.words.length) lines.push(`  flagged: ${g.words.map((w) => JSON.stringify(w)).join(", ")}`);
    lines.push(`  ${g.message}`);
    lines.push(`  Suggestion: ${g.suggestion}`);
    lines.push("");
  }
  if (r.triage) {
    lines.push(`Triage: ${r.triage.category}`);
    lines.push(`  Suggested reply: ${r.triage.reply}`);
    lines.push(`  Moderation: ${r.triage.moderation.advice}`);
    lines.push("");
  }
  return lines.join("\n") + "\n";
}

function mark(text: string, spans: { start: number; end: number }[], tty: boolean): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  const [open, close] = tty ? ["\x1b[1;41;97m", "\x1b[0m"] : ["[[", "]]"];
  let out = "";
  let at = 0;
  for (const s of merged) {
    out += text.slice(at, s.start) + open + text.slice(s.start, s.end) + close;
    at = s.end;
  }
  return out + text.slice(at);
}
