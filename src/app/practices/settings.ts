import { AppError, notFound } from "../../core/errors";
import {
  practiceSettingsSchema,
  readPracticeSettings,
  type PracticeSettings,
  settingLabel,
} from "../../core/practice-settings";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";

export interface PracticeSettingsView {
  name: string;
  slug: string;
  revision: number;
  settings: PracticeSettings;
}

export async function getPracticeSettings(
  ctx: AppContext,
  practiceId: string,
): Promise<PracticeSettingsView> {
  const p = await ctx.db
    .selectFrom("practices")
    .select(["name", "slug", "revision", "settings"])
    .where("id", "=", practiceId)
    .executeTakeFirst();
  if (!p) throw notFound("That practice");
  return { name: p.name, slug: p.slug, revision: p.revision, settings: readPracticeSettings(p.settings) };
}

/**
 * Saves the practice's name and settings. `revision` is the one the editor started from: if someone else
 * saved in between, the save is refused with 409 and nothing is overwritten, so the editor can reload and
 * reapply their change.
 */
export async function updatePracticeSettings(
  ctx: AppContext,
  input: { practiceId: string; actorId: string; revision: number; name: string; settings: unknown },
): Promise<PracticeSettingsView> {
  const name = input.name.trim();
  if (!name)
    throw new AppError("invalid-input", "Please enter the practice's name.", {
      name: "Enter the practice's name.",
    });
  if (name.length > 200)
    throw new AppError("invalid-input", "The practice's name is too long (200 characters at most).", {
      name: "200 characters at most.",
    });
  const parsed = practiceSettingsSchema.safeParse(input.settings ?? {});
  if (!parsed.success) {
    // Every problem at once, each named as the Settings page labels it.
    const fields: Record<string, string> = {};
    const labels: string[] = [];
    for (const i of parsed.error.issues) {
      const key = `settings.${i.path.join(".")}`;
      if (fields[key]) continue;
      const label = settingLabel(String(i.path[0] ?? ""));
      fields[key] = `${label}: ${i.message}`;
      if (!labels.includes(label)) labels.push(label);
    }
    const only = Object.values(fields);
    throw new AppError(
      "invalid-input",
      only.length === 1 ? only[0]! : `Please correct ${only.length} settings: ${labels.join(", ")}.`,
      fields,
    );
  }
  const settings = parsed.data;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("practices")
      .select(["settings", "name"])
      .where("id", "=", input.practiceId)
      .executeTakeFirst();
    if (!before) throw notFound("That practice");
    const res = await trx
      .updateTable("practices")
      .set((eb) => ({ name, settings: JSON.stringify(settings), revision: eb("revision", "+", 1) }))
      .where("id", "=", input.practiceId)
      .where("revision", "=", input.revision)
      .returning(["slug", "revision"])
      .executeTakeFirst();
    if (!res)
      throw new AppError(
        "conflict",
        "Someone else saved these settings while you were editing. Your changes have not been saved: reload to see theirs, then make your change again.",
      );
    const old = readPracticeSettings(before.settings);
    const changed = (Object.keys(settings) as (keyof PracticeSettings)[]).filter(
      (k) => JSON.stringify(old[k]) !== JSON.stringify(settings[k]),
    );
    if (before.name !== name) changed.unshift("name" as keyof PracticeSettings);
    await appendAudit(
      trx,
      {
        practiceId: input.practiceId,
        actorId: input.actorId,
        action: "practice.settings-changed",
        targetType: "practice",
        targetId: input.practiceId,
        details: { fields: changed },
      },
      ctx.now(),
    );
    return { name, slug: res.slug, revision: res.revision, settings };
  });
}
