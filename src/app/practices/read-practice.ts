import { notFound } from "../../core/errors";
import type { Db } from "../../store/database";

/** The practice a member is looking at: its id, short name, name and settings. */
export async function readPractice(db: Db, practiceId: string) {
  const practice = await db
    .selectFrom("practices")
    .select(["id", "slug", "name", "settings"])
    .where("id", "=", practiceId)
    .executeTakeFirst();
  if (!practice) throw notFound("That practice");
  return practice;
}

/** Every practice's id and short name (the installation's operator, from the command line). */
export function listPracticeSlugs(db: Db): Promise<{ id: string; slug: string }[]> {
  return db.selectFrom("practices").select(["id", "slug"]).orderBy("slug").execute();
}
