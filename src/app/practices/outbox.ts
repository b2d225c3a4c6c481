import type { Db } from "../../store/database";

/** One mail as the practice's outbox page shows it. */
export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  body: string;
  confidential: boolean;
  status: string;
  error: string | null;
  createdAt: Date;
}

/**
 * The practice's outbox, newest first (at most 200): mail about this practice, plus account mail (password
 * resets) to its active members. A mail carrying a sign-in link is only ever described, whoever reads it.
 */
export async function listPracticeOutbox(db: Db, practiceId: string): Promise<OutboxMail[]> {
  const mails = await db
    .selectFrom("outbox")
    .select([
      "id",
      "to_address",
      "subject",
      "body",
      "confidential",
      "summary",
      "status",
      "error",
      "created_at",
    ])
    .where((eb) =>
      eb.or([
        eb("practice_id", "=", practiceId),
        eb.and([
          eb("practice_id", "is", null),
          eb(
            "to_address",
            "in",
            eb
              .selectFrom("memberships")
              .innerJoin("users", "users.id", "memberships.user_id")
              .select("users.email")
              .where("memberships.practice_id", "=", practiceId)
              .where("memberships.deactivated_at", "is", null),
          ),
        ]),
      ]),
    )
    .orderBy("created_at", "desc")
    .limit(200)
    .execute();
  return mails.map((m) => ({
    id: m.id,
    to: m.to_address,
    subject: m.subject,
    body: m.confidential ? (m.summary ?? "A mail with a personal link was sent.") : m.body,
    confidential: m.confidential,
    status: m.status,
    error: m.error,
    createdAt: m.created_at,
  }));
}
