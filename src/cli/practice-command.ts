// What the practice-scoped CLI commands share (`safepost policy …`, `safepost posts …`): options read
// through zod, and a runtime opened on one practice, found by its short name, closed again afterwards.
import { z } from "zod";
import { loadConfig } from "../config";
import { openRuntime } from "../runtime";
import type { AppContext } from "../app/context";
import { AppError } from "../core/errors";
import { SLUG } from "../app/practices/create-practice";
import { findPracticeBySlug, type PracticeInfo } from "../app/policy";
import { CliError } from "./cli-error";

export const practiceOption = z.string().regex(SLUG, "the practice is its short name, e.g. riverside");

/** Runs `run` on the practice called `slug`; a practice that does not exist, or an AppError, ends the command plainly. */
export async function withPractice<T>(
  slug: string,
  run: (ctx: AppContext, p: PracticeInfo) => Promise<T>,
): Promise<T> {
  const rt = await openRuntime(loadConfig());
  try {
    const practice = await findPracticeBySlug(rt.ctx.db, slug);
    if (!practice) throw new CliError(`there is no practice with the short name "${slug}".`, 2);
    return await run(rt.ctx, practice);
  } catch (err) {
    if (err instanceof AppError) throw new CliError(err.message, 1);
    throw err;
  } finally {
    await rt.close();
  }
}

/** The command's options as `schema` reads them; anything off ends the command with exit code 2, naming the option. */
export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const r = schema.safeParse(raw);
  if (!r.success)
    throw new CliError(r.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "), 2);
  return r.data;
}
