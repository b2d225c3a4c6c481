import { formatUkDate, formatUkDateTime } from "../../core/dates";
import type { AppContext } from "../context";
import { activeMembers } from "../policy/policy-store";
import { chainHead, lastVerification } from "./verifications";
import { formatHead } from "./verify-audit";

/**
 * The daily audit digest: each practice's admins get yesterday's number of entries and the chain head, so a
 * copy of the head lives in their mailboxes, outside the database. Returns how many mails were sent.
 * A digest that runs again after a crash may mail a practice twice; that is harmless (the head is the same).
 */
export async function sendAuditDigest(ctx: AppContext): Promise<number> {
  // The 24 hours to the start of this hour: the job is scheduled daily (07:00 Europe/London, jobs/definitions.ts).
  const now = ctx.now();
  const end = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), now.getUTCHours()),
  );
  const start = new Date(end.getTime() - 86_400_000);
  let sent = 0;
  for (const practice of await ctx.db.selectFrom("practices").select(["id", "name", "slug"]).execute()) {
    const head = await chainHead(ctx.db, practice.id);
    if (!head) continue;
    const admins = (await activeMembers(ctx.db, practice.id)).filter((m) => m.roles.includes("admin"));
    if (admins.length === 0) continue;
    const counted = await ctx.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("chain", "=", practice.id)
      .where("at", ">=", start)
      .where("at", "<", end)
      .executeTakeFirstOrThrow();
    const verification = await lastVerification(ctx.db, practice.id);
    for (const admin of admins) {
      await ctx.mailer.send({
        to: admin.email,
        practiceId: practice.id,
        subject: `Audit log digest for ${practice.name}`,
        text: [
          `Hello ${admin.name},`,
          "",
          `In the 24 hours to ${formatUkDateTime(end)} (UK time), ${Number(counted.n) === 1 ? "1 entry was" : `${Number(counted.n)} entries were`} added to ${practice.name}'s audit log.`,
          "",
          `The log's latest entry (its chain head) is:`,
          `  ${formatHead(head)}`,
          "",
          "Keep this mail. If entries are ever deleted from the database, the person who runs safepost can prove it with:",
          `  safepost audit verify --practice ${practice.slug} --head ${formatHead(head)}`,
          "",
          verification
            ? `The log was last verified on ${formatUkDate(verification.at)}: ${verification.ok ? "intact" : "ALTERED, see the Audit log page"}.`
            : "The log has not been verified yet: use Verify now on the Audit log page.",
          "",
          `${ctx.baseUrl}/practice/${practice.id}/audit`,
        ].join("\n"),
      });
      sent++;
    }
  }
  return sent;
}
