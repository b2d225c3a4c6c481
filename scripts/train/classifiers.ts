// Trains the checker's classifiers (one logistic regression per semantic rule and per triage category) from
// data/training/*.jsonl (the team's GP corpus) and two public training sets in ../shared/eval/train
// (davidson-train: abuse; nhs-feedback-train: complaints). Five-fold cross-validation chooses each rule's
// threshold for "rule or model" and reports the figures; then every model is retrained on all the data and
// written, quantised, to data/models/classifiers.json with the report in data/models/classifiers-report.md.
// Deterministic: fixed seeds, sorted inputs, no clock.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analyse } from "../../src/core/checker/analyse";
import { runRules } from "../../src/core/checker/rules/all";
import { categorise } from "../../src/core/checker/triage";
import { featuresOf } from "../../src/core/checker/models/features";
import {
  FEATURE_BITS,
  LABELS,
  MODEL_RULES,
  ruleApplies,
  ruleLabel,
  triageLabel,
  decideCategory,
  forcedCategory,
  type ModelRule,
} from "../../src/core/checker/models/labels";
import { toBase64, writeVarints, type PackedModel } from "../../src/core/checker/models/linear";
import { TRIAGE_CATEGORIES, type CheckContext, type TriageCategory } from "../../src/core/checker/types";
import {
  DEFAULT_OPTIONS,
  predict,
  rng,
  shuffled,
  trainLogistic,
  type Rows,
  type TrainOptions,
} from "./logistic";

const ROOT = join(import.meta.dirname, "..", "..");
const TRAINING = join(ROOT, "data", "training");
const PUBLIC = join(ROOT, "..", "shared", "eval", "train");
const FOLDS = 5;
const SEED = 20261202;

type Source = "gp" | "davidson" | "nhs";
export interface Example {
  id: string;
  source: Source;
  text: string;
  context: CheckContext;
  sick: boolean;
  rules: Set<string>;
  triage?: TriageCategory;
  triageNot?: TriageCategory;
  /** The rules' own answer, for the report. */
  ruleFlags: Set<string>;
  ruleFlagged: boolean;
  ruleCategory?: TriageCategory;
  /** The category the rules force (a threat or slur, an urgent symptom), if any. */
  ruleForced: TriageCategory | undefined;
}

interface Raw {
  id: string;
  text: string;
  context?: CheckContext;
  author?: { onSickLeave?: boolean };
  expect?: string[];
  triage?: TriageCategory;
  triageNot?: TriageCategory;
}

function readJsonl(path: string): Raw[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Raw);
}

/** Every training item: the GP corpus files in name order, then the two public sets. */
export function loadRaw(): { source: Source; raw: Raw }[] {
  const out: { source: Source; raw: Raw }[] = [];
  for (const f of readdirSync(TRAINING)
    .filter((n) => n.endsWith(".jsonl"))
    .sort())
    for (const raw of readJsonl(join(TRAINING, f))) out.push({ source: "gp", raw });
  for (const [file, source] of [
    ["davidson-train.jsonl", "davidson"],
    ["nhs-feedback-train.jsonl", "nhs"],
  ] as const) {
    const p = join(PUBLIC, file);
    if (!existsSync(p))
      throw new Error(`train: ${p} is missing (the public training sets live in ../shared/eval/train)`);
    for (const raw of readJsonl(p)) out.push({ source, raw });
  }
  return out;
}

