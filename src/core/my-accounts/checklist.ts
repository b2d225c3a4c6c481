// The member's checklist, built from the practice's policy and platforms, and what their answers add up to.
import { numberedClauses } from "../policy/numbering";
import type { PolicyDocument } from "../policy/types";
import { ITEMS, type ItemId } from "./items";
import { genericPlatform, SEED_PLATFORMS, type Guidance } from "./platforms";

/** The clause of the practice's policy an item rests on. */
export interface LinkedClause {
  key: string;
  number: string;
  title: string;
}

export interface ChecklistItem {
  id: ItemId;
  title: string;
  why: string;
  /** Null when the practice's policy has none of the clauses the item rests on (or nothing is published). */
  clause: LinkedClause | null;
}

export interface ChecklistPlatform {
  key: string;
  name: string;
  /** True for a platform the practice added (generic guidance). */
  addedByPractice: boolean;
  guidance: Readonly<Record<ItemId, Guidance>>;
}

export interface Checklist {
  items: ChecklistItem[];
  platforms: ChecklistPlatform[];
}

/** A member's answer to one item on one platform. */
export const ITEM_ANSWERS = ["done", "not-yet", "not-applicable"] as const;
export type ItemAnswer = (typeof ITEM_ANSWERS)[number];

/** A member's answers for one platform: they do not use it, or their answer per item (unanswered ones left out). */
export type PlatformAnswers = { uses: false } | { uses: true; items: Partial<Record<ItemId, ItemAnswer>> };

/** Every platform's answers, by platform key (platforms not yet answered are left out). */
export type Answers = Record<string, PlatformAnswers>;

export type PlatformState = "not-started" | "in-progress" | "complete" | "not-used";

export interface PlatformProgress {
  key: string;
  state: PlatformState;
  /** Items that apply on the platform and are answered done or not applicable. */
  answered: number;
  /** Items that apply on the platform. */
  applicable: number;
}

export interface Progress {
  platforms: PlatformProgress[];
  /** Every platform is either not used or has every item that applies answered done or not applicable. */
  complete: boolean;
}

/**
 * The checklist for a practice: the standard items, each linked to the first of its clauses that the
 * practice's published policy has (`policy` null when none is published), and the seed platforms followed
 * by those the practice added.
 */
export function buildChecklist(
  policy: PolicyDocument | null,
  added: readonly { key: string; name: string }[],
): Checklist {
  const clauses = new Map(policy ? numberedClauses(policy).map((n) => [n.clause.key, n]) : []);
  const items = ITEMS.map((i): ChecklistItem => {
    const found = i.clauseKeys.map((k) => clauses.get(k)).find((n) => n !== undefined);
    return {
      id: i.id,
      title: i.title,
      why: i.why,
      clause: found ? { key: found.clause.key, number: found.number, title: found.clause.title } : null,
    };
  });
  const platforms: ChecklistPlatform[] = [
    ...SEED_PLATFORMS.map((p) => ({ ...p, addedByPractice: false })),
    ...added.map((a) => ({ ...genericPlatform(a.key, a.name), addedByPractice: true })),
  ];
  return { items, platforms };
}

/** Where a member stands on one platform. */
export function platformProgress(
  platform: ChecklistPlatform,
  answers: PlatformAnswers | undefined,
): PlatformProgress {
  const applicable = ITEMS.filter((i) => platform.guidance[i.id].applies);
  const base = { key: platform.key, applicable: applicable.length };
  if (!answers) return { ...base, state: "not-started", answered: 0 };
  if (!answers.uses) return { ...base, state: "not-used", answered: 0 };
  const given = applicable.map((i) => answers.items[i.id]);
  const answered = given.filter((a) => a === "done" || a === "not-applicable").length;
  const state: PlatformState =
    answered === applicable.length
      ? "complete"
      : given.some((a) => a !== undefined)
        ? "in-progress"
        : "not-started";
  return { ...base, state, answered };
}

/** Where a member stands on the whole checklist. */
export function checklistProgress(checklist: Checklist, answers: Answers): Progress {
  const platforms = checklist.platforms.map((p) => platformProgress(p, answers[p.key]));
  return { platforms, complete: platforms.every((p) => p.state === "complete" || p.state === "not-used") };
}

/**
 * One platform's answers as they are kept: only items that exist, and none for items that do not apply on the
 * platform (they count as not applicable). Null when the platform is not on the checklist.
 */
export function keptAnswers(
  checklist: Checklist,
  platformKey: string,
  given: PlatformAnswers,
): PlatformAnswers | null {
  const platform = checklist.platforms.find((p) => p.key === platformKey);
  if (!platform) return null;
  if (!given.uses) return { uses: false };
  const items: Partial<Record<ItemId, ItemAnswer>> = {};
  for (const i of ITEMS) {
    const a = given.items[i.id];
    if (a && platform.guidance[i.id].applies) items[i.id] = a;
  }
  return { uses: true, items };
}

/** Answers kept for platforms no longer on the checklist are dropped. */
export function currentAnswers(checklist: Checklist, answers: Answers): Answers {
  const out: Answers = {};
  for (const p of checklist.platforms) if (answers[p.key]) out[p.key] = answers[p.key]!;
  return out;
}
