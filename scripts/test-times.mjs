#!/usr/bin/env node
// Where a test run's time went: `SAFEPOST_TEST_TIMES=/tmp/times npm test`, then
// `node scripts/test-times.mjs /tmp/times` prints the totals by tier and the slowest files (docs/testing.md).
import { readFileSync } from "node:fs";
import { join } from "node:path";

const folder = process.argv[2];
if (!folder) {
  console.error("usage: node scripts/test-times.mjs <folder given as SAFEPOST_TEST_TIMES>");
  process.exit(1);
}
const rows = readFileSync(join(folder, "times.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line))
  .sort((a, b) => b.wallMs - a.wallMs);
const s = (ms) => Math.round(ms / 1000);
const tiers = new Map();
for (const r of rows) {
  const tier = r.file.split("/")[0];
  const t = tiers.get(tier) ?? { files: 0, wallMs: 0, cpuMs: 0, childCpuMs: 0 };
  t.files += 1;
  t.wallMs += r.wallMs;
  t.cpuMs += r.cpuMs;
  t.childCpuMs += r.childCpuMs ?? 0;
  tiers.set(tier, t);
}
console.log("tier\tfiles\twall s\tCPU s\tchildren's CPU s");
for (const [tier, t] of tiers)
  console.log(`${tier}\t${t.files}\t${s(t.wallMs)}\t${s(t.cpuMs)}\t${s(t.childCpuMs)}`);
console.log("\nslowest files (wall s, CPU s, children's CPU s, peak MB)");
for (const r of rows.slice(0, 20))
  console.log(`${r.file}\t${s(r.wallMs)}\t${s(r.cpuMs)}\t${s(r.childCpuMs ?? 0)}\t${r.maxRssMb}`);
