// The practice's channels: the website channel every practice has, the platform accounts it connects and
// manual channels; each with its footer and the account security checklist the practice manager reviews.
import type { Selectable } from "kysely";
import type { ChannelKind } from "../../channels/adapter";
import { capabilitiesOf } from "../../channels/registry";
import { notFound } from "../../core/errors";
import { knownIdShape } from "../../core/ids";
import { CHANNEL_NAMES } from "../../core/posts/limits";
import type { Db } from "../../store/database";
import type { ChannelTable } from "../../store/schema";

export type ChannelRow = Selectable<ChannelTable>;
export type ChannelStatus = "connected" | "reconnect-needed" | "not-connected";

export interface ChannelSecurity {
  twoFactor: boolean;
  peopleWithAccess: string;
  recoveryEmail: string;
  lastReviewedOn: string | null;
  /** The practice members (user ids) who can sign in to the platform account. */
  membersWithAccess: string[];
  /** When the account's password was last changed (ISO day). */
  passwordChangedOn: string | null;
}

/** The website channel's name as the practice reads it. */
const WEBSITE_NAME = "Practice website";

/** Makes sure the practice has its website channel (created on first use; safe when two requests race). */
export async function ensureWebsiteChannel(db: Db, practiceId: string, now: Date): Promise<void> {
  const has = await db
    .selectFrom("channels")
    .select("id")
    .where("practice_id", "=", practiceId)
    .where("kind", "=", "website")
    .executeTakeFirst();
  if (has) return;
  await db
    .insertInto("channels")
    .values({
      practice_id: practiceId,
      kind: "website",
      name: WEBSITE_NAME,
      status: "connected",
      footer: null,
      max_chars: null,
      security: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column("practice_id").where("kind", "=", "website").doNothing())
    .execute();
}

/** Every channel of the practice, website first, then by kind and name. */
export async function loadChannels(db: Db, practiceId: string): Promise<ChannelRow[]> {
  const rows = await db.selectFrom("channels").selectAll().where("practice_id", "=", practiceId).execute();
  const order = (r: ChannelRow) => (r.kind === "website" ? 0 : r.kind === "manual" ? 2 : 1);
  return rows.sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** One channel of this practice, or 404 (also for another practice's id). */
export async function loadChannel(
  db: Db,
  practiceId: string,
  channelId: string,
  forUpdate = false,
): Promise<ChannelRow> {
  knownIdShape(channelId, "That channel");
  let q = db
    .selectFrom("channels")
    .selectAll()
    .where("id", "=", channelId)
    .where("practice_id", "=", practiceId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound("That channel");
  return row;
}

const asSecurity = (value: unknown): ChannelSecurity | null => {
  const v = (typeof value === "string" ? JSON.parse(value) : value) as Partial<ChannelSecurity> | null;
  if (!v || typeof v !== "object") return null;
  return {
    twoFactor: v.twoFactor === true,
    peopleWithAccess: typeof v.peopleWithAccess === "string" ? v.peopleWithAccess : "",
    recoveryEmail: typeof v.recoveryEmail === "string" ? v.recoveryEmail : "",
    lastReviewedOn: typeof v.lastReviewedOn === "string" ? v.lastReviewedOn : null,
    membersWithAccess: Array.isArray(v.membersWithAccess)
      ? v.membersWithAccess.filter((id): id is string => typeof id === "string")
      : [],
    passwordChangedOn: typeof v.passwordChangedOn === "string" ? v.passwordChangedOn : null,
  };
};

/** A channel's security checklist as stored (null when none was ever recorded). */
export const securityOf = (row: Pick<ChannelRow, "security">): ChannelSecurity | null =>
  asSecurity(row.security);

export const channelKindOf = (row: Pick<ChannelRow, "kind">): ChannelKind => row.kind as ChannelKind;

/** A channel as the API answers it (never its credentials). */
export function channelView(row: ChannelRow, allowed?: ("manage-channel" | "connect-channel")[]) {
  const kind = channelKindOf(row);
  const caps = capabilitiesOf(kind);
  return {
    id: row.id,
    kind,
    name: row.name,
    status: row.status as ChannelStatus,
    footer: row.footer,
    maxChars: row.max_chars,
    requiresImage: caps.requiresImage,
    maxImages: caps.maxImages,
    security: securityOf(row),
    ...(allowed ? { allowed } : {}),
  };
}

/** A short reference to a channel, as posts carry it. */
export const channelRef = (row: Pick<ChannelRow, "id" | "kind" | "name">) => ({
  id: row.id,
  kind: channelKindOf(row),
  name: row.name,
});

/** The plain name of a kind of channel, for messages. */
export const kindName = (kind: ChannelKind): string => CHANNEL_NAMES[kind];
