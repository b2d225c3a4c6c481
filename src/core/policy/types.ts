import type { RuleId } from "../checker/types";
import type { SourceId } from "./sources";

/** A time-limited clause (e.g. misinformation during a vaccination campaign). Dates are ISO days, inclusive. */
export interface HotTopicWindow {
  label: string;
  /** Phrases that mark a claim on this topic as contrary to NHS guidance (the checker uses them). */
  claims: string[];
  start?: string;
  end?: string;
}

/**
 * One clause. `key` is stable across versions (comments, diffs and the checker's mapping follow it);
 * the number ("4.2") comes from its position. Text is plain text: blank lines separate paragraphs,
 * lines starting with "- " are list items, and {{placeholders}} fill from the practice's settings.
 */
export interface PolicyClause {
  key: string;
  title: string;
  text: string;
  sources: SourceId[];
  patientFacing: boolean;
  /** Checker rules this clause is the one to cite for. */
  rules: RuleId[];
  hotTopic?: HotTopicWindow;
}

export interface PolicySection {
  key: string;
  title: string;
  clauses: PolicyClause[];
}

/** The body of one policy version. */
export interface PolicyDocument {
  sections: PolicySection[];
}

export type PolicyStatus = "draft" | "consultation" | "approved" | "published" | "superseded" | "discarded";
export type ChangeKind = "major" | "minor";

export interface VersionNumber {
  major: number;
  minor: number;
}
