// Grading a personal data breach as the NHS guide to notifying data security and protection incidents does:
// how likely it is that people have been harmed (1–5) and how badly (1–5). The guide asks for a report to the
// ICO, through the DSPT incident tool, when both are at least 2; a breach that touches a vulnerable group is
// graded at least 2 on both, even when no harm is known. This file is the one place that rule lives: the use
// cases, the pages and the CLI all read `gradeBreach`. Pure: no I/O.

import { AppError } from "../errors";

export const LIKELIHOOD_LABELS = {
  1: "Not occurred",
  2: "Not likely, or a vulnerable group is involved",
  3: "Likely",
  4: "Highly likely",
  5: "Occurred",
} as const;

export const SEVERITY_LABELS = {
  1: "No adverse effect",
  2: "Potentially some minor adverse effect, or a vulnerable group is involved",
  3: "Potentially some adverse effect",
  4: "Potentially pain and suffering, or financial loss",
  5: "Death or a catastrophic event",
} as const;

export type GradePoint = keyof typeof LIKELIHOOD_LABELS;

/** The lowest grade, on both scales, of a breach that involves a vulnerable group (children, vulnerable adults). */
export const VULNERABLE_GROUP_MINIMUM: GradePoint = 2;
/** Both scales at or above this: the guide says report to the ICO. */
export const REPORTABLE_FROM: GradePoint = 2;

export interface BreachGradeInput {
  likelihood: number;
  severity: number;
  vulnerableGroup: boolean;
}

export interface BreachGrade {
  likelihood: GradePoint;
  severity: GradePoint;
  vulnerableGroup: boolean;
  /** likelihood × severity, 1–25, as the guide's grid shows it. */
  score: number;
  /** The guide's answer: report to the ICO through the DSPT tool. */
  reportable: boolean;
}

const point = (value: number, field: string, what: string): GradePoint => {
  if (!Number.isInteger(value) || value < 1 || value > 5)
    throw new AppError("invalid-input", `Grade the ${what} from 1 to 5.`, {
      [field]: `Choose a number from 1 to 5`,
    });
  return value as GradePoint;
};

/**
 * Grades a breach. A vulnerable group lifts a grade of 1 to 2 on both scales (the guide grades such a breach
 * at least 2 even when no harm is known), so it is always reportable.
 */
export function gradeBreach(input: BreachGradeInput): BreachGrade {
  let likelihood = point(input.likelihood, "likelihood", "likelihood of harm");
  let severity = point(input.severity, "severity", "severity of harm");
  if (input.vulnerableGroup) {
    likelihood = Math.max(likelihood, VULNERABLE_GROUP_MINIMUM) as GradePoint;
    severity = Math.max(severity, VULNERABLE_GROUP_MINIMUM) as GradePoint;
  }
  return {
    likelihood,
    severity,
    vulnerableGroup: input.vulnerableGroup,
    score: likelihood * severity,
    reportable: likelihood >= REPORTABLE_FROM && severity >= REPORTABLE_FROM,
  };
}

/** The sentence the breach page shows under the grade. */
export function gradeAdvice(grade: BreachGrade): string {
  return grade.reportable
    ? "On this grading the NHS guide says report it to the ICO through the DSPT incident tool within 72 hours."
    : "On this grading the NHS guide says it need not be reported to the ICO. Record the reasons for not reporting.";
}
