// Floor test over our own GP case file (gp-cases.jsonl): the checker is run over every item and the
// aggregate figures must reach the floors below. Misses are printed, never asserted one by one, so the
// file can keep growing with new examples (add the failing ones too; raise the floors when they hold).
// Item format is the eval set's (id, context, text, expect, scope, triage, author), plus `urgent: true`
// for comments whose reply must send the writer to 999 / NHS 111 now, and `emergency: true` (the reply starts
// "Call 999 now") or `emergency: false` (it starts with NHS 111).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { check, type CheckContext } from "../../src/core/checker/index";

interface Case {
  id: string;
  context: CheckContext;
  text: string;
  expect?: string[];
  scope?: string[];
  triage?: string;
  author?: { onSickLeave?: boolean };
  urgent?: boolean;
  /** With urgent: true, the reply must start with 999 (true) or with NHS 111 (false). */
  emergency?: boolean;
}

// Measured when the file was written (207 cases): safety recall 0.990, false alarms 0.000, triage 1.000,
// urgent replies 1.000, micro F1 0.997, lowest rule F1 0.923; at 262 cases every figure was 1.000. Those were
// the hand-grown rules, written beside this file, so they fitted it exactly.
// 2026-12-02, with the trained name tagger and classifiers (issue 8): safety recall 1.000, false alarms 0.030,
// triage 0.976, micro F1 0.955, lowest rule F1 0.667 (employer-identification), abuse 0.759. The models
// raised blind safety recall from 0.55–0.58 to 0.86–0.92 (docs/quality.md) and cost false alarms here; the
// floors follow the new figures, so a further fall still fails, and the misses printed are the work list.
const FLOORS = {
  safetyRecall: 0.98,
  falseAlarmRate: 0.04,
  triageAccuracy: 0.97,
  urgentRecall: 1,
  ruleF1: 0.65,
  microF1: 0.95,
};

const cases: Case[] = readFileSync(new URL("./gp-cases.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Case);

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const f1 = (c: Counts): number => (c.tp === 0 ? 0 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn));

function score() {
  const rules = new Map<string, Counts>();
  const bump = (r: string, k: keyof Counts): void => {
    const c = rules.get(r) ?? { tp: 0, fp: 0, fn: 0 };
    c[k]++;
    rules.set(r, c);
  };
  let unsafe = 0,
    caught = 0,
    clean = 0,
    alarms = 0,
    triaged = 0,
    triageRight = 0,
    urgent = 0,
    urgentRight = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const res = check({
      text: c.text,
      context: c.context,
      ...(c.author ? { author: { onSickLeave: c.author.onSickLeave === true } } : {}),
    });
    const got = new Set<string>(
      res.findings.filter((f) => f.severity === "warning" || f.severity === "breach").map((f) => f.rule),
    );
    if (c.expect) {
      const want = new Set(c.expect);
      const inScope = (r: string): boolean => !c.scope || c.scope.includes(r);
      for (const r of want)
        if (got.has(r)) bump(r, "tp");
        else {
          bump(r, "fn");
          misses.push(`${c.id} missed ${r}: ${c.text}`);
        }
      for (const r of got)
        if (!want.has(r) && inScope(r)) {
          bump(r, "fp");
          misses.push(`${c.id} false alarm ${r}: ${c.text}`);
        }
      if (!c.scope) {
        if (want.size) {
          unsafe++;
          if (res.verdict !== "ok") caught++;
        } else {
          clean++;
          if (res.verdict !== "ok") alarms++;
        }
      }
    }
    if (c.triage) {
      triaged++;
      const cat = res.triage?.category;
      if (cat === c.triage) triageRight++;
      else misses.push(`${c.id} triage ${cat ?? "none"} (want ${c.triage}): ${c.text}`);
    }
    if (c.urgent) {
      urgent++;
      const reply = res.triage?.reply ?? "";
      const lead =
        c.emergency === undefined ||
        (c.emergency
          ? /^Call 999 now\b/.test(reply)
          : /^If you need medical help now, please call NHS 111\b/.test(reply));
      if (/\b999\b/.test(reply) && /\b111\b/.test(reply) && res.triage?.moderation?.escalate && lead)
        urgentRight++;
      else misses.push(`${c.id} urgent reply missing 999/111 or not leading with the right one: ${c.text}`);
    }
  }
  const micro = [...rules.values()].reduce(
    (a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }),
    {
      tp: 0,
      fp: 0,
      fn: 0,
    },
  );
  return {
    rules,
    micro: f1(micro),
    safetyRecall: caught / unsafe,
    falseAlarmRate: alarms / clean,
    triageAccuracy: triageRight / triaged,
    urgentRecall: urgent ? urgentRight / urgent : 1,
    unsafe,
    clean,
    misses,
  };
}

describe("GP case file (floors)", () => {
  const s = score();
  const lines = [
    `${cases.length} cases: safety recall ${s.safetyRecall.toFixed(3)} (${s.unsafe} unsafe), false-alarm rate ${s.falseAlarmRate.toFixed(3)} (${s.clean} clean), triage accuracy ${s.triageAccuracy.toFixed(3)}, urgent replies ${s.urgentRecall.toFixed(3)}, micro F1 ${s.micro.toFixed(3)}`,
    ...[...s.rules]
      .sort()
      .map(([r, c]) => `  ${r.padEnd(28)} tp ${c.tp} fp ${c.fp} fn ${c.fn} F1 ${f1(c).toFixed(3)}`),
    ...s.misses.map((m) => `  - ${m}`),
  ];
  console.log(lines.join("\n"));

  it("catches unsafe posts and leaves clean ones alone", () => {
    assert.ok(s.safetyRecall >= FLOORS.safetyRecall, `safety recall ${s.safetyRecall}`);
    assert.ok(s.falseAlarmRate <= FLOORS.falseAlarmRate, `false-alarm rate ${s.falseAlarmRate}`);
    assert.ok(s.micro >= FLOORS.microF1, `micro F1 ${s.micro}`);
  });
  it("reaches the per-rule F1 floor on every rule", () => {
    const low = [...s.rules]
      .filter(([, c]) => f1(c) < FLOORS.ruleF1)
      .map(([r, c]) => `${r} ${f1(c).toFixed(3)}`);
    assert.deepEqual(low, []);
  });
  it("triages comments, and sends urgent symptoms to 999 / NHS 111", () => {
    assert.ok(s.triageAccuracy >= FLOORS.triageAccuracy, `triage accuracy ${s.triageAccuracy}`);
    assert.ok(s.urgentRecall >= FLOORS.urgentRecall, `urgent replies ${s.urgentRecall}`);
  });
});
