import type { HotTopic } from "../checker/types";
import type { PolicyClause, PolicyDocument } from "./types";

/** An ISO day ("2026-11-21") for a moment, in UTC. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** True when a clause applies on `day`: ordinary clauses always; hot topics between start and end, inclusive. */
export function isClauseInForce(clause: PolicyClause, day: string): boolean {
  const w = clause.hotTopic;
  if (!w) return true;
  if (w.start && day < w.start) return false;
  if (w.end && day > w.end) return false;
  return true;
}

/** The hot topics in force on `day`, for the checker. */
export function activeHotTopics(doc: PolicyDocument, day: string): HotTopic[] {
  const out: HotTopic[] = [];
  for (const s of doc.sections)
    for (const c of s.clauses) {
      if (!c.hotTopic || !isClauseInForce(c, day)) continue;
      const t: HotTopic = { id: c.key, label: c.hotTopic.label, claims: [...c.hotTopic.claims] };
      if (c.hotTopic.start) t.start = c.hotTopic.start;
      if (c.hotTopic.end) t.end = c.hotTopic.end;
      out.push(t);
    }
  return out;
}
