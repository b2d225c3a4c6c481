import type { AppContext } from "../context";
import type { PracticeProfile } from "../../core/checker/types";
import { AppError } from "../../core/errors";
import { readPracticeSettings } from "../../core/practice-settings";
import { policyProfile } from "../policy/checker-profile";

/**
 * What the checker should know about a practice: its name and aliases, staff names (active members),
 * local places, phone numbers and email domains (the practice's settings), and the clauses and hot topics
 * of its published policy.
 */
export async function buildPracticeProfile(ctx: AppContext, practiceId: string): Promise<PracticeProfile> {
  const practice = await ctx.db
    .selectFrom("practices")
    .select(["name", "settings"])
    .where("id", "=", practiceId)
    .executeTakeFirst();
  if (!practice) throw new AppError("not-found", "That practice could not be found.");
  const s = readPracticeSettings(practice.settings);
  const members = await ctx.db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select("users.name")
    .where("memberships.practice_id", "=", practiceId)
    .where("memberships.deactivated_at", "is", null)
    .execute();
  const profile: PracticeProfile = {
    practiceNames: [practice.name, ...s.aliases],
    staffNames: members.map((m) => m.name).filter((n) => n.trim() !== ""),
    places: s.places,
    phones: s.phone ? [s.phone] : [],
    emailDomains: s.emailDomains,
    details: {
      name: practice.name,
      ...(s.phone ? { phone: s.phone } : {}),
      ...(s.onlineConsultationUrl ? { onlineConsultationUrl: s.onlineConsultationUrl } : {}),
      ...(s.complaintsProcedureUrl ? { complaintsProcedureUrl: s.complaintsProcedureUrl } : {}),
    },
    ...(await policyProfile(ctx, practiceId)),
  };
  return profile;
}