/** Analyses every item once and builds the sparse feature rows (bucket ids made dense). */
export function featurise(items: { source: Source; raw: Raw }[]): {
  examples: Example[];
  rows: Rows;
  buckets: number[];
} {
  const examples: Example[] = [];
  const ptr = [0];
  const ids: number[] = [];
  const vals: number[] = [];
  const dense = new Map<number, number>();
  const buckets: number[] = [];
  for (const { source, raw } of items) {
    const context = raw.context ?? "personal";
    const sick = raw.author?.onSickLeave === true;
    const doc = analyse(raw.text, context, sick);
    const findings = runRules(doc);
    const ruled = context === "comment" ? categorise(doc, findings) : undefined;
    const cat = ruled?.category;
    const f = featuresOf(doc, findings, cat, FEATURE_BITS);
    for (let k = 0; k < f.idx.length; k++) {
      let d = dense.get(f.idx[k]!);
      if (d === undefined) {
        d = buckets.length;
        dense.set(f.idx[k]!, d);
        buckets.push(f.idx[k]!);
      }
      ids.push(d);
      vals.push(f.val[k]!);
    }
    ptr.push(ids.length);
    const flagged = findings.filter((x) => x.severity !== "advice");
    examples.push({
      id: raw.id,
      source,
      text: raw.text,
      context,
      sick,
      rules: new Set(raw.expect ?? []),
      ...(raw.triage ? { triage: raw.triage } : {}),
      ...(raw.triageNot ? { triageNot: raw.triageNot } : {}),
      ruleFlags: new Set(flagged.map((x) => x.rule)),
      ruleFlagged: flagged.length > 0,
      ...(cat ? { ruleCategory: cat } : {}),
      ruleForced: forcedCategory(ruled, findings),
    });
  }
  return {
    examples,
    rows: {
      ptr: Int32Array.from(ptr),
      ids: Int32Array.from(ids),
      vals: Float32Array.from(vals),
      dim: buckets.length,
    },
    buckets,
  };
}

/** Which examples train a label, with their 0/1 answer; null when the example says nothing about it. */
export function target(label: string, e: Example): number | null {
  if (label.startsWith("rule:")) {
    const rule = label.slice(5) as ModelRule;
    if (e.source === "davidson") return rule === "abuse" ? +e.rules.has("abuse") : null;
    if (e.source !== "gp" || !ruleApplies(rule, e.context, e.sick)) return null;
    return +e.rules.has(rule);
  }
  const cat = label.slice(7) as TriageCategory;
  if (e.context !== "comment" || e.source === "davidson") return null;
  if (e.triage) return +(e.triage === cat);
  if (e.triageNot === cat) return 0;
  return null;
}

/** Per-source weight: the GP corpus is what the checker is for; the public sets help but must not swamp it. */
const SOURCE_WEIGHT: Record<Source, number> = { gp: 1, davidson: 0.25, nhs: 0.5 };

function trainLabel(
  label: string,
  exs: Example[],
  rows: Rows,
  pick: (i: number) => boolean,
  opt: TrainOptions,
) {
  const idx: number[] = [];
  const y: number[] = [];
  const w: number[] = [];
  // Within a public set, positives and negatives weigh the same in total: Davidson's tweets are mostly
  // offensive, and its base rate must not become the checker's prior for every comment.
  const counts = new Map<string, number>();
  exs.forEach((e, i) => {
    const t = pick(i) ? target(label, e) : null;
    if (t !== null) counts.set(`${e.source}:${t}`, (counts.get(`${e.source}:${t}`) ?? 0) + 1);
  });
  const balance = (e: Example, t: number): number => {
    if (e.source === "gp") return 1;
    const mine = counts.get(`${e.source}:${t}`) ?? 1;
    const all = mine + (counts.get(`${e.source}:${1 - t}`) ?? 0);
    return all / (2 * mine);
  };
  exs.forEach((e, i) => {
    if (!pick(i)) return;
    const t = target(label, e);
    if (t === null) return;
    idx.push(i);
    y.push(t);
    w.push(SOURCE_WEIGHT[e.source] * balance(e, t));
  });
  return prune(trainLogistic(rows, idx, y, w, opt), opt.keep);
}

/** Keeps a label's `keep` strongest weights and zeroes the rest (the model ships to the browser). */
export function prune<T extends { weights: Float64Array }>(m: T, keep: number): T {
  const nz = m.weights.filter((w) => w !== 0);
  if (nz.length <= keep) return m;
  const cut = Float64Array.from(nz, Math.abs).sort()[nz.length - keep]!;
  m.weights.forEach((w, i) => {
    if (Math.abs(w) < cut) m.weights[i] = 0;
  });
  return m;
}

const prf = (tp: number, fp: number, fn: number) => {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, tp, fp, fn };
};

export interface Report {
  options: TrainOptions;
  thresholds: Record<string, number>;
  markdown: string;
}

