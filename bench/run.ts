// npm run bench: the checker's speed on one core (checks/s, p50/p99 per check, peak memory) and, in the
// same run, its F1 beside the npm packages a practice might use instead, each on that package's own task.
// Writes docs/benchmarks.md.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { execSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { check } from "../src/core/checker/index";
import { CHECK_MAX_CHARS } from "../src/core/checker/limits";
import { peers, type Span, type Peer } from "./peers";
import { ADVERSARIAL_UNITS, repeatTo } from "./adversarial";
import { serverBench } from "./server";
import { publishingBench } from "./publishing";
import { inboxImportBench } from "./inbox-import";

const EVAL = join(import.meta.dirname, "..", "..", "shared", "eval");

interface Item {
  id: string;
  text: string;
  context?: "personal" | "practice" | "comment";
  author?: { onSickLeave?: boolean };
  expect?: string[];
  spans?: (Span & { type: string })[];
  types?: string[];
}

function load(name: string): Item[] {
  const p = [join(EVAL, `${name}.jsonl`), join(EVAL, "external", `${name}.jsonl`)].find(existsSync);
  if (!p) return [];
  return readFileSync(p, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Item);
}

const f1 = (tp: number, fp: number, fn: number): { p: number; r: number; f1: number } => {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};
const iou = (a: Span, b: Span): number => {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union ? inter / union : 0;
};

/** Entity F1 for one type, matched as ../shared/eval/score.mjs does (same type, IoU ≥ 0.5). */
function entityF1(
  items: Item[],
  type: string,
  predict: (text: string) => Span[],
): { p: number; r: number; f1: number } {
  let tp = 0,
    fp = 0,
    fn = 0;
  for (const it of items) {
    if (!(it.types ?? []).includes(type)) continue;
    const gold = (it.spans ?? []).filter((s) => s.type === type);
    const pred = predict(it.text);
    const used = new Set<number>();
    for (const g of gold) {
      const k = pred.findIndex((p, i) => !used.has(i) && iou(p, g) >= 0.5);
      if (k >= 0) {
        used.add(k);
        tp++;
      } else fn++;
    }
    fp += pred.length - used.size;
  }
  return f1(tp, fp, fn);
}

/** Binary F1 for "is this abusive?" on a rule-labelled set. */
function abuseF1(items: Item[], predict: (text: string) => boolean): { p: number; r: number; f1: number } {
  let tp = 0,
    fp = 0,
    fn = 0;
  for (const it of items) {
    const gold = (it.expect ?? []).includes("abuse");
    const got = predict(it.text);
    if (got && gold) tp++;
    else if (got) fp++;
    else if (gold) fn++;
  }
  return f1(tp, fp, fn);
}

const ours = {
  entities:
    (type: string) =>
    (text: string): Span[] =>
      check({ text, context: "personal" }).entities.filter((e) => e.type === type),
  abuse: (text: string): boolean =>
    check({ text, context: "comment" }).findings.some((f) => f.rule === "abuse" && f.severity !== "advice"),
};

// ---------- speed ----------
function speed(texts: string[]): {
  perSecond: number;
  p50: number;
  p99: number;
  peakRss: number;
  peakHeap: number;
  n: number;
} {
  for (let i = 0; i < 3000; i++) check({ text: texts[i % texts.length]!, context: "comment" });
  const times: number[] = [];
  let peakRss = 0,
    peakHeap = 0;
  const started = performance.now();
  let i = 0;
  while (performance.now() - started < 4000) {
    const t = texts[i % texts.length]!;
    const a = performance.now();
    check({ text: t, context: i % 3 === 0 ? "comment" : i % 3 === 1 ? "personal" : "practice" });
    times.push(performance.now() - a);
    if (i % 2000 === 0) {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }
    i++;
  }
  const total = performance.now() - started;
  times.sort((x, y) => x - y);
  return {
    perSecond: (i / total) * 1000,
    p50: times[Math.floor(times.length * 0.5)]!,
    p99: times[Math.floor(times.length * 0.99)]!,
    peakRss,
    peakHeap,
    n: i,
  };
}

const ADVERSARIAL_SIZES = [10_000, 50_000, CHECK_MAX_CHARS];
const PER_10K_TARGET_MS = 50;

