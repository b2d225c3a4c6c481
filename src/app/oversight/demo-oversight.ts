// Demo setup: the demo practice keeps the checker's monthly counts, turned on by its practice manager before the
// demo's posts and comments arrive, so the Oversight page shows what the checker caught this month.
import type { AppContext } from "../context";
import { setCheckerCounting } from "../checker/checker-counts";

/** The demo's practice manager (src/app/demo/ensure-demo.ts creates them). */
const MANAGER = "manager@riverside.example";

export async function demoOversight(ctx: AppContext, practiceId: string): Promise<void> {
  const manager = await ctx.db
    .selectFrom("users")
    .select("id")
    .where("email", "=", MANAGER)
    .executeTakeFirst();
  if (manager) await setCheckerCounting(ctx, practiceId, { userId: manager.id }, true);
}
