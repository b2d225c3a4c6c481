// Demo setup: in Riverside Surgery the receptionist has completed the personal-account check and shares that, the
// partner shares a check still in progress, and the others have not shared theirs, so the practice manager's
// summary shows all three statuses. Each answer goes through the same use cases a member would use.
import type { AppContext } from "../context";
import { ITEMS, SEED_PLATFORMS } from "../../core/my-accounts";
import { saveMyAccountsPlatform, setMyAccountsSharing } from "./check";

const RECEPTION = "reception@riverside.example";
const PARTNER = "partner@riverside.example";

export async function demoMyAccounts(ctx: AppContext, practiceId: string): Promise<void> {
  const people = await ctx.db
    .selectFrom("users")
    .select(["id", "email"])
    .where("email", "in", [RECEPTION, PARTNER])
    .execute();
  const reception = people.find((p) => p.email === RECEPTION);
  const partner = people.find((p) => p.email === PARTNER);
  if (!reception || !partner) return;
  const allDone = Object.fromEntries(ITEMS.map((i) => [i.id, "done" as const]));
  const used = new Set(["facebook", "instagram", "strava"]);
  for (const p of SEED_PLATFORMS)
    await saveMyAccountsPlatform(ctx, practiceId, { userId: reception.id }, p.key, {
      uses: used.has(p.key),
      items: used.has(p.key) ? allDone : {},
    });
  await setMyAccountsSharing(ctx, practiceId, { userId: reception.id }, true);
  await saveMyAccountsPlatform(ctx, practiceId, { userId: partner.id }, "facebook", {
    uses: true,
    items: { "privacy-settings": "done", "neutral-picture": "done", "location-sharing": "not-yet" },
  });
  await setMyAccountsSharing(ctx, practiceId, { userId: partner.id }, true);
}
