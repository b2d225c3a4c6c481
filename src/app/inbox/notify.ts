// Telling people at once about comments that cannot wait: the safeguarding lead about a safeguarding concern,
// the practice managers and the posters about a crisis. Mail goes through the outbox and its mail job, in the
// transaction that stores the comments (so a refused import tells nobody). Mail never carries the comment's
// words or who wrote it: only what kind of comment, where and when, and the link to it.
import { formatUkDateTime } from "../../core/dates";
import { CATEGORY_LABELS, type InboxCategory } from "../../core/inbox";
import { readPracticeSettings } from "../../core/practice-settings";
import type { Db } from "../../store/database";
import type { AppContext } from "../context";
import type { NotifiedKind } from "./inbox-store";

/** One stored comment somebody must hear about now. */
export interface Alert {
  commentId: string;
  conversationId: string;
  category: InboxCategory;
  channel: string;
  receivedAt: Date;
  to: NotifiedKind[];
}

interface Person {
  email: string;
  name: string;
}

async function membersWithRole(trx: Db, practiceId: string, role: string): Promise<Person[]> {
  const rows = await trx
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.email", "users.name", "memberships.roles"])
    .where("memberships.practice_id", "=", practiceId)
    .where("memberships.deactivated_at", "is", null)
    .where("users.disabled_at", "is", null)
    .execute();
  return rows.filter((r) => r.roles.includes(role)).map((r) => ({ email: r.email, name: r.name }));
}

/**
 * The safeguarding lead named in Settings, when that name or email is an active member's; otherwise the
 * practice managers, with a sentence saying why the mail came to them.
 */
export async function safeguardingRecipients(
  trx: Db,
  practiceId: string,
): Promise<{ people: Person[]; fallback: string | null }> {
  const practice = await trx
    .selectFrom("practices")
    .select("settings")
    .where("id", "=", practiceId)
    .executeTakeFirstOrThrow();
  const named = readPracticeSettings(practice.settings).safeguardingLead.trim().toLowerCase();
  if (named) {
    const rows = await trx
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select(["users.email", "users.name"])
      .where("memberships.practice_id", "=", practiceId)
      .where("memberships.deactivated_at", "is", null)
      .where("users.disabled_at", "is", null)
      .execute();
    const lead = rows.filter((r) => r.email.toLowerCase() === named || r.name.trim().toLowerCase() === named);
    if (lead.length) return { people: lead, fallback: null };
  }
  return {
    people: await membersWithRole(trx, practiceId, "admin"),
    fallback: named
      ? "The safeguarding lead named in Settings is not a member of the practice on safepost, so this came to the practice managers. Pass it on to them now, and add them to the staff directory."
      : "The practice has no safeguarding lead in Settings, so this came to the practice managers. Pass it on to your safeguarding lead now, and name them in Settings.",
  };
}

/** Sends one mail per person for all the alerts meant for them; returns nothing (the outbox shows what went). */
export async function sendAlerts(
  ctx: AppContext,
  trx: Db,
  practiceId: string,
  alerts: readonly Alert[],
): Promise<void> {
  if (!alerts.length) return;
  const practice = await trx
    .selectFrom("practices")
    .select("name")
    .where("id", "=", practiceId)
    .executeTakeFirstOrThrow();
  const byEmail = new Map<string, { person: Person; alerts: Alert[]; notes: Set<string> }>();
  const add = (p: Person, a: Alert, note: string | null): void => {
    const key = p.email.toLowerCase();
    const entry = byEmail.get(key) ?? { person: p, alerts: [], notes: new Set<string>() };
    if (!entry.alerts.includes(a)) entry.alerts.push(a);
    if (note) entry.notes.add(note);
    byEmail.set(key, entry);
  };
  const lead = alerts.some((a) => a.to.includes("safeguarding-lead"))
    ? await safeguardingRecipients(trx, practiceId)
    : null;
  const admins = await membersWithRole(trx, practiceId, "admin");
  const posters = await membersWithRole(trx, practiceId, "poster");
  for (const a of alerts) {
    if (a.to.includes("safeguarding-lead") && lead) for (const p of lead.people) add(p, a, lead.fallback);
    if (a.to.includes("admin")) for (const p of admins) add(p, a, null);
    if (a.to.includes("posters")) for (const p of posters) add(p, a, null);
  }
  for (const { person, alerts: mine, notes } of byEmail.values()) {
    const urgent = mine.some((a) => a.category === "crisis" || a.category === "safeguarding");
    const lines = mine.map(
      (a) =>
        `- ${CATEGORY_LABELS[a.category]}: a comment on ${a.channel}, received ${formatUkDateTime(a.receivedAt)} (UK time).\n  ${ctx.baseUrl}/practice/${practiceId}/inbox/${a.conversationId}`,
    );
    await ctx.mailer.send(
      {
        to: person.email,
        practiceId,
        subject: `${urgent ? "Act now: " : ""}${mine.length === 1 ? "a comment needs" : `${mine.length} comments need`} you at ${practice.name}`,
        text: [
          `Hello ${person.name},`,
          "",
          `${mine.length === 1 ? "A comment" : "Some comments"} in ${practice.name}'s inbox on safepost cannot wait:`,
          "",
          ...lines,
          "",
          ...[...notes].flatMap((n) => [n, ""]),
          "If anyone may be in immediate danger, call 999. The comment itself is on safepost, not in this email, to protect the people involved.",
        ].join("\n"),
      },
      trx,
    );
  }
}
