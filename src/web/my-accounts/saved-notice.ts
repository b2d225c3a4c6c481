// What My accounts says after a platform is saved. Saving moves on to the next platform, so when items on the
// one just saved are still not done (answered "not yet" or left blank) the notice says so: a newcomer who
// answered only some of them should not take "saved" to mean that platform is finished.
import type { CheckPlatform } from "./my-accounts-api";

export function savedNotice(
  saved: Pick<CheckPlatform, "name" | "state" | "answered" | "applicable">,
): string {
  const base = `Your answers for ${saved.name} are saved.`;
  if (saved.state !== "in-progress") return base;
  const left = saved.applicable - saved.answered;
  return left === 1
    ? `${base} 1 item on ${saved.name} is not done yet: come back to it from All platforms.`
    : `${base} ${left} items on ${saved.name} are not done yet: come back to them from All platforms.`;
}
