// The checker over the API with a practice named: read with the practice's own names, places and clauses, and
// counted by rule when the practice keeps the checker's monthly counts (counts only; the text is not kept).
import { check } from "../../core/checker/index";
import type { CheckInput, CheckResult } from "../../core/checker/types";
import type { AppContext } from "../context";
import { cachedPracticeProfile } from "./cached-profile";
import { countCheckerRun } from "./checker-counts";

/** Checks `input` as the practice's checker would and counts the run. The caller checked membership. */
export async function checkInPractice(
  ctx: AppContext,
  practiceId: string,
  input: CheckInput,
): Promise<CheckResult> {
  const profile = await cachedPracticeProfile(ctx, practiceId);
  const result = check(input, profile);
  await countCheckerRun(ctx.db, practiceId, result.findings, ctx.now());
  return result;
}
