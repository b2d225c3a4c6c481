// A set of logistic-regression classifiers over shared hashed features, decoded from the compact form the
// trainer writes (data/models/*.json): per label, sorted feature buckets (delta varints) and int8 weights
// with one scale. Pure: decoding uses no Buffer or atob, so it runs the same in Node and the browser.
import type { Features } from "./features";

/** The committed form of a model file. */
export interface PackedModel {
  format: 1;
  /** Hash space: features are bucketed into 2^bits. */
  bits: number;
  labels: string[];
  bias: number[];
  /** Decision threshold per label (chosen by cross-validation). */
  threshold: number[];
  /** Per label: weight = int8 × scale. */
  scale: number[];
  /** Per label: base64 of the delta-encoded (varint) sorted buckets. */
  buckets: string[];
  /** Per label: base64 of the int8 weights, in bucket order. */
  weights: string[];
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Decodes standard base64 (padding optional). */
export function fromBase64(s: string): Uint8Array {
  const clean = s.replace(/=+$/, "");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = B64_INDEX[clean.charCodeAt(i)] ?? -1;
    if (v < 0) throw new Error("bad base64 in a model file");
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** Encodes bytes as standard base64 (used by the trainer). */
export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    s += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    s += b === undefined ? "=" : B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    s += c === undefined ? "=" : B64[c & 63]!;
  }
  return s;
}

/** Unsigned LEB128 varints. */
export function readVarints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let v = 0;
  let shift = 0;
  for (const b of bytes) {
    v += (b & 0x7f) * 2 ** shift;
    if (b & 0x80) shift += 7;
    else {
      out.push(v);
      v = 0;
      shift = 0;
    }
  }
  return out;
}

export function writeVarints(values: readonly number[]): Uint8Array {
  const out: number[] = [];
  for (let v of values) {
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
  }
  return Uint8Array.from(out);
}

/** Logistic-regression classifiers sharing one feature table. */
export class LinearModels {
  readonly labels: readonly string[];
  readonly bits: number;
  private readonly bias: Float64Array;
  private readonly thresholds: Float64Array;
  /** bucket → 1 + row in `weights`, or 0 (16 bits while the rows fit: half the memory to look through). */
  private readonly slot: Uint16Array | Int32Array;
  /** rows × labels, quantised (weight = q × scale[label]): a quarter of the memory, so lookups stay in cache. */
  private readonly weights: Int8Array;
  private readonly scales: Float64Array;

  constructor(m: PackedModel) {
    if (m.format !== 1) throw new Error("unknown model format");
    this.labels = m.labels;
    this.bits = m.bits;
    const L = m.labels.length;
    this.bias = Float64Array.from(m.bias);
    this.thresholds = Float64Array.from(m.threshold);
    const perLabel = m.labels.map((_, l) => {
      const deltas = readVarints(fromBase64(m.buckets[l]!));
      const w = new Int8Array(fromBase64(m.weights[l]!).buffer);
      let b = 0;
      return deltas.map((d, k) => ({ bucket: (b += d), w: w[k]! }));
    });
    const row = new Int32Array(1 << m.bits).fill(-1);
    let rows = 0;
    for (const list of perLabel) for (const e of list) if (row[e.bucket] === -1) row[e.bucket] = rows++;
    this.slot = rows < 0xffff ? new Uint16Array(1 << m.bits) : new Int32Array(1 << m.bits);
    for (let b = 0; b < row.length; b++) this.slot[b] = row[b]! + 1;
    this.weights = new Int8Array(rows * L);
    this.scales = Float64Array.from(m.scale);
    perLabel.forEach((list, l) => {
      for (const e of list) this.weights[row[e.bucket]! * L + l] = e.w;
    });
  }

  index(label: string): number {
    return this.labels.indexOf(label);
  }

  threshold(label: number): number {
    return this.thresholds[label]!;
  }

  /** Probability of every label. */
  score(f: Features): Float64Array {
    const L = this.labels.length;
    const z = new Float64Array(L);
    const slot = this.slot;
    const weights = this.weights;
    const idx = f.idx;
    const val = f.val;
    for (let k = 0, n = idx.length; k < n; k++) {
      const r = slot[idx[k]!]! - 1;
      if (r < 0) continue;
      const v = val[k]!;
      for (let l = 0, base = r * L; l < L; l++) z[l] = z[l]! + weights[base + l]! * v;
    }
    for (let l = 0; l < L; l++) z[l] = 1 / (1 + Math.exp(-(z[l]! * this.scales[l]! + this.bias[l]!)));
    return z;
  }

  /** The token ranges of the features that pushed one label up most (strongest first). */
  evidence(f: Features, label: number, max = 3): { from: number; to: number; weight: number }[] {
    const L = this.labels.length;
    const all: { from: number; to: number; weight: number }[] = [];
    for (let k = 0; k < f.idx.length; k++) {
      if (f.from[k]! < 0) continue;
      const r = this.slot[f.idx[k]!]! - 1;
      if (r < 0) continue;
      const c = this.weights[r * L + label]! * this.scales[label]! * f.val[k]!;
      if (c > 0) all.push({ from: f.from[k]!, to: f.to[k]!, weight: c });
    }
    // Sum per token range, so a word's n-grams count together.
    const byRange = new Map<number, { from: number; to: number; weight: number }>();
    for (const e of all) {
      const key = e.from * 64 + Math.min(63, e.to - e.from);
      const x = byRange.get(key);
      if (x) x.weight += e.weight;
      else byRange.set(key, { ...e });
    }
    return [...byRange.values()].sort((a, b) => b.weight - a.weight || a.from - b.from).slice(0, max);
  }
}
