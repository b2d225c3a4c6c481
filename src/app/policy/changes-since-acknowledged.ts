import { diffPolicies, formatVersion, type ClauseDiff } from "../../core/policy";
import { loadPractice, loadPublished, loadVersion, loadVersions } from "./policy-store";
import type { AppContext } from "../context";

export interface ChangesSinceAcknowledged {
  /** The published version the member is asked to read. */
  to: { id: string; version: string };
  /** The version they last acknowledged, or null if they have never acknowledged one. */
  since: { id: string; version: string; acknowledgedAt: string } | null;
  /** Every clause compared, clause by clause (placeholders filled); the page shows those that changed. */
  clauses: ClauseDiff[];
  /** The change notes of the versions published since, newest first. */
  changeNotes: { version: string; changelog: string }[];
}

/**
 * What changed in the published policy since the version a member last acknowledged, so someone asked to
 * acknowledge a new major version reads the differences before the whole text. Null when nothing is published.
 */
export async function changesSinceAcknowledged(
  ctx: AppContext,
  practiceId: string,
  userId: string,
): Promise<ChangesSinceAcknowledged | null> {
  const published = await loadPublished(ctx.db, practiceId);
  if (!published) return null;
  const to = { id: published.id, version: formatVersion(published) };
  const last = await ctx.db
    .selectFrom("policy_acknowledgements")
    .select(["version_id", "acknowledged_at"])
    .where("practice_id", "=", practiceId)
    .where("user_id", "=", userId)
    .orderBy("major", "desc")
    .orderBy("acknowledged_at", "desc")
    .executeTakeFirst();
  if (!last) return { to, since: null, clauses: [], changeNotes: [] };
  const was = await loadVersion(ctx.db, practiceId, last.version_id);
  const { details } = await loadPractice(ctx.db, practiceId);
  const since = {
    id: was.id,
    version: formatVersion(was),
    acknowledgedAt: last.acknowledged_at.toISOString(),
  };
  // The versions published after the acknowledged one, up to and including today's.
  const after = (v: { major: number; minor: number }) =>
    v.major > was.major || (v.major === was.major && v.minor > was.minor);
  const notYetLater = (v: { major: number; minor: number }) =>
    v.major < published.major || (v.major === published.major && v.minor <= published.minor);
  const changeNotes = (await loadVersions(ctx.db, practiceId))
    .filter((v) => v.published_at && after(v) && notYetLater(v) && v.changelog.trim())
    .map((v) => ({ version: formatVersion(v), changelog: v.changelog }));
  return {
    to,
    since,
    clauses: was.id === published.id ? [] : diffPolicies(was.document, published.document, details),
    changeNotes,
  };
}
