import type { AppContext } from "../context";
import { practiceStamp } from "../practices/change-stamp";
import { buildPracticeProfile } from "./practice-profile";

type Profile = Awaited<ReturnType<typeof buildPracticeProfile>>;
const cache = new Map<string, { seq: string; profile: Profile }>();

/**
 * The practice's checker profile, built once and rebuilt only when the practice changes (its change stamp
 * moves: settings, staff or policy), so a check with a practiceId costs no rebuild.
 */
export async function cachedPracticeProfile(
  ctx: AppContext,
  practiceId: string,
  maxAgeMs?: number,
): Promise<Profile> {
  const stamp = await practiceStamp(ctx.db, practiceId, maxAgeMs);
  const hit = cache.get(practiceId);
  if (hit && hit.seq === stamp.seq) return hit.profile;
  const profile = await buildPracticeProfile(ctx, practiceId);
  cache.set(practiceId, { seq: stamp.seq, profile });
  return profile;
}
