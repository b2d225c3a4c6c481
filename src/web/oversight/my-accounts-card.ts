// The My accounts card on Oversight in words: of the members who share it, how many completed the check, and
// how many active members do not share it, so "1 of 1 (100%)" is never read as "everyone has done it".
import type { Oversight } from "./oversight-api";

export function myAccountsCardText(m: Oversight["myAccounts"]): string {
  const notShared = m.members - m.shared;
  const others = notShared
    ? ` ${notShared} of the ${m.members} active members ${notShared === 1 ? "does" : "do"} not share whether they completed it.`
    : "";
  if (!m.shared)
    return `Nobody has agreed to share whether they completed the check of their own accounts yet (${m.members} active ${m.members === 1 ? "member" : "members"}).`;
  const who = m.shared === 1 ? "member who shares it" : "members who share it";
  const verb = m.completed === 1 ? "has" : "have";
  return `${m.completed} of ${m.shared} ${who} (${m.percent}%) ${verb} completed the check of their own accounts.${others}`;
}