/** Is a label scored on an example out of fold? Triage on every comment (the checker asks every category). */
const scored = (label: string, e: Example): boolean =>
  label.startsWith("triage:")
    ? e.context === "comment" && e.source !== "davidson"
    : target(label, e) !== null;

/** Out-of-fold probabilities for every label and example (NaN where the label does not apply). */
export function crossValidate(exs: Example[], rows: Rows, opt: TrainOptions): Float64Array[] {
  const fold = new Int32Array(exs.length);
  const order = shuffled(exs.length, rng(SEED));
  order.forEach((i, k) => (fold[i] = k % FOLDS));
  const oof = LABELS.map(() => new Float64Array(exs.length).fill(NaN));
  for (let f = 0; f < FOLDS; f++)
    LABELS.forEach((label, l) => {
      const m = trainLabel(label, exs, rows, (i) => fold[i] !== f, opt);
      exs.forEach((e, i) => {
        if (fold[i] === f && scored(label, e)) oof[l]![i] = predict(rows, m, i);
      });
    });
  return oof;
}

/** The false-alarm rate the thresholds are held to on the GP corpus, out of fold. */
const MAX_FALSE_ALARM = 0.07;
const GRID = Array.from({ length: 19 }, (_, k) => 0.05 + k * 0.05);

/**
 * Chooses each rule's threshold on out-of-fold probabilities: first the best F1 of "rule or model" per rule on
 * the GP corpus; then, while clean posts are flagged more often than `maxFalseAlarm`, raises the threshold
 * that clears the most false alarms for the least F1.
 */
export function chooseThresholds(
  exs: Example[],
  oof: Float64Array[],
  maxFalseAlarm = MAX_FALSE_ALARM,
): Record<string, number> {
  const gp = exs.map((e, i) => [e, i] as const).filter(([e]) => e.source === "gp");
  const steps = [...GRID, 2];
  const f1At = (l: number, t: number): number => {
    const rule = MODEL_RULES[l]!;
    let tp = 0,
      fp = 0,
      fn = 0;
    for (const [e, i] of gp) {
      const p = oof[l]![i]!;
      const hit = e.ruleFlags.has(rule) || (!Number.isNaN(p) && p >= t);
      const gold = e.rules.has(rule);
      if (hit && gold) tp++;
      else if (hit) fp++;
      else if (gold) fn++;
    }
    return prf(tp, fp, fn).f1;
  };
  const at = MODEL_RULES.map((_, l) => {
    let best = steps.length - 1;
    let f = f1At(l, 2);
    steps.forEach((t, k) => {
      const x = f1At(l, t);
      if (x > f + 1e-9) [best, f] = [k, x];
    });
    return best;
  });
  const clean = gp.filter(([e]) => e.rules.size === 0);
  const alarms = (): number =>
    clean.filter(([e, i]) => e.ruleFlagged || MODEL_RULES.some((_, l) => oof[l]![i]! >= steps[at[l]!]!))
      .length;
  let now = alarms();
  while (now > maxFalseAlarm * clean.length) {
    let pick = -1;
    let bestRatio = -1;
    let bestAlarms = now;
    MODEL_RULES.forEach((_, l) => {
      if (at[l] === steps.length - 1) return;
      at[l]!++;
      const a = alarms();
      const k = at[l]!;
      const loss = f1At(l, steps[k - 1]!) - f1At(l, steps[k]!);
      at[l]!--;
      const ratio = (now - a) / (Math.max(0, loss) + 1e-3);
      if (ratio > bestRatio) [pick, bestRatio, bestAlarms] = [l, ratio, a];
    });
    if (pick < 0) break;
    at[pick]!++;
    now = bestAlarms;
  }
  const out: Record<string, number> = {};
  MODEL_RULES.forEach((rule, l) => (out[ruleLabel(rule)] = steps[at[l]!]!));
  return out;
}

const f3 = (x: number): string => x.toFixed(3);

