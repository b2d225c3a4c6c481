import { AppError } from "../errors";
import type { PolicyClause } from "./types";

// Two people editing one draft: a clause save carries the clause as its editor first saw it. When the draft
// moved on meanwhile but that clause did not, the save lands on the newer draft (someone else's change to
// another clause, or a move, stays). When the clause itself changed, nothing is written.

const canonical = (c: PolicyClause): string =>
  JSON.stringify({
    title: c.title,
    text: c.text,
    patientFacing: c.patientFacing,
    sources: [...c.sources],
    rules: [...c.rules],
    hotTopic: c.hotTopic
      ? {
          label: c.hotTopic.label,
          claims: [...c.hotTopic.claims],
          start: c.hotTopic.start ?? null,
          end: c.hotTopic.end ?? null,
        }
      : null,
  });

/** Whether two clauses read and behave the same (title, text, flags, sources, rules, hot-topic window). */
export const sameClause = (a: PolicyClause, b: PolicyClause): boolean => canonical(a) === canonical(b);

/** The refusal when the clause someone is saving was changed by someone else since they opened it. */
export function clauseChangedByOther(number: string, revision: number): AppError {
  return new AppError(
    "conflict",
    `Someone else changed clause ${number} while you were editing it. Your wording has not been saved and is still on your screen: load the latest version, compare, then apply your change again.`,
    { revision: `The draft is now at revision ${revision}.` },
  );
}
