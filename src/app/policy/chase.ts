// The admin's "chase" button: one email to each member who has not acknowledged the published major
// version, audited, and at most one chase per member in any 24 hours however often the button is pressed.
import { AppError } from "../../core/errors";
import { formatVersion } from "../../core/policy";
import { ukIsoDay } from "../../core/dates";
import type { Mail } from "../../mail/mailer";
import { appendAudit } from "../audit/audit-log";
import type { AppContext } from "../context";
import { unacknowledgedMembers } from "./acknowledgements";
import { loadPractice, loadPublished, type PolicyActor } from "./policy-store";
import { authorizeOnPolicy } from "./policy-permissions";

/** How long after chasing a member they cannot be chased again. */
export const CHASE_EVERY_MS = 24 * 60 * 60 * 1000;

export interface ChaseResult {
  /** Members mailed now. */
  chased: number;
  /** Members left out because they were chased less than a day ago. */
  chasedRecently: number;
}

/** Mails every member who has not acknowledged the published policy, except those chased in the last day. */
export async function chaseAcknowledgements(
  ctx: AppContext,
  practiceId: string,
  actor: PolicyActor,
): Promise<ChaseResult> {
  return ctx.db.transaction().execute(async (trx) => {
    await authorizeOnPolicy(trx, practiceId, actor, "chase-acknowledgements");
    const published = await loadPublished(trx, practiceId);
    if (!published) throw new AppError("conflict", "There is no published policy yet.");
    const now = ctx.now();
    const waiting = (await unacknowledgedMembers(trx, practiceId, published.major)).filter(
      (m) => m.userId !== actor.userId,
    );
    const recent = await trx
      .selectFrom("policy_notices")
      .select("user_id")
      .where("practice_id", "=", practiceId)
      .where("kind", "=", "ack-chase")
      .where("sent_at", ">", new Date(now.getTime() - CHASE_EVERY_MS))
      .execute();
    const chasedLately = new Set(recent.map((r) => r.user_id));
    const practice = await loadPractice(trx, practiceId);
    const version = formatVersion(published);
    const day = ukIsoDay(now);
    const chased: string[] = [];
    let chasedRecently = 0;
    for (const m of waiting) {
      if (chasedLately.has(m.userId)) {
        chasedRecently++;
        continue;
      }
      // The day's key also stops two presses at the same moment from both mailing.
      const claimed = await trx
        .insertInto("policy_notices")
        .values({
          dedupe_key: `chase:${practiceId}:${published.major}:${day}:${m.userId}`,
          practice_id: practiceId,
          user_id: m.userId,
          kind: "ack-chase",
          sent_at: now,
        })
        .onConflict((oc) => oc.column("dedupe_key").doNothing())
        .returning("dedupe_key")
        .executeTakeFirst();
      if (!claimed) {
        chasedRecently++;
        continue;
      }
      const mail: Mail = {
        to: m.email,
        practiceId,
        subject: `Please read and acknowledge the social media policy (version ${version})`,
        text: [
          `Hello ${m.name},`,
          "",
          `${practice.name}'s practice manager has asked everyone who has not yet done so to read version ${version} of the social media policy and confirm they have read it. It takes a few minutes.`,
          "",
          `Read and acknowledge it here: ${ctx.baseUrl}/practice/${practiceId}/policy/read`,
        ].join("\n"),
      };
      await ctx.mailer.send(mail, trx);
      chased.push(m.userId);
    }
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: "policy.acknowledgements-chased",
        targetType: "policy-version",
        targetId: published.id,
        details: { major: published.major, chased: chased.length, chasedRecently, userIds: chased },
      },
      now,
    );
    return { chased: chased.length, chasedRecently };
  });
}
