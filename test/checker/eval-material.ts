// Finds evaluation material inside the product: runs of five words taken from an item of the shared
// evaluation and training sets, and lexicon phrases that only one development item contains.
// Used by no-eval-material.test.ts and by `node --import tsx test/checker/eval-material.ts` (a report).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

export const REPO = join(import.meta.dirname, "..", "..");
export const EVAL_DIR = join(REPO, "..", "shared", "eval");
const RUN = 5;

/**
 * Lower case, accents dropped, a possessive split off ("patient's" → "patient s"), other apostrophes dropped
 * ("shouldn't" → "shouldnt"), every other character that is not a letter or digit a break between words.
 */
export function words(text: string): string[] {
  return normalise(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['’‘`]s\b/g, " s") // a possessive is its own word: "patient's" still holds "patient"
    .replace(/['’‘`]/g, "");
}

export interface EvalItem {
  file: string;
  id: string;
  text: string;
  dev: boolean;
}

/** Every item of the dev sets (gp-dev.jsonl, external/*.jsonl) and of the training sets (train/*.jsonl). */
export function loadEvalItems(dir = EVAL_DIR): EvalItem[] {
  const files: [string, boolean][] = [["gp-dev.jsonl", true]];
  for (const sub of ["external", "train"]) {
    const d = join(dir, sub);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).sort())
      if (f.endsWith(".jsonl") && !f.includes("blind")) files.push([`${sub}/${f}`, sub === "external"]);
  }
  const items: EvalItem[] = [];
  for (const [file, dev] of files) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const o = JSON.parse(line) as { id?: unknown; text?: unknown };
      if (typeof o.text === "string") items.push({ file, id: String(o.id), text: o.text, dev });
    }
  }
  return items;
}

/**
 * The product files searched: everything under src/ and data/ that is text, except data/training/. That
 * corpus is not shipped in the product: it was written for training by a helper who never read the
 * evaluation sets, and what it shares with them is ordinary phrasing ("a big thank you to"). Models trained on
 * it are measured on blind batches, which is what shows memorisation.
 */
export function productFiles(roots = ["src", "data"]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const n of readdirSync(p).sort()) if (n !== "node_modules" && !n.startsWith(".")) walk(join(p, n));
    } else if (
      /\.(ts|tsx|js|mjs|json|jsonl|md|txt|css|html)$/.test(p) &&
      !p.includes("blind") &&
      !p.includes(`${sep}data${sep}training${sep}`)
    )
      out.push(p);
  };
  for (const r of roots) if (existsSync(join(REPO, r))) walk(join(REPO, r));
  return out;
}

export interface AllowEntry {
  phrase: string;
  reason: string;
}

export function loadAllowList(): AllowEntry[] {
  const path = join(REPO, "test", "checker", "eval-material-allow.json");
  return JSON.parse(readFileSync(path, "utf8")) as AllowEntry[];
}

export interface RunHit {
  file: string;
  line: number;
  run: string;
  item: string;
}

/**
 * Every run of five words that an evaluation item and a product file share, one hit per file and item
 * (the first run found), skipping runs that lie inside an allowed phrase.
 */
export function findSharedRuns(items: EvalItem[], files: string[], allow: AllowEntry[]): RunHit[] {
  const runs = new Map<string, string>(); // run → first item id
  for (const it of items) {
    const w = words(it.text);
    for (let i = 0; i + RUN <= w.length; i++) {
      const k = w.slice(i, i + RUN).join(" ");
      if (!runs.has(k)) runs.set(k, `${it.file}#${it.id}`);
    }
  }
  const allowed = new Set<string>();
  for (const a of allow) {
    const w = words(a.phrase);
    for (let i = 0; i + RUN <= w.length; i++) allowed.add(w.slice(i, i + RUN).join(" "));
  }
  const hits: RunHit[] = [];
  for (const file of files) {
    const text = normalise(readFileSync(file, "utf8"));
    const seen = new Set<string>();
    // In a JSON file each string is its own text: a run never crosses from one entry into the next.
    const segments = file.endsWith(".json")
      ? [...text.matchAll(/"(?:[^"\\\n]|\\.)*"/g)].map((m) => ({ at: m.index, s: m[0] }))
      : [{ at: 0, s: text }];
    let line = 1;
    let last = 0;
    for (const seg of segments) {
      const toks: { w: string; line: number }[] = [];
      for (const m of seg.s.matchAll(/[\p{L}\p{N}]+/gu)) {
        const at = seg.at + m.index;
        for (let i = text.indexOf("\n", last); i !== -1 && i < at; i = text.indexOf("\n", i + 1)) line++;
        last = at;
        toks.push({ w: m[0], line });
      }
      for (let i = 0; i + RUN <= toks.length; i++) {
        const k = `${toks[i]!.w} ${toks[i + 1]!.w} ${toks[i + 2]!.w} ${toks[i + 3]!.w} ${toks[i + 4]!.w}`;
        const item = runs.get(k);
        if (!item || allowed.has(k) || seen.has(item)) continue;
        seen.add(item);
        hits.push({ file: relative(REPO, file), line: toks[i]!.line, run: k, item });
      }
    }
  }
  return hits;
}

