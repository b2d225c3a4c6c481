#!/usr/bin/env node
// Scores the checker on every labelled set in ../shared/eval and writes docs/quality.md.
//   npm run eval                 (builds dist/cli.js first when it is missing or older than the sources)
// A missed target is reported, not fatal; a protocol error (bad output, unanswered items) fails the run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { tmpdir } from "node:os";
import { RULE_IDS } from "../src/core/checker/types.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const EVAL = join(ROOT, "..", "shared", "eval");
const CLI = join(ROOT, "dist", "cli.js");

const TARGETS = [
  ["min", "gp-dev.safety_recall", 0.95],
  ["max", "gp-dev.false_alarm_rate", 0.1],
  ["min", "gp-dev.triage.accuracy", 0.85],
  ...RULE_IDS.map((r) => ["min", `gp-dev.rules.${r}.f1`, 0.8]),
  ...["person", "phone", "email", "date", "age"].map((t) => ["min", `presidio-synth.types.${t}.f1`, 0.85]),
  ["min", "btc-uk-a.types.person.f1", 0.7],
  ["min", "davidson-dev.rules.abuse.f1", 0.92],
  ["min", "nhs-feedback-dev.triage.categories.complaint.f1", 0.75],
];

function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

function sets(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    // train/ is training data, not a measurement; blind sets are scored by whoever holds them, never here.
    if (name === "train" || name.includes("blind")) continue;
    if (statSync(p).isDirectory()) out.push(...sets(p));
    else if (name.endsWith(".jsonl")) out.push(p);
  }
  return out;
}

if (!existsSync(EVAL)) {
  console.error(`eval: ${EVAL} not found`);
  process.exit(2);
}
if (
  !existsSync(CLI) ||
  statSync(CLI).mtimeMs < Math.max(newest(join(ROOT, "src")), newest(join(ROOT, "data")))
) {
  console.log("eval: building dist/cli.js");
  const b = spawnSync(process.execPath, [join(ROOT, "scripts", "build.mjs")], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const files = sets(EVAL);
const jsonOut = join(tmpdir(), `safepost-eval-${process.pid}.json`);
const args = [
  join(EVAL, "score.mjs"),
  "--cmd",
  `"${process.execPath}" "${CLI}" check --jsonl`,
  ...files.flatMap((f) => ["--set", f]),
  "--json",
  jsonOut,
];
const names = new Set(
  files.map((f) =>
    f
      .split("/")
      .pop()
      .replace(/\.jsonl$/, ""),
  ),
);
for (const [kind, metric, value] of TARGETS)
  if (names.has(metric.split(".")[0])) args.push(`--${kind}`, `${metric}=${value}`);
const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
process.stdout.write(run.stdout);
process.stderr.write(run.stderr);
if (run.status === 2 || !existsSync(jsonOut)) {
  console.error("eval: the scorer reported a protocol or usage error");
  process.exit(2);
}
const report = JSON.parse(readFileSync(jsonOut, "utf8"));
const protocolErrors = Object.entries(report).filter(([, r]) => r.unanswered > 0 || r.exit_code !== 0);
const commit =
  spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).stdout.trim() ||
  "unknown";
const dirty = spawnSync("git", ["status", "--porcelain", "src", "data"], {
  cwd: ROOT,
  encoding: "utf8",
}).stdout.trim()
  ? " (with uncommitted changes)"
  : "";

const f3 = (x) => (x === null || x === undefined ? "–" : x.toFixed(3));
const get = (path) => path.split(".").reduce((o, k) => (o == null ? undefined : o[k]), report);
const md = [];
md.push("# Checker quality", "");
md.push(
  `Measured ${new Date().toISOString().slice(0, 10)} at commit \`${commit}\`${dirty} by \`npm run eval\` (../shared/eval/score.mjs over every set in ../shared/eval).`,
  "",
);
md.push(
  ...readFileSync(join(ROOT, "scripts", "eval-preamble.md"), "utf8")
    .trimEnd()
    .split("\n"),
  "",
);
md.push("## Targets", "", "| metric | target | measured | |", "|---|---|---|---|");
for (const [kind, metric, value] of TARGETS) {
  const got = get(metric);
  const holds = typeof got === "number" && (kind === "min" ? got >= value : got <= value);
  md.push(
    `| ${metric} | ${kind === "min" ? "≥" : "≤"} ${value} | ${f3(got)} | ${got === undefined ? "no data" : holds ? "holds" : "**misses**"} |`,
  );
}
md.push("");
for (const [name, r] of Object.entries(report)) {
  md.push(
    `## ${name}`,
    "",
    `${r.items} items, ${r.unanswered} unanswered, ${Math.round(r.items_per_second)} items/s through the CLI (process start included).`,
    "",
  );
  if (r.types) {
    md.push("| entity type | tp | fp | fn | precision | recall | F1 |", "|---|---|---|---|---|---|---|");
    for (const [t, c] of Object.entries(r.types))
      md.push(`| ${t} | ${c.tp} | ${c.fp} | ${c.fn} | ${f3(c.precision)} | ${f3(c.recall)} | ${f3(c.f1)} |`);
    md.push(`| micro | | | | ${f3(r.micro.precision)} | ${f3(r.micro.recall)} | ${f3(r.micro.f1)} |`, "");
  }
  if (r.rules && Object.keys(r.rules).length) {
    md.push("| rule | tp | fp | fn | precision | recall | F1 |", "|---|---|---|---|---|---|---|");
    for (const [t, c] of Object.entries(r.rules))
      md.push(`| ${t} | ${c.tp} | ${c.fp} | ${c.fn} | ${f3(c.precision)} | ${f3(c.recall)} | ${f3(c.f1)} |`);
    md.push("");
  }
  if (r.unsafe + r.clean > 0)
    md.push(
      `Safety recall ${f3(r.safety_recall)} over ${r.unsafe} unsafe items; false-alarm rate ${f3(r.false_alarm_rate)} over ${r.clean} clean items.`,
      "",
    );
  if (r.triage) {
    md.push(
      `Triage accuracy ${f3(r.triage.accuracy)}, macro-F1 ${f3(r.triage.macro_f1)}.`,
      "",
      "| category | tp | fp | fn | precision | recall | F1 |",
      "|---|---|---|---|---|---|---|",
    );
    for (const [c, v] of Object.entries(r.triage.categories))
      md.push(`| ${c} | ${v.tp} | ${v.fp} | ${v.fn} | ${f3(v.precision)} | ${f3(v.recall)} | ${f3(v.f1)} |`);
    md.push("");
  }
  if (r.misses?.length) {
    const byKind = new Map();
    for (const m of r.misses) {
      const k = `${m.kind} ${m.rule ?? m.type}`;
      byKind.set(k, (byKind.get(k) ?? 0) + 1);
    }
    md.push(
      `Misses: ${[...byKind]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${n} ${k}`)
        .join(", ")}.`,
      "",
    );
    if (name.startsWith("gp-"))
      md.push(...r.misses.map((m) => `- ${m.id}: ${m.kind} ${m.rule ?? m.type}`), "");
  }
}
mkdirSync(join(ROOT, "docs"), { recursive: true });
writeFileSync(join(ROOT, "docs", "quality.md"), md.join("\n") + "\n");
console.log(`eval: wrote ${relative(process.cwd(), join(ROOT, "docs", "quality.md"))}`);
if (protocolErrors.length) {
  console.error(
    `eval: protocol errors in ${protocolErrors.map(([n]) => n).join(", ")} (unanswered items or a non-zero exit)`,
  );
  process.exit(2);
}
