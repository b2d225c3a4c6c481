// A small, deterministic logistic-regression trainer over sparse rows: AdaGrad SGD with L2, a fixed-seed
// shuffle per epoch, and a weight for positive examples. Used by classifiers.ts; tested in logistic.test.ts.

/** Sparse rows in CSR form: row r's features are ids[ptr[r]..ptr[r+1]) with values vals[…]. */
export interface Rows {
  ptr: Int32Array;
  ids: Int32Array;
  vals: Float32Array;
  /** Number of distinct feature ids. */
  dim: number;
}

export interface TrainOptions {
  epochs: number;
  /** AdaGrad base learning rate. */
  rate: number;
  /** L2 strength per example step. */
  l2: number;
  /** Weight of a positive example relative to a negative one. */
  positiveWeight: number;
  seed: number;
  /** Weights kept per label after training (the strongest by magnitude). */
  keep: number;
  /** "adagrad" (dense weights) or "ftrl" (FTRL-proximal with L1: sparse weights). */
  method: "adagrad" | "ftrl";
  /** FTRL's L1 strength (sparsity). */
  l1: number;
}

export const DEFAULT_OPTIONS: TrainOptions = {
  epochs: 12,
  rate: 0.5,
  l2: 1,
  positiveWeight: 2,
  seed: 7,
  keep: 1e9,
  method: "ftrl",
  l1: 0.5,
};

/** Mulberry32: a tiny seeded generator, so every run shuffles the same way. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled(n: number, next: () => number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export interface Trained {
  weights: Float64Array;
  bias: number;
}

/**
 * Trains one binary classifier on the given rows (`examples` index into `rows`), labels y (0/1) and
 * per-example weights.
 */
export function trainLogistic(
  rows: Rows,
  examples: readonly number[],
  y: readonly number[],
  weight: readonly number[],
  opt: TrainOptions = DEFAULT_OPTIONS,
): Trained {
  if (opt.method === "ftrl") return trainFtrl(rows, examples, y, weight, opt);
  const w = new Float64Array(rows.dim);
  const g2 = new Float64Array(rows.dim).fill(1e-8);
  let bias = 0;
  let gb2 = 1e-8;
  const next = rng(opt.seed);
  for (let epoch = 0; epoch < opt.epochs; epoch++) {
    for (const k of shuffled(examples.length, next)) {
      const r = examples[k]!;
      const a = rows.ptr[r]!;
      const b = rows.ptr[r + 1]!;
      let z = bias;
      for (let j = a; j < b; j++) z += w[rows.ids[j]!]! * rows.vals[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const yk = y[k]!;
      const cw = weight[k]! * (yk ? opt.positiveWeight : 1);
      const g = (p - yk) * cw;
      for (let j = a; j < b; j++) {
        const id = rows.ids[j]!;
        const gi = g * rows.vals[j]! + opt.l2 * w[id]!;
        g2[id]! += gi * gi;
        w[id]! -= (opt.rate * gi) / Math.sqrt(g2[id]!);
      }
      gb2 += g * g;
      bias -= (opt.rate * g) / Math.sqrt(gb2);
    }
  }
  return { weights: w, bias };
}

/** The probability a trained classifier gives one row. */
export function predict(rows: Rows, m: Trained, r: number): number {
  let z = m.bias;
  for (let j = rows.ptr[r]!; j < rows.ptr[r + 1]!; j++) z += m.weights[rows.ids[j]!]! * rows.vals[j]!;
  return 1 / (1 + Math.exp(-z));
}

/**
 * FTRL-proximal (McMahan et al., 2013): per-coordinate rates with L1 and L2, so weak features end at exactly
 * zero and the model stays small enough to ship to the browser.
 */
function trainFtrl(
  rows: Rows,
  examples: readonly number[],
  y: readonly number[],
  weight: readonly number[],
  opt: TrainOptions,
): Trained {
  const alpha = opt.rate;
  const beta = 1;
  const l1 = opt.l1;
  const l2 = opt.l2;
  const z = new Float64Array(rows.dim);
  const n = new Float64Array(rows.dim);
  const w = new Float64Array(rows.dim);
  let bz = 0;
  let bn = 0;
  let bias = 0;
  const weightOf = (zi: number, ni: number): number =>
    Math.abs(zi) <= l1 ? 0 : -(zi - Math.sign(zi) * l1) / ((beta + Math.sqrt(ni)) / alpha + l2);
  const next = rng(opt.seed);
  for (let epoch = 0; epoch < opt.epochs; epoch++) {
    for (const k of shuffled(examples.length, next)) {
      const r = examples[k]!;
      const a = rows.ptr[r]!;
      const b = rows.ptr[r + 1]!;
      let s = bias;
      for (let j = a; j < b; j++) {
        const id = rows.ids[j]!;
        w[id] = weightOf(z[id]!, n[id]!);
        s += w[id]! * rows.vals[j]!;
      }
      const p = 1 / (1 + Math.exp(-Math.max(-35, Math.min(35, s))));
      const yk = y[k]!;
      const g = (p - yk) * weight[k]! * (yk ? opt.positiveWeight : 1);
      for (let j = a; j < b; j++) {
        const id = rows.ids[j]!;
        const gi = g * rows.vals[j]!;
        const sigma = (Math.sqrt(n[id]! + gi * gi) - Math.sqrt(n[id]!)) / alpha;
        z[id]! += gi - sigma * w[id]!;
        n[id]! += gi * gi;
      }
      const sigma = (Math.sqrt(bn + g * g) - Math.sqrt(bn)) / alpha;
      bz += g - sigma * bias;
      bn += g * g;
      bias = -bz / ((beta + Math.sqrt(bn)) / alpha);
    }
  }
  for (let id = 0; id < rows.dim; id++) w[id] = weightOf(z[id]!, n[id]!);
  return { weights: w, bias };
}