/** Lexicon files whose phrases are checked against single items (hand-written lists, not generated ones). */
export const LEXICON_FILES = [
  "data/signals/en.json",
  "data/signals/triage.json",
  "data/clinical/terms.json",
  "data/claims/misinformation.json",
  "data/places/uk.json",
  "data/english/not-names.json",
];

/** Every string of a JSON lexicon (keys starting with "_" are notes), "{pro}" expanded, a trailing * dropped. */
export function lexiconPhrases(file: string): string[] {
  const out: string[] = [];
  const visit = (v: unknown, key: string) => {
    if (key.startsWith("_")) return;
    if (typeof v === "string") {
      const p = v.replace(/\*$/, "");
      if (p.includes("{pro}"))
        for (const pro of ["my", "his", "her", "their", "your", "our"]) out.push(p.replaceAll("{pro}", pro));
      else out.push(p);
    } else if (Array.isArray(v)) v.forEach((x) => visit(x, ""));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  visit(JSON.parse(readFileSync(join(REPO, file), "utf8")), "");
  return out;
}

/** String literals of two or more words in the checker's source (not its tests). */
export function sourcePhrases(
  dir = join(REPO, "src", "core", "checker"),
): { file: string; phrase: string }[] {
  const out: { file: string; phrase: string }[] = [];
  for (const file of productFiles([relative(REPO, dir)])) {
    if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/"([^"\\\n]{3,80})"/g))
      out.push({ file: relative(REPO, file), phrase: m[1]! });
  }
  return out;
}

/**
 * Our training text: the shared training sets (train/*.jsonl) and any training corpus we write under
 * data/corpus. A phrase found there is not one test item's. The team's case file (test/checker-cases) is
 * not training text: several of its cases were written after dev items, so it cannot vouch for a phrase.
 */
export function ownCorpusText(items: EvalItem[]): string {
  const parts: string[] = items.filter((i) => i.file.startsWith("train/")).map((i) => i.text);
  for (const dir of ["data/corpus"]) {
    const d = join(REPO, dir);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d))
      if (f.endsWith(".jsonl") && !f.includes("blind")) parts.push(readFileSync(join(d, f), "utf8"));
  }
  return parts
    .join("\n")
    .split("\n")
    .map((l) => ` ${words(l).join(" ")} `)
    .join("\n");
}

export interface SingleItemHit {
  file: string;
  phrase: string;
  item: string;
}

/**
 * Lexicon phrases of two or more words that occur, whole words, in exactly one development item and
 * nowhere in our own labelled text: a phrase written to catch one test item rather than a kind of post.
 */
export function findSingleItemPhrases(
  items: EvalItem[],
  phrases: { file: string; phrase: string }[],
  own: string,
  allow: AllowEntry[],
): SingleItemHit[] {
  // Items with the same text (a dev set may repeat a post under two contexts) count once.
  const byText = new Map<string, string>();
  for (const i of items) if (i.dev) byText.set(words(i.text).join(" "), `${i.file}#${i.id}`);
  const wanted = new Map<string, number>(); // phrase → word count
  for (const { phrase } of phrases) {
    const w = words(phrase);
    if (w.filter((x) => /\p{L}/u.test(x)).length >= 2) wanted.set(w.join(" "), w.length);
  }
  const lengths = new Set(wanted.values());
  const where = new Map<string, { n: number; id: string }>(); // phrase → distinct dev texts holding it
  for (const [text, id] of byText) {
    const w = text.split(" ");
    const inThis = new Set<string>();
    for (const n of lengths)
      for (let i = 0; i + n <= w.length; i++) {
        const k = w.slice(i, i + n).join(" ");
        if (wanted.has(k)) inThis.add(k);
      }
    for (const k of inThis) {
      const c = where.get(k);
      if (c) c.n++;
      else where.set(k, { n: 1, id });
    }
  }
  const allowed = new Set(allow.map((a) => words(a.phrase).join(" ")));
  const hits: SingleItemHit[] = [];
  const done = new Set<string>();
  for (const { file, phrase } of phrases) {
    const key = words(phrase).join(" ");
    const c = where.get(key);
    if (!c || c.n !== 1 || done.has(key) || allowed.has(key)) continue;
    done.add(key);
    if (!own.includes(` ${key} `)) hits.push({ file, phrase, item: c.id });
  }
  return hits;
}

export function allPhrases(): { file: string; phrase: string }[] {
  return [
    ...LEXICON_FILES.filter((f) => existsSync(join(REPO, f))).flatMap((f) =>
      lexiconPhrases(f).map((phrase) => ({ file: f, phrase })),
    ),
    ...sourcePhrases(),
  ];
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const items = loadEvalItems();
  const allow = loadAllowList();
  for (const h of findSharedRuns(items, productFiles(), allow))
    console.log(`RUN ${h.file}:${h.line} "${h.run}" ${h.item}`);
  for (const h of findSingleItemPhrases(items, allPhrases(), ownCorpusText(items), allow))
    console.log(`ONE ${h.file} "${h.phrase}" ${h.item}`);
}
