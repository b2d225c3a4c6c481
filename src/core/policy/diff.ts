import { numberedClauses } from "./numbering";
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

/** Word-level diff (longest common subsequence over words and spaces). Long texts fall back to whole replacement. */
export function diffWords(from: string, to: string): WordPart[] {
  const a = from.split(/(\s+)/).filter(Boolean);
  const b = to.split(/(\s+)/).filter(Boolean);
  if (a.length * b.length > 4_000_000)
    return [
      { kind: "removed", text: from },
      { kind: "added", text: to },
    ];
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const parts: WordPart[] = [];
  const push = (kind: WordPart["kind"], text: string): void => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push("same", a[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) push("removed", a[i++]!);
    else push("added", b[j++]!);
  }
  while (i < a.length) push("removed", a[i++]!);
  while (j < b.length) push("added", b[j++]!);
  return parts;
}

/** Clause-by-clause differences between two versions, matched by clause key, in the order of the newer one. */
export function diffPolicies(from: PolicyDocument, to: PolicyDocument): ClauseDiff[] {
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
    if (changes.includes("text")) d.words = diffWords(old.clause.text, n.clause.text);
    out.push(d);
  }
  for (const [key, old] of before)
    if (!seen.has(key))
      out.push({ key, status: "removed", fromNumber: old.number, title: old.clause.title, changes: [] });
  return out;
}