/** Each adversarial input at each size: best of a few runs, wall and CPU time, ms per 10,000 characters. */
function adversarial(): { rows: string[]; worst: number; worstRatio: number } {
  check({ text: "warm up: Mr Smith, Ann, Bob and 14 Mill Lane", context: "comment" });
  const rows: string[] = [];
  let worst = 0;
  let worstRatio = 0;
  for (const [name, unit] of ADVERSARIAL_UNITS) {
    const cells: string[] = [];
    const per: number[] = [];
    for (const size of ADVERSARIAL_SIZES) {
      const text = repeatTo(unit, size);
      // The best of a few runs in each context, and the slowest context counts.
      let wall = 0;
      let cpu = 0;
      for (const context of ["comment", "personal", "practice"] as const) {
        let w = Infinity;
        let c = Infinity;
        for (let k = 0; k < (size <= 10_000 ? 3 : 1); k++) {
          const before = process.cpuUsage();
          const a = performance.now();
          check({ text, context });
          w = Math.min(w, performance.now() - a);
          const u = process.cpuUsage(before);
          c = Math.min(c, (u.user + u.system) / 1000);
        }
        wall = Math.max(wall, w);
        cpu = Math.max(cpu, c);
      }
      per.push((cpu * 10_000) / size);
      cells.push(`${wall.toFixed(0)} / ${cpu.toFixed(0)}`);
    }
    const perMax = Math.max(...per);
    const ratio = per[per.length - 1]! / Math.max(per[0]!, 0.01);
    worst = Math.max(worst, perMax);
    worstRatio = Math.max(worstRatio, ratio);
    rows.push(
      `| ${name} | \`${JSON.stringify(unit).slice(1, -1).replace(/\|/g, "\\|")}\` | ${cells.join(" | ")} | ${perMax.toFixed(1)} | ${ratio.toFixed(1)} | ${perMax < PER_10K_TARGET_MS ? "holds" : "**misses**"} |`,
    );
    console.log(rows[rows.length - 1]);
  }
  return { rows, worst, worstRatio };
}

function adversarialSection(a: ReturnType<typeof adversarial>): string[] {
  return [
    "## Linear on every input (adversarial)",
    "",
    `Each input is one short unit repeated to 10,000, 50,000 and ${CHECK_MAX_CHARS.toLocaleString("en-GB")} characters (the checker's limit; a longer text is refused, not checked). Cells are wall / CPU milliseconds for one check: the best of up to three runs in each context (comment, personal, practice), and the slowest context. The target is under ${PER_10K_TARGET_MS} ms per 10,000 characters at every size, judged on CPU time because the machine is shared; "growth" is the CPU time per 10,000 characters at the limit divided by that at 10,000 (1 is linear, 10 would be quadratic).`,
    "",
    "| input | unit | 10,000 | 50,000 | 100,000 | worst ms per 10,000 (CPU) | growth | < 50 ms per 10,000 |",
    "|---|---|---|---|---|---|---|---|",
    ...a.rows,
    "",
    `Worst: ${a.worst.toFixed(1)} ms per 10,000 characters; largest growth ${a.worstRatio.toFixed(1)}.`,
    "",
  ];
}