export function reportOf(
  exs: Example[],
  oof: Float64Array[],
  thresholds: Record<string, number>,
  opt: TrainOptions,
): string {
  const gp = exs.map((e, i) => [e, i] as const).filter(([e]) => e.source === "gp");
  const md: string[] = [];
  md.push(
    `${FOLDS}-fold cross-validation on the training corpus (${gp.length} GP items; ${exs.length - gp.length} public items in every training fold and also scored out of fold). Each figure is out-of-fold: no item is scored by a model that saw it.`,
    "",
    "| rule | items | rule alone P / R / F1 | rules + model P / R / F1 | threshold |",
    "|---|---:|---|---|---:|",
  );
  const modelHit = (rule: ModelRule, i: number): boolean => {
    const l = MODEL_RULES.indexOf(rule);
    const p = oof[l]![i]!;
    return !Number.isNaN(p) && p >= thresholds[ruleLabel(rule)]!;
  };
  for (const rule of MODEL_RULES) {
    const c = { r: [0, 0, 0], m: [0, 0, 0] };
    let n = 0;
    for (const [e, i] of gp) {
      const gold = e.rules.has(rule);
      n += +gold;
      const byRule = e.ruleFlags.has(rule);
      const both = byRule || modelHit(rule, i);
      for (const [k, hit] of [
        ["r", byRule],
        ["m", both],
      ] as const) {
        const a = c[k];
        if (hit && gold) a[0]!++;
        else if (hit) a[1]!++;
        else if (gold) a[2]!++;
      }
    }
    const a = prf(c.r[0]!, c.r[1]!, c.r[2]!);
    const b = prf(c.m[0]!, c.m[1]!, c.m[2]!);
    const t = thresholds[ruleLabel(rule)]!;
    md.push(
      `| ${rule} | ${n} | ${f3(a.p)} / ${f3(a.r)} / ${f3(a.f1)} | ${f3(b.p)} / ${f3(b.r)} / ${f3(b.f1)} | ${t > 1 ? "off" : t.toFixed(2)} |`,
    );
  }
  // Safety: an unsafe item is caught when anything flags it; a clean one is a false alarm when anything does.
  let unsafe = 0,
    caughtR = 0,
    caughtM = 0,
    clean = 0,
    alarmR = 0,
    alarmM = 0;
  for (const [e, i] of gp) {
    const byModel = MODEL_RULES.some((r) => modelHit(r, i));
    const r = e.ruleFlagged;
    if (e.rules.size) {
      unsafe++;
      caughtR += +r;
      caughtM += +(r || byModel);
    } else {
      clean++;
      alarmR += +r;
      alarmM += +(r || byModel);
    }
  }
  md.push(
    "",
    "| measure (GP corpus, out of fold) | rules alone | rules + models |",
    "|---|---|---|",
    `| safety recall (${unsafe} unsafe) | ${f3(caughtR / unsafe)} | ${f3(caughtM / unsafe)} |`,
    `| false-alarm rate (${clean} clean) | ${f3(alarmR / clean)} | ${f3(alarmM / clean)} |`,
  );
  // Triage on GP comments; complaint F1 on the NHS feedback; abuse F1 on Davidson.
  const triIdx = TRIAGE_CATEGORIES.map((c) => LABELS.indexOf(triageLabel(c)));
  let n = 0,
    okR = 0,
    okM = 0;
  for (const [e, i] of gp) {
    if (!e.triage) continue;
    n++;
    okR += +(e.ruleCategory === e.triage);
    okM += +(
      decideCategory(
        triIdx.map((l) => oof[l]![i]!),
        e.ruleForced,
        e.ruleCategory!,
      ) === e.triage
    );
  }
  const cmp = (source: Source) => {
    const r = [0, 0, 0];
    const m = [0, 0, 0];
    exs.forEach((e, i) => {
      if (e.source !== source || !(e.triage || e.triageNot)) return;
      const gold = e.triage === "complaint";
      const byR = e.ruleCategory === "complaint";
      const byM =
        decideCategory(
          triIdx.map((l) => oof[l]![i]!),
          e.ruleForced,
          e.ruleCategory!,
        ) === "complaint";
      for (const [a, hit] of [
        [r, byR],
        [m, byM],
      ] as const) {
        if (hit && gold) a[0]!++;
        else if (hit) a[1]!++;
        else if (gold) a[2]!++;
      }
    });
    return [prf(r[0]!, r[1]!, r[2]!), prf(m[0]!, m[1]!, m[2]!)] as const;
  };
  const [nr, nm] = cmp("nhs");
  const ab = [0, 0, 0];
  const abR = [0, 0, 0];
  const la = MODEL_RULES.indexOf("abuse");
  exs.forEach((e, i) => {
    if (e.source !== "davidson") return;
    const gold = e.rules.has("abuse");
    const byR = e.ruleFlags.has("abuse");
    const byM = byR || oof[la]![i]! >= thresholds[ruleLabel("abuse")]!;
    for (const [a, hit] of [
      [abR, byR],
      [ab, byM],
    ] as const) {
      if (hit && gold) a[0]!++;
      else if (hit) a[1]!++;
      else if (gold) a[2]!++;
    }
  });
  md.push(
    `| triage accuracy (${n} GP comments) | ${f3(okR / n)} | ${f3(okM / n)} |`,
    `| complaint F1 (nhs-feedback-train, out of fold) | ${f3(nr.f1)} | ${f3(nm.f1)} |`,
    `| abuse F1 (davidson-train, out of fold) | ${f3(prf(abR[0]!, abR[1]!, abR[2]!).f1)} | ${f3(prf(ab[0]!, ab[1]!, ab[2]!).f1)} |`,
    "",
    `Trainer: logistic regression by ${opt.method === "ftrl" ? `FTRL-proximal (L1 ${opt.l1})` : "AdaGrad"}, ${opt.epochs} epochs, rate ${opt.rate}, L2 ${opt.l2}, positive weight ${opt.positiveWeight}, seed ${opt.seed}${opt.keep < 1e9 ? `, ${opt.keep} strongest weights kept per label` : ""}; thresholds hold the out-of-fold false-alarm rate to ${MAX_FALSE_ALARM}; features hashed into 2^${FEATURE_BITS} buckets.`,
  );
  return md.join("\n");
}

