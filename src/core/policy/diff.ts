import { diffWords as wordDiff } from "diff";
import { numberedClauses } from "./numbering";
import { fillPlaceholders, type PracticeDetails } from "./placeholders";
import type { PolicyClause, PolicyDocument } from "./types";

export type ClauseChange = "title" | "text" | "patientFacing" | "sources" | "rules" | "hotTopic" | "position";

export interface WordPart {
  kind: "same" | "added" | "removed";
  text: string;
}

export interface ClauseDiff {
  key: string;
  status: "added" | "removed" | "changed" | "unchanged";
  fromNumber?: string;
  toNumber?: string;
  title: string;
  changes: ClauseChange[];
  /** Word-level diff of the text, for changed clauses. */
  words?: WordPart[];
  /** For a rewritten clause: the old and new wording whole, to read side by side. */
  before?: string;
  after?: string;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function changesOf(a: PolicyClause, b: PolicyClause): ClauseChange[] {
  const out: ClauseChange[] = [];
  if (a.title !== b.title) out.push("title");
  if (a.text !== b.text) out.push("text");
  if (a.patientFacing !== b.patientFacing) out.push("patientFacing");
  if (!same(a.sources, b.sources)) out.push("sources");
  if (!same(a.rules, b.rules)) out.push("rules");
  if (!same(a.hotTopic, b.hotTopic)) out.push("hotTopic");
  return out;
}

/** Whole-word diff (jsdiff's word diff): words are struck or inserted whole, never letters interleaved. */
export function diffWords(from: string, to: string): WordPart[] {
  return wordDiff(from, to).map((c) => ({
    kind: c.added ? "added" : c.removed ? "removed" : "same",
    text: c.value,
  }));
}

/** Whether a clause was rewritten rather than touched up: fewer than half its words kept. */
export function isRewrite(parts: readonly WordPart[]): boolean {
  const count = (k: WordPart["kind"]) =>
    parts.filter((p) => p.kind === k).reduce((n, p) => n + (p.text.match(/\S+/g)?.length ?? 0), 0);
  const kept = count("same");
  return kept < Math.max(count("added"), count("removed"));
}

/** Clause-by-clause differences between two versions, matched by clause key, in the order of the newer one. */
export function diffPolicies(
  from: PolicyDocument,
  to: PolicyDocument,
  details?: PracticeDetails,
): ClauseDiff[] {
  const fill = (t: string): string => (details ? fillPlaceholders(t, details) : t);
  const before = new Map(numberedClauses(from).map((n) => [n.clause.key, n]));
  const out: ClauseDiff[] = [];
  const seen = new Set<string>();
  for (const n of numberedClauses(to)) {
    seen.add(n.clause.key);
    const old = before.get(n.clause.key);
    if (!old) {
      out.push({
        key: n.clause.key,
        status: "added",
        toNumber: n.number,
        title: n.clause.title,
        changes: [],
      });
      continue;
    }
    const changes = changesOf(old.clause, n.clause);
    if (old.number !== n.number) changes.push("position");
    const d: ClauseDiff = {
      key: n.clause.key,
      status: changes.length ? "changed" : "unchanged",
      fromNumber: old.number,
      toNumber: n.number,
      title: n.clause.title,
      changes,
    };
    if (changes.includes("text")) {
      const [before, after] = [fill(old.clause.text), fill(n.clause.text)];
      d.words = diffWords(before, after);
      if (isRewrite(d.words)) Object.assign(d, { before, after });
    }
    out.push(d);
  }
  for (const [key, old] of before)
    if (!seen.has(key))
      out.push({ key, status: "removed", fromNumber: old.number, title: old.clause.title, changes: [] });
  return out;
}
