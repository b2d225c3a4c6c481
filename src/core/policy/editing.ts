import { AppError } from "../errors";
import type { HotTopicWindow, PolicyClause, PolicyDocument, PolicySection } from "./types";

/** A clause as an editor sends it: the key may be left out, optional parts may be undefined. */
export type NewClause = Omit<PolicyClause, "key" | "hotTopic"> & {
  key?: string | undefined;
  hotTopic?:
    { label: string; claims: string[]; start?: string | undefined; end?: string | undefined } | undefined;
};

/** The stored shape of a new clause, with its key. */
function asClause(c: NewClause, key: string): PolicyClause {
  const out: PolicyClause = {
    key,
    title: c.title,
    text: c.text,
    sources: [...c.sources],
    patientFacing: c.patientFacing,
    rules: [...c.rules],
  };
  if (c.hotTopic) {
    const h: HotTopicWindow = { label: c.hotTopic.label, claims: [...c.hotTopic.claims] };
    if (c.hotTopic.start) h.start = c.hotTopic.start;
    if (c.hotTopic.end) h.end = c.hotTopic.end;
    out.hotTopic = h;
  }
  return out;
}

// Structural edits to a draft: add, remove and move clauses; add and remove sections. Pure: each returns a
// new document and leaves the one it was given alone. Numbers come from position, so they follow the edit.

/** A key made from a title ("Flu season 2026" → "flu-season-2026"), unique among `taken`. */
export function keyFromTitle(title: string, taken: ReadonlySet<string>, fallback = "clause"): string {
  const base =
    title
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/g, "") || fallback;
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const k = `${base}-${i}`;
    if (!taken.has(k)) return k;
  }
}

export const clauseKeys = (doc: PolicyDocument): Set<string> =>
  new Set(doc.sections.flatMap((s) => s.clauses.map((c) => c.key)));
export const sectionKeys = (doc: PolicyDocument): Set<string> => new Set(doc.sections.map((s) => s.key));

function sectionOf(doc: PolicyDocument, sectionKey: string): PolicySection {
  const s = doc.sections.find((x) => x.key === sectionKey);
  if (!s)
    throw new AppError(
      "not-found",
      "That section is not in this draft. It may have been removed by someone else.",
    );
  return s;
}

function whereIs(doc: PolicyDocument, clauseKey: string): { section: PolicySection; index: number } {
  for (const section of doc.sections) {
    const index = section.clauses.findIndex((c) => c.key === clauseKey);
    if (index >= 0) return { section, index };
  }
  throw new AppError(
    "not-found",
    "That clause is not in this draft. It may have been removed by someone else.",
  );
}

const duplicateKey = (field: string): AppError =>
  new AppError("invalid-input", "Another clause already uses that key. Choose a different one.", {
    [field]: "Another clause already uses that key.",
  });

/**
 * Adds a clause at the end of a section (or straight after `afterKey` in it). Without a key, one is made
 * from the title; a key that is already used is refused (comments and the checker follow keys).
 */
export function addClause(
  doc: PolicyDocument,
  sectionKey: string,
  clause: NewClause,
  afterKey?: string,
): { document: PolicyDocument; key: string } {
  const next = structuredClone(doc);
  const section = sectionOf(next, sectionKey);
  const taken = clauseKeys(next);
  if (clause.key && taken.has(clause.key)) throw duplicateKey("clause.key");
  const key = clause.key || keyFromTitle(clause.title, taken);
  const added = asClause(clause, key);
  let at = section.clauses.length;
  if (afterKey) {
    const i = section.clauses.findIndex((c) => c.key === afterKey);
    if (i < 0)
      throw new AppError("invalid-input", "The clause to add after is not in that section.", {
        afterKey: "Not in that section.",
      });
    at = i + 1;
  }
  section.clauses.splice(at, 0, added);
  return { document: next, key };
}

/** Removes a clause. The last clause of a section stays: remove the section instead. */
export function removeClause(doc: PolicyDocument, clauseKey: string): PolicyDocument {
  const next = structuredClone(doc);
  const { section, index } = whereIs(next, clauseKey);
  if (section.clauses.length === 1)
    throw new AppError(
      "conflict",
      "This is the only clause in its section, so it cannot be removed on its own. Remove the whole section instead.",
    );
  section.clauses.splice(index, 1);
  return next;
}

/** Moves a clause one place up or down within its section. */
export function moveClause(doc: PolicyDocument, clauseKey: string, direction: "up" | "down"): PolicyDocument {
  const next = structuredClone(doc);
  const { section, index } = whereIs(next, clauseKey);
  const to = direction === "up" ? index - 1 : index + 1;
  if (to < 0 || to >= section.clauses.length)
    throw new AppError(
      "conflict",
      direction === "up"
        ? "That clause is already first in its section."
        : "That clause is already last in its section.",
    );
  const [moved] = section.clauses.splice(index, 1);
  section.clauses.splice(to, 0, moved!);
  return next;
}

/** Adds a section (with its first clause, since a section is never empty) at the end, or after `afterKey`. */
export function addSection(
  doc: PolicyDocument,
  title: string,
  firstClause: NewClause,
  afterKey?: string,
): { document: PolicyDocument; sectionKey: string; clauseKey: string } {
  const next = structuredClone(doc);
  const taken = clauseKeys(next);
  if (firstClause.key && taken.has(firstClause.key)) throw duplicateKey("clause.key");
  const sectionKey = keyFromTitle(title, sectionKeys(next), "section");
  const clauseKey = firstClause.key || keyFromTitle(firstClause.title, taken);
  let at = next.sections.length;
  if (afterKey) {
    const i = next.sections.findIndex((s) => s.key === afterKey);
    if (i < 0)
      throw new AppError("invalid-input", "The section to add after is not in this draft.", {
        afterKey: "Not in this draft.",
      });
    at = i + 1;
  }
  next.sections.splice(at, 0, {
    key: sectionKey,
    title,
    clauses: [asClause(firstClause, clauseKey)],
  });
  return { document: next, sectionKey, clauseKey };
}

/** Removes a section and its clauses. A policy keeps at least one section. */
export function removeSection(doc: PolicyDocument, sectionKey: string): PolicyDocument {
  const next = structuredClone(doc);
  sectionOf(next, sectionKey);
  if (next.sections.length === 1)
    throw new AppError("conflict", "A policy needs at least one section, so the last one cannot be removed.");
  next.sections = next.sections.filter((s) => s.key !== sectionKey);
  return next;
}

/** Renames a section; its key (and so its clauses' comments) stays. */
export function renameSection(doc: PolicyDocument, sectionKey: string, title: string): PolicyDocument {
  const next = structuredClone(doc);
  sectionOf(next, sectionKey).title = title;
  return next;
}