/** Quantises the final models to int8 per label, keeping weights that survive rounding. */
function pack(
  models: { weights: Float64Array; bias: number }[],
  buckets: number[],
  thresholds: Record<string, number>,
): PackedModel {
  const scale: number[] = [];
  const bl: string[] = [];
  const wl: string[] = [];
  models.forEach((m) => {
    let max = 0;
    for (const w of m.weights) max = Math.max(max, Math.abs(w));
    const s = max / 127 || 1;
    const kept: { b: number; q: number }[] = [];
    m.weights.forEach((w, id) => {
      const q = Math.round(w / s);
      if (q !== 0) kept.push({ b: buckets[id]!, q });
    });
    kept.sort((a, b) => a.b - b.b);
    const deltas = kept.map((k, j) => k.b - (j ? kept[j - 1]!.b : 0));
    bl.push(toBase64(writeVarints(deltas)));
    wl.push(toBase64(new Uint8Array(Int8Array.from(kept.map((k) => k.q)).buffer)));
    scale.push(Number(s.toPrecision(6)));
  });
  return {
    format: 1,
    bits: FEATURE_BITS,
    labels: [...LABELS],
    bias: models.map((m) => Number(m.bias.toFixed(5))),
    threshold: LABELS.map((l) => thresholds[l] ?? 0.5),
    scale,
    buckets: bl,
    weights: wl,
  };
}

/** Cross-validates, chooses thresholds, retrains on everything and writes the model and its report. */
export function trainClassifiers(opt: TrainOptions = DEFAULT_OPTIONS, write = true): Report {
  const t0 = Date.now();
  const { examples, rows, buckets } = featurise(loadRaw());
  console.log(
    `train: ${examples.length} items, ${rows.dim} features (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const oof = crossValidate(examples, rows, opt);
  const thresholds = chooseThresholds(examples, oof);
  const markdown = reportOf(examples, oof, thresholds, opt);
  console.log(markdown);
  if (write) {
    const models = LABELS.map((label) => trainLabel(label, examples, rows, () => true, opt));
    const packed = pack(models, buckets, thresholds);
    writeFileSync(join(ROOT, "data", "models", "classifiers.json"), JSON.stringify(packed) + "\n");
    writeFileSync(
      join(ROOT, "data", "models", "classifiers-report.md"),
      `# Classifiers: cross-validated figures\n\n${markdown}\n`,
    );
    console.log(`train: wrote data/models/classifiers.json (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  return { options: opt, thresholds, markdown };
}
