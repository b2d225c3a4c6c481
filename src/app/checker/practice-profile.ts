import type { AppContext } from "../context";
import type { PracticeProfile } from "../../core/checker/types";
import { AppError } from "../../core/errors";

const strings = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.filter((x): x is string => typeof x === "string" && x.trim() !== "")
    : typeof v === "string" && v.trim()
      ? [v]
      : [];
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);

/**
 * What the checker should know about a practice: its name and aliases, staff names (active members),
 * local places, phone numbers and email domains, from practices.settings and the memberships.
 */
export async function buildPracticeProfile(ctx: AppContext, practiceId: string): Promise<PracticeProfile> {
  const practice = await ctx.db
    .selectFrom("practices")
    .select(["name", "settings"])
    .where("id", "=", practiceId)
    .executeTakeFirst();
  if (!practice) throw new AppError("not-found", "That practice could not be found.");
  const s = (
    typeof practice.settings === "string" ? JSON.parse(practice.settings) : practice.settings
  ) as Record<string, unknown>;
  const members = await ctx.db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select("users.name")
    .where("memberships.practice_id", "=", practiceId)
    .where("memberships.deactivated_at", "is", null)
    .execute();
  const phones = strings(s.phone).concat(strings(s.phones));
  const profile: PracticeProfile = {
    practiceNames: [practice.name, ...strings(s.aliases)],
    staffNames: members.map((m) => m.name).filter((n) => n.trim() !== ""),
    places: strings(s.places),
    phones,
    emailDomains: strings(s.emailDomains),
    details: {
      name: practice.name,
      ...(phones[0] ? { phone: phones[0] } : {}),
      ...(str(s.onlineConsultationUrl) ? { onlineConsultationUrl: str(s.onlineConsultationUrl)! } : {}),
      ...(str(s.complaintsProcedureUrl) ? { complaintsProcedureUrl: str(s.complaintsProcedureUrl)! } : {}),
    },
  };
  return profile;
}