async function main(): Promise<void> {
  console.log("adversarial inputs:");
  const adv = adversarial();
  if (process.argv.includes("--adversarial-only")) {
    const path = join(import.meta.dirname, "..", "docs", "benchmarks.md");
    const old = existsSync(path) ? readFileSync(path, "utf8") : "# Checker benchmarks\n";
    const cut = old.indexOf("## Linear on every input");
    const next = cut < 0 ? -1 : old.indexOf("\n## ", cut + 1);
    const section = adversarialSection(adv).join("\n");
    writeFileSync(
      path,
      cut < 0
        ? `${old.trimEnd()}\n\n${section}`
        : old.slice(0, cut) + section + (next < 0 ? "" : old.slice(next + 1)),
    );
    console.log("bench: wrote the adversarial section of docs/benchmarks.md");
    return;
  }
  const gp = load("gp-dev"),
    presidio = load("presidio-synth"),
    btc = load("btc-uk-a"),
    davidson = load("davidson-dev"),
    nhs = load("nhs-feedback-dev");
  const short = [...gp, ...presidio, ...btc, ...davidson, ...nhs]
    .map((x) => x.text)
    .filter((t) => t.length < 500);
  console.log(`speed: ${short.length} texts under 500 characters`);
  const s = speed(short);
  console.log(
    `  ${Math.round(s.perSecond)} checks/s, p50 ${s.p50.toFixed(3)} ms, p99 ${s.p99.toFixed(3)} ms`,
  );

  const rows: string[] = [];
  const compare = async (
    task: string,
    set: string,
    oursScore: { f1: number; p: number; r: number },
    peer: Peer,
    score: () => Promise<{ f1: number; p: number; r: number }> | { f1: number; p: number; r: number },
  ): Promise<void> => {
    let cell: string;
    try {
      const t = performance.now();
      const r = await score();
      cell = `${r.f1.toFixed(3)} (P ${r.p.toFixed(2)}, R ${r.r.toFixed(2)}) in ${((performance.now() - t) / 1000).toFixed(1)} s`;
    } catch (err) {
      cell = `could not run: ${err instanceof Error ? err.message : String(err)}`;
    }
    rows.push(
      `| ${task} | ${set} | ${peer.name} ${peer.version} | ${cell} | ${oursScore.f1.toFixed(3)} (P ${oursScore.p.toFixed(2)}, R ${oursScore.r.toFixed(2)}) |`,
    );
    console.log(rows[rows.length - 1]);
  };

  const p = await peers();
  for (const type of ["person", "phone", "email"]) {
    const o = entityF1(presidio, type, ours.entities(type));
    for (const peer of [p.redactPii, p.openRedaction])
      if (peer.entities?.[type])
        await compare(`${type} spans`, "presidio-synth", o, peer, () =>
          entityF1(presidio, type, peer.entities![type]!),
        );
  }
  {
    const o = entityF1(presidio, "date", ours.entities("date"));
    if (p.openRedaction.entities?.date)
      await compare("date spans", "presidio-synth", o, p.openRedaction, () =>
        entityF1(presidio, "date", p.openRedaction.entities!.date!),
      );
  }
  for (const [set, items] of [
    ["presidio-synth", presidio],
    ["btc-uk-a", btc],
  ] as const) {
    const o = entityF1(items, "person", ours.entities("person"));
    await compare("person spans", set, o, p.compromise, () =>
      entityF1(items, "person", p.compromise.entities!.person!),
    );
  }
  const oa = abuseF1(davidson, ours.abuse);
  for (const peer of [p.obscenity, p.leoProfanity])
    await compare("abuse (any flagged)", "davidson-dev", oa, peer, () => abuseF1(davidson, peer.abusive!));

  console.log("server: starting safepost serve and measuring with autocannon");
  const server = await serverBench().catch((err: unknown) => [
    "## Server (HTTP on loopback)",
    "",
    `The server benchmark could not run: ${err instanceof Error ? err.message : String(err)}`,
    "",
  ]);
  console.log(server.join("\n"));

  console.log("publishing: 1,000 posts due at once, on one instance and on two");
  const publishing = await publishingBench().catch((err: unknown) => [
    "## Publishing: due to sent",
    "",
    `The publishing benchmark could not run: ${err instanceof Error ? err.message : String(err)}`,
    "",
  ]);
  console.log(publishing.join("\n"));

  console.log("inbox: 10,000 comments imported by CSV");
  const inbox = await inboxImportBench().catch((err: unknown) => [
    "## Inbox: importing comments",
    "",
    `The inbox import benchmark could not run: ${err instanceof Error ? err.message : String(err)}`,
    "",
  ]);
  console.log(inbox.join("\n"));

  const commit = (() => {
    try {
      return execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
    } catch {
      return "unknown";
    }
  })();
  const md = [
    "# Checker benchmarks",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} at commit \`${commit}\` by \`npm run bench\` on ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}, one thread. Load average when it finished: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(
        " / ",
      )} (the machine has ${cpus().length} cores shared with other work, so speed figures vary between runs).`,
    "",
    "## Speed (in-process, one core)",
    "",
    `Inputs: the ${short.length} texts under 500 characters from the evaluation sets, cycled for 4 seconds after a warm-up, contexts rotating personal / practice / comment.`,
    "",
    "| measure | result | target |",
    "|---|---|---|",
    `| checks per second | ${Math.round(s.perSecond).toLocaleString("en-GB")} | ≥ 5,000 |`,
    `| p50 per check | ${s.p50.toFixed(3)} ms | |`,
    `| p99 per check | ${s.p99.toFixed(3)} ms | < 2 ms |`,
    `| peak RSS | ${(s.peakRss / 1048576).toFixed(0)} MB | |`,
    `| peak heap used | ${(s.peakHeap / 1048576).toFixed(0)} MB | |`,
    "",
    ...adversarialSection(adv),
    "## Beside the npm packages a practice might use instead",
    "",
    "Each package is scored on its own task only, on the same sets, with the scorer's matching rules (entity spans: same type and overlap IoU ≥ 0.5; abuse: the item is flagged or not). Package versions are those installed as devDependencies.",
    "",
    "| task | set | package | package F1 | safepost F1 |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    "Notes:",
    ...p.notes.map((n) => `- ${n}`),
    "",
    ...server,
    ...publishing,
    ...inbox,
  ];
  writeFileSync(join(import.meta.dirname, "..", "docs", "benchmarks.md"), md.join("\n"));
  console.log("bench: wrote docs/benchmarks.md");
}

await main();
