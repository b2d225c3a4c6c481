// The scheduled token refresh (issue 9, part 7). Platforms whose access tokens expire (X after two hours,
// LinkedIn after sixty days) hand out refresh tokens; this job renews each channel's tokens a while before they
// expire, keeping the new refresh token where the platform rotates it. A refresh the platform refuses (the
// practice removed the app's access, or the refresh token itself expired) marks the channel "reconnect needed"
// and tells the practice's admins and posters by mail; publishing then holds the posts due on it until an admin
// reconnects, and never drops them (src/app/posts/publish.ts). A platform that cannot be reached is tried again
// on the next run. Nothing here logs or audits a token.
import * as oauth from "openid-client";
import type { Mail } from "../../mail/mailer";
import { markNotified } from "../waiting/notify";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";
import { activeMembers, loadPractice } from "../policy/policy-store";
import { appCredentialsFor } from "./app-credentials";
import { channelKindOf, type ChannelRow } from "./channels";
import { openCredentials, sealCredentials } from "./connect-credentials";
import { oauthConfig } from "./connect-oauth";
import { oauthPlatformFor } from "./connect-platforms";

/** Tokens expiring within this long are renewed (the job runs every quarter of an hour). */
export const REFRESH_AHEAD_MS = 60 * 60_000;

export type RefreshOutcome = "refreshed" | "reconnect-needed" | "try-later" | "skipped";

/** The job: renews every due channel's tokens, one channel at a time; returns what happened to each. */
export async function refreshChannelTokens(ctx: AppContext): Promise<Record<string, RefreshOutcome>> {
  const due = await ctx.db
    .selectFrom("channels")
    .select(["id", "token_expires_at"])
    .where("status", "=", "connected")
    .where("token_expires_at", "is not", null)
    .where("token_expires_at", "<", new Date(ctx.now().getTime() + REFRESH_AHEAD_MS))
    .execute();
  const outcomes: Record<string, RefreshOutcome> = {};
  for (const c of due) outcomes[c.id] = await refreshChannel(ctx, c.id, c.token_expires_at!);
  return outcomes;
}

/**
 * Renews one channel's tokens, if they are still the ones that expire at `seenExpiry`. The row is locked for the
 * exchange, so two instances (or a retried job) never both spend one refresh token: the second finds the tokens
 * already renewed (another expiry) and skips them.
 */
export async function refreshChannel(
  ctx: AppContext,
  channelId: string,
  seenExpiry: Date,
): Promise<RefreshOutcome> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("channels")
      .selectAll()
      .where("id", "=", channelId)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    const now = ctx.now();
    if (
      !row ||
      row.status !== "connected" ||
      !row.token_expires_at ||
      row.token_expires_at.getTime() !== seenExpiry.getTime() ||
      row.token_expires_at.getTime() >= now.getTime() + REFRESH_AHEAD_MS
    )
      return "skipped";
    const kind = channelKindOf(row);
    const platform = oauthPlatformFor(kind, kind === "mastodon" ? row.api_base : null);
    if (!platform?.refreshes) return "skipped";
    const credentials = openCredentials({ ...ctx, db: trx }, row) ?? {};
    const app = await appCredentialsFor(
      { ...ctx, db: trx },
      row.practice_id,
      platform.app,
      kind === "mastodon" ? (row.api_base ?? "") : "",
    );
    if (!credentials.refreshToken || !app) return markReconnect(ctx, trx, row, "no-refresh-token");
    let answer: oauth.TokenEndpointResponse;
    try {
      answer = await oauth.refreshTokenGrant(oauthConfig(platform, app), credentials.refreshToken);
    } catch (err) {
      // The platform's own "no" (invalid_grant and the like): only a person reconnecting can mend it.
      if (err instanceof oauth.ResponseBodyError || (err instanceof oauth.ClientError && isRefusal(err)))
        return markReconnect(ctx, trx, row, "refused");
      return "try-later";
    }
    const renewed = {
      ...credentials,
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token ?? credentials.refreshToken,
    };
    await trx
      .updateTable("channels")
      .set({
        credentials_enc: sealCredentials(ctx, row.id, renewed),
        token_expires_at: answer.expires_in ? new Date(now.getTime() + answer.expires_in * 1000) : null,
        refresh_failed_at: null,
        updated_at: now,
      })
      .where("id", "=", row.id)
      .execute();
    return "refreshed";
  });
}

/** A 4xx from the token endpoint that openid-client did not parse as an OAuth error body. */
function isRefusal(err: oauth.ClientError): boolean {
  const status = (err.cause as { status?: unknown } | undefined)?.status;
  return typeof status === "number" && status >= 400 && status < 500 && status !== 429;
}

async function markReconnect(
  ctx: AppContext,
  trx: AppContext["db"],
  row: ChannelRow,
  why: "refused" | "no-refresh-token",
): Promise<RefreshOutcome> {
  const now = ctx.now();
  await trx
    .updateTable("channels")
    .set({ status: "reconnect-needed", refresh_failed_at: now, updated_at: now })
    .where("id", "=", row.id)
    .execute();
  await appendAudit(
    trx,
    {
      practiceId: row.practice_id,
      actorId: null,
      action: "channel.reconnect-needed",
      targetType: "channel",
      targetId: row.id,
      details: { kind: row.kind, reason: why },
    },
    now,
  );
  const practice = await loadPractice(trx, row.practice_id);
  const held = await trx
    .selectFrom("deliveries")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("channel_id", "=", row.id)
    .where("state", "in", ["scheduled", "held"])
    .executeTakeFirstOrThrow();
  const waiting = Number(held.n);
  const told = (await activeMembers(trx, row.practice_id)).filter((p) =>
    p.roles.some((r) => r === "admin" || r === "poster"),
  );
  // This mail is the news; "waiting for you" must not mail it again.
  await markNotified(
    trx,
    row.practice_id,
    told.map((p) => p.userId),
    `channels:reconnect:${row.id}`,
    now,
  );
  for (const person of told) {
    const mail: Mail = {
      to: person.email,
      practiceId: row.practice_id,
      subject: `${row.name} needs reconnecting before it can post for ${practice.name}`,
      text: [
        `Hello ${person.name},`,
        "",
        `safepost could no longer renew its access to ${row.name}: the platform refused, perhaps because safepost's access was removed there.`,
        waiting
          ? `${waiting} post${waiting === 1 ? " is" : "s are"} due on it. They are held, not lost, and go out once it is reconnected.`
          : "No posts are due on it just now.",
        "",
        person.roles.includes("admin")
          ? "Reconnect it on the Channels page:"
          : "An admin of the practice can reconnect it on the Channels page:",
        `${ctx.baseUrl}/practice/${row.practice_id}/channels`,
      ].join("\n"),
    };
    await ctx.mailer.send(mail, trx);
  }
  return "reconnect-needed";
}
