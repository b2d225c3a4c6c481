import type { PolicyClause, PolicyDocument } from "./types";
import { isClauseInForce } from "./hot-topics";
import { fillPlaceholders, type PracticeDetails } from "./placeholders";

/** A clause with its number ("4.2") and where it sits. Numbers come from position in the whole document. */
export interface NumberedClause {
  number: string;
  sectionKey: string;
  sectionTitle: string;
  clause: PolicyClause;
}

export function numberedClauses(doc: PolicyDocument): NumberedClause[] {
  return doc.sections.flatMap((s, i) =>
    s.clauses.map((c, j) => ({
      number: `${i + 1}.${j + 1}`,
      sectionKey: s.key,
      sectionTitle: s.title,
      clause: c,
    })),
  );
}

export function findClause(doc: PolicyDocument, key: string): NumberedClause | undefined {
  return numberedClauses(doc).find((n) => n.clause.key === key);
}

/** A block of clause text: a paragraph, or a list of items. */
export type Block = { kind: "paragraph"; text: string } | { kind: "list"; items: string[] };

/** Splits plain clause text into paragraphs and lists ("- " lines). Nothing is interpreted as markup. */
export function textBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.split(/\n\s*\n/)) {
    const lines = chunk
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    let para: string[] = [];
    let list: string[] = [];
    const flushPara = (): void => {
      if (para.length) blocks.push({ kind: "paragraph", text: para.join(" ") });
      para = [];
    };
    const flushList = (): void => {
      if (list.length) blocks.push({ kind: "list", items: list });
      list = [];
    };
    for (const line of lines) {
      if (/^[-*•]\s+/.test(line)) {
        flushPara();
        list.push(line.replace(/^[-*•]\s+/, ""));
      } else {
        flushList();
        para.push(line);
      }
    }
    flushPara();
    flushList();
  }
  return blocks;
}

export interface RenderedClause {
  key: string;
  number: string;
  title: string;
  /** Placeholders filled; still plain text (escape when rendering). */
  text: string;
  blocks: Block[];
  patientFacing: boolean;
  sources: PolicyClause["sources"];
  hotTopic?: { label: string; start?: string; end?: string };
  /** Set only with `includeNotInForce`: a hot topic that has ended or not yet started on the day. */
  notInForce?: true;
}

export interface RenderedSection {
  key: string;
  number: string;
  title: string;
  clauses: RenderedClause[];
}

export interface RenderOptions {
  details: PracticeDetails;
  /** Clauses not in force on this day (ended hot topics) are left out. */
  day: string;
  patientFacingOnly?: boolean;
  /** For editors: keep clauses not in force on `day`, marked `notInForce`, so they can still be edited. */
  includeNotInForce?: boolean;
}

/** The policy as it reads on `day`: numbered, placeholders filled, ended hot topics dropped, empty sections dropped. */
export function renderPolicy(doc: PolicyDocument, o: RenderOptions): RenderedSection[] {
  const out: RenderedSection[] = [];
  doc.sections.forEach((s, i) => {
    const clauses: RenderedClause[] = [];
    s.clauses.forEach((c, j) => {
      const inForce = isClauseInForce(c, o.day);
      if (!inForce && !o.includeNotInForce) return;
      if (o.patientFacingOnly && !c.patientFacing) return;
      const text = fillPlaceholders(c.text, o.details);
      const r: RenderedClause = {
        key: c.key,
        number: `${i + 1}.${j + 1}`,
        title: fillPlaceholders(c.title, o.details),
        text,
        blocks: textBlocks(text),
        patientFacing: c.patientFacing,
        sources: c.sources,
      };
      if (!inForce) r.notInForce = true;
      if (c.hotTopic) {
        r.hotTopic = { label: c.hotTopic.label };
        if (c.hotTopic.start) r.hotTopic.start = c.hotTopic.start;
        if (c.hotTopic.end) r.hotTopic.end = c.hotTopic.end;
      }
      clauses.push(r);
    });
    if (clauses.length) out.push({ key: s.key, number: String(i + 1), title: s.title, clauses });
  });
  return out;
}
