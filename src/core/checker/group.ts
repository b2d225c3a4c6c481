import type { Finding, RuleId, Severity, Span } from "./types";

/** Findings of one rule, shown once: the most severe message, every flagged word, one suggestion. */
export interface FindingGroup {
  rule: RuleId;
  severity: Severity;
  message: string;
  clause: string;
  clauseTitle: string;
  suggestion: string;
  spans: Span[];
  /** The flagged words, in text order, without repeats. */
  words: string[];
}

const RANK: Record<Severity, number> = { advice: 0, warning: 1, breach: 2 };

/**
 * Groups findings by rule for people to read: a post naming a patient, their street and their age reads
 * as one problem with three flagged details, not three identical warnings. Most severe group first.
 */
export function groupFindings(text: string, findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<RuleId, { lead: Finding; spans: Span[] }>();
  for (const f of findings) {
    const g = groups.get(f.rule);
    if (!g) groups.set(f.rule, { lead: f, spans: [...f.spans] });
    else {
      if (RANK[f.severity] > RANK[g.lead.severity]) g.lead = f;
      g.spans.push(...f.spans);
    }
  }
  return [...groups.values()]
    .map(({ lead, spans }) => {
      const ordered = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
      // A span inside another ("Patel" within "Mrs Patel") adds no word of its own.
      const outer: Span[] = [];
      for (const s of ordered) {
        const last = outer[outer.length - 1];
        if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
        else outer.push({ start: s.start, end: s.end });
      }
      const words = [...new Set(outer.map((s) => text.slice(s.start, s.end)).filter((w) => w.trim()))];
      return {
        rule: lead.rule,
        severity: lead.severity,
        message: lead.message,
        clause: lead.clause,
        clauseTitle: lead.clauseTitle,
        suggestion: lead.suggestion,
        spans: ordered,
        words,
      };
    })
    .sort((a, b) => RANK[b.severity] - RANK[a.severity]);
}
