import { defaultReviewDue, policyTemplate } from "../../core/policy";
import type { AppContext } from "../context";
import { publishRow } from "./approve-publish";
import { loadVersion } from "./policy-store";

/** Demo setup: the demo practice starts with the template published as version 1.0. */
export async function publishTemplateForDemo(ctx: AppContext, practiceId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    const row = await trx
      .insertInto("policy_versions")
      .values({
        practice_id: practiceId,
        major: 1,
        minor: 0,
        change_kind: "major",
        status: "approved",
        changelog: "First version, adopted from the safepost template.",
        document: JSON.stringify(policyTemplate()),
        created_at: now,
        last_edited_at: now,
        approved_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await publishRow(trx, ctx, await loadVersion(trx, practiceId, row.id), null, defaultReviewDue(now));
  });
}
